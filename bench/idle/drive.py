"""bench/idle driver: adds the mailboxes through the API, waits for every one to be in IDLE, then
delivers mail at a steady rate and measures how long each message takes to be durable in the store
(the pipeline's line for its Message-ID, "ingest <id> STORED in … ms"), while sampling the app's threads and heap."""
import argparse, json, random, re, subprocess, sys, threading, time, urllib.request
from datetime import datetime, timezone

p = argparse.ArgumentParser()
for name in ("http", "imap", "boxes", "pid"):
    p.add_argument("--" + name, type=int, required=True)
for name in ("token", "password", "log", "dovecot_conf"):
    p.add_argument("--" + name.replace("_", "-"), dest=name, required=True)
p.add_argument("--rate", type=float, required=True)
p.add_argument("--minutes", type=float, required=True)
a = p.parse_args()
BASE = "http://127.0.0.1:%d" % a.http


def call(method, path, body=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + a.token, "Content-Type": "application/json",
                                          "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")


def wait(what, check, seconds):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.5)
    sys.exit("bench/idle: gave up waiting for " + what)


def threads():
    with open("/proc/%d/status" % a.pid) as f:
        return int(re.search(r"Threads:\s+(\d+)", f.read()).group(1))


def heap_used_mb():
    """Heap in use (jstat: survivor + eden + old), in MB."""
    out = subprocess.run(["jstat", "-gc", str(a.pid)], capture_output=True, text=True).stdout.split("\n")
    cols = dict(zip(out[0].split(), out[1].split()))
    return sum(float(cols[c]) for c in ("S0U", "S1U", "EU", "OU")) / 1024


def live_heap_mb():
    subprocess.run(["jcmd", str(a.pid), "GC.run"], capture_output=True)
    return heap_used_mb()


def histogram():
    """Live objects per class (jcmd GC.class_histogram, which collects first): {class: bytes}."""
    out = subprocess.run(["jcmd", str(a.pid), "GC.class_histogram"], capture_output=True, text=True).stdout
    rows = {}
    for line in out.split("\n"):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            rows[m.group(3)] = rows.get(m.group(3), 0) + int(m.group(2))
    return rows


def thread_names():
    """Threads per name with digits dropped (a pool's threads together)."""
    out = subprocess.run(["jcmd", str(a.pid), "Thread.print"], capture_output=True, text=True).stdout
    names = {}
    for m in re.finditer(r'^"([^"]*)"', out, re.M):
        key = re.sub(r"\d+", "#", m.group(1))
        names[key] = names.get(key, 0) + 1
    return names


wait("the app to be healthy", lambda: "UP" in urllib.request.urlopen(BASE + "/actuator/health", timeout=5).read().decode(), 900)
started = time.time()
users = []
for i in range(1, a.boxes + 1):
    address = "idle%03d@genjin.test" % i
    user = call("POST", "/api/users", {"name": "Idle Rep %03d" % i, "addresses": [address], "role": "REP"})
    call("POST", "/api/users/%s/mailboxes" % user["id"], {"host": "127.0.0.1", "port": a.imap, "security": "NONE",
                                                          "username": address, "secret": a.password})
    users.append((user["id"], address))


def idle_count():
    n = 0
    for uid, _ in users:
        boxes = call("GET", "/api/users/%s/mailboxes" % uid)
        n += sum(1 for b in boxes if b["status"]["state"] == "IDLE")
    return n


wait("every mailbox in IDLE", lambda: idle_count() == a.boxes, 600)
print("bench/idle: %d mailboxes added and in IDLE after %.0f s" % (a.boxes, time.time() - started), flush=True)

# Every checkpoint line of the log, by Message-ID, as the app's own clock wrote it.
durable = {}
begun = {}
# One line a message: "ingest <id> STORED in 3.2 ms | keepRaw: … | checkpoint: durable", written when it is
# durable; the pipeline began the message that many milliseconds before.
LINE = re.compile(r"^(\S+)\s.*ingest <?([^ >]+)>? STORED in ([\d.]+) ms .*\| checkpoint: durable")


def follow_log():
    with open(a.log, errors="replace") as f:
        while True:
            line = f.readline()
            if not line:
                time.sleep(0.05)
                continue
            m = LINE.search(line)
            if m:
                at = datetime.fromisoformat(m.group(1).replace("Z", "+00:00")).timestamp()
                durable.setdefault(m.group(2), at)
                begun.setdefault(m.group(2), at - float(m.group(3)) / 1000)


threading.Thread(target=follow_log, daemon=True).start()
samples = []
stop = threading.Event()


