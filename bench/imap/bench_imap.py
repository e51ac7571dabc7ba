"""Helpers of bench/imap/run: add a mailbox to a running Genjin through its API and wait until it is
synced, timing it (wall clock and the JVM's CPU seconds), as a user would meet it."""
import json
import os
import sys
import time
import urllib.error
import urllib.request


def api(base, token, method, path, body=None):
    request = urllib.request.Request(base + path, method=method, headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"},
        data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        sys.exit("%s %s: %s %s" % (method, path, e.code, e.read().decode(errors="replace")))


def cpu_seconds(pid):
    """user + system CPU of a process (all its threads) from /proc."""
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def gauge(base, token, name):
    _, metric = api(base, token, "GET", "/actuator/metrics/" + name)
    return int(metric["measurements"][0]["value"])


def sync(base, token, pid, imap_port, user, password, timeout=1800):
    """Creates the rep, adds the mailbox, waits for IDLE with backlog 0, the first sync done, every event
    handled and every message searchable.
    Prints 'seconds cpu_seconds done total'."""
    _, rep = api(base, token, "POST", "/api/users",
                 {"name": "Bench Rep", "addresses": [user], "role": "REP", "locale": "en"})
    cpu0 = cpu_seconds(pid)
    start = time.monotonic()
    status, account = api(base, token, "POST", "/api/users/%s/mailboxes" % rep["id"], {
        "host": "127.0.0.1", "port": int(imap_port), "security": "NONE", "username": user, "secret": password})
    assert status == 201, account
    while True:
        _, boxes = api(base, token, "GET", "/api/users/%s/mailboxes" % rep["id"])
        s = boxes[0]["status"]
        initial = s.get("initialSync") or {}
        if s.get("state") == "IDLE" and s.get("backlog") == 0:
            break
        if s.get("state") == "ERROR":
            sys.stderr.write("mailbox error: %s\n" % s.get("lastError"))
        if time.monotonic() - start > timeout:
            sys.exit("gave up waiting for IDLE: %s" % s)
        # Every 0.1 s, as bench/smtp/run polls: the end is read at most that late (a half-second poll
        # added 0.25 s on average to a 10-s sync); a status read is one small request.
        time.sleep(0.1)
    # Synced is not yet done: the listeners (reports, rules) handle the events the messages caused and
    # the search index makes them searchable. Both gauges read 0 twice in a row, 0.1 s apart; the clock
    # stops at the first of the two readings.
    zeros = 0
    while zeros < 2:
        if gauge(base, token, "genjin.events.behind") + gauge(base, token, "genjin.search.behind") == 0:
            zeros += 1
            if zeros == 1:
                seconds = time.monotonic() - start
        else:
            zeros = 0
        if time.monotonic() - start > timeout:
            sys.exit("gave up waiting for the listeners and the search index")
        if zeros < 2:
            time.sleep(0.1)
    print("%.3f %.2f %s %s" % (seconds, cpu_seconds(pid) - cpu0, initial.get("done", "?"), initial.get("total", "?")))


if __name__ == "__main__":
    if sys.argv[1] == "sync":
        sync(*sys.argv[2:9])
    elif sys.argv[1] == "cpu":
        print("%.2f" % cpu_seconds(sys.argv[2]))
