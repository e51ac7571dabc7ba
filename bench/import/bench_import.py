"""Helpers of bench/import/run: write the corpus as an mbox and as a Maildir (the same messages),
and time one command as a user runs it: wall clock and the peak resident memory of the process."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import corpus  # noqa: E402


def write(corpora, copies, mbox, maildir):
    """The corpus's .eml files `copies` times over, each with a unique Message-ID and text, into an mbox
    and a Maildir holding the same messages. Prints the message count and the size in bytes."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    count = 0
    size = 0
    with open(mbox, "wb") as out:
        for c, n, message in corpus.unique_copies(corpora, copies, "import"):
            if not message.endswith(b"\n"):
                message += b"\n"
            with open(os.path.join(maildir, "cur", "%d.%d.bench:2," % (c, n)), "wb") as m:
                m.write(message)
            out.write(corpus.mbox_entry(message))
            count += 1
            size += len(message)
    print(count, size)


def timed(log, argv):
    """Runs argv with its output to log; prints 'seconds peak_rss_kib exit_code cpu_seconds'."""
    with open(log, "wb") as out:
        start = time.monotonic()
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        # wait4 reports this very process's peak RSS (the launcher execs java, so it is the JVM's).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - start
    print("%.3f %d %d %.2f" % (seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
    elif sys.argv[1] == "timed":
        timed(sys.argv[2], sys.argv[3:])
