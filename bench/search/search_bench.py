"""Helpers of bench/search/run: write the mbox; wait for the index rebuild and time queries."""
import json
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import corpus  # noqa: E402

QUERIES = ["quotation", "invoice", "meeting", "price", "order", "shipment", "attached", "thanks",
           "报价", "附件", "谢谢", "会议", "订单", "发票", "\"please find attached\"", "delivery OR shipment",
           "hello -world", "test", "mail", "report"]


def write_mbox(corpora, copies, target):
    count = 0
    with open(target, "wb") as out:
        for _, _, message in corpus.unique_copies(corpora, copies, "search"):
            out.write(corpus.mbox_entry(message))
            count += 1
    print(count)


def get(base, token, path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def queries(base, admin, rep, rounds, log):
    started = time.time()
    while True:
        answer = get(base, admin, "/api/search?q=&size=1")
        if not answer["indexing"]:
            break
        time.sleep(0.2)
    indexed = answer["total"]
    rebuilt = None
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r"search index rebuilt: (\d+) message\(s\) in (\d+) ms", line)
            if m:
                rebuilt = (int(m.group(1)), int(m.group(2)) / 1000)
    if rebuilt:
        print("index rebuild from the store: %d messages in %.1f s = %.0f msg/s (read raw, parse, analyse, write)"
              % (rebuilt[0], rebuilt[1], rebuilt[0] / rebuilt[1]))
    else:
        print("index rebuild: done %.1f s after the server answered" % (time.time() - started))
    print("messages in the index: %d" % indexed)
    for who, token in (("admin", admin), ("rep", rep)):
        for q in QUERIES[:3]:  # warm up
            get(base, token, "/api/search?q=" + urllib.parse.quote(q))
        times = []
        hits = 0
        for _ in range(rounds):
            for q in QUERIES:
                t0 = time.perf_counter()
                answer = get(base, token, "/api/search?q=" + urllib.parse.quote(q))
                times.append((time.perf_counter() - t0) * 1000)
                hits += answer["total"]
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print("query latency as %s: %d queries, p50 %.1f ms, p95 %.1f ms, max %.1f ms (%.0f hits/query on average)"
              % (who, len(times), statistics.median(times), p95, times[-1], hits / len(times)))


if __name__ == "__main__":
    if sys.argv[1] == "mbox":
        write_mbox(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        queries(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