def sample():
    while not stop.is_set():
        samples.append((time.time(), threads(), heap_used_mb()))
        stop.wait(15)


live_start = live_heap_mb()
histogram_start = histogram()
threads_start = thread_names()
threading.Thread(target=sample, daemon=True).start()
sent = {}
saved = {}
n = 0
end = time.time() + a.minutes * 60
next_at = time.time()
while time.time() < end:
    next_at += 1 / a.rate
    _, address = random.choice(users)
    n += 1
    mid = "idle-%d-%d@genjin.test" % (a.pid, n)
    msg = ("From: Buyer <buyer%d@idle-customer.example>\nTo: <%s>\nSubject: Inquiry %d\nMessage-ID: <%s>\n"
           "Date: %s\n\nPlease quote 500 pcs, item %d.\n") % (n % 50, address, n, mid,
                                                             time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()), n)
    t0 = time.time()
    subprocess.run(["doveadm", "-c", a.dovecot_conf, "save", "-u", address, "-m", "INBOX"], input=msg.encode(), check=True)
    sent[mid] = t0
    saved[mid] = time.time()
    time.sleep(max(0, next_at - time.time()))
drain_until = time.time() + 120
while time.time() < drain_until and not all(m in durable for m in sent):
    time.sleep(0.5)
stop.set()
live_end = live_heap_mb()
histogram_end = histogram()
threads_end = thread_names()
lat = sorted(durable[m] - t for m, t in sent.items() if m in durable)
# Where the time went: delivery until the pipeline starts on the message (IDLE notice, fetch), and the pipeline.
notice = sorted(begun[m] - t for m, t in sent.items() if m in begun)
pipeline = sorted(durable[m] - begun[m] for m in sent if m in durable and m in begun)
with open(a.log + ".latency.csv", "w") as out:
    out.write("message_id,delivered_at,pipeline_started_s,durable_s\n")
    for m, t in sent.items():
        out.write("%s,%.3f,%s,%s\n" % (m, t, "%.3f" % (begun[m] - t) if m in begun else "",
                                       "%.3f" % (durable[m] - t) if m in durable else ""))
missing = [m for m in sent if m not in durable]


def pct(q, values=None):
    values = lat if values is None else values
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


ths = [s[1] for s in samples]
heaps = [s[2] for s in samples]
print("bench/idle: %d messages delivered into %d IDLE mailboxes over %.1f min (%.2f msg/s); %d missing" %
      (len(sent), a.boxes, a.minutes, len(sent) / (a.minutes * 60), len(missing)))
print("latency delivery -> durable in store: p50 %.2f s  p95 %.2f s  max %.2f s" % (pct(0.5), pct(0.95), lat[-1] if lat else float("nan")))
after_save = sorted(durable[m] - saved[m] for m in sent if m in durable)
print("latency mail in the mailbox (doveadm save returned) -> durable: p50 %.2f s  p95 %.2f s  max %.2f s; the save itself: p95 %.2f s"
      % (pct(0.5, after_save), pct(0.95, after_save), after_save[-1] if after_save else float("nan"),
         pct(0.95, sorted(saved[m] - t for m, t in sent.items()))))
print("  of which delivery -> pipeline start: p50 %.2f s  p95 %.2f s; pipeline: p50 %.2f s  p95 %.2f s"
      % (pct(0.5, notice), pct(0.95, notice), pct(0.5, pipeline), pct(0.95, pipeline)))
print("threads: first %d  min %d  max %d  last %d  (%d samples, every 15 s)" % (ths[0], min(ths), max(ths), ths[-1], len(ths)))
print("heap in use: min %.0f MB  max %.0f MB; live heap after a full GC: start %.0f MB  end %.0f MB" %
      (min(heaps), max(heaps), live_start, live_end))
quarters = [samples[int(i * (len(samples) - 1) / 4)] for i in range(5)]
print("over time (min: threads / heap MB): " + "  ".join("%.1f: %d / %.0f" % ((s[0] - quarters[0][0]) / 60, s[1], s[2]) for s in quarters))
grown = sorted(((histogram_end.get(c, 0) - histogram_start.get(c, 0), c) for c in set(histogram_start) | set(histogram_end)),
               reverse=True)[:8]
print("live heap grown most, by class: " + ", ".join("%s +%.1f MB" % (c, b / 1048576) for b, c in grown if b > 0))
changed = sorted((threads_end.get(k, 0) - threads_start.get(k, 0), k) for k in set(threads_start) | set(threads_end))
print("threads per pool, end - start: " + (", ".join("%s %+d" % (k, d) for d, k in changed if d != 0) or "none changed"))
