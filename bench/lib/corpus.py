"""The benchmarks' mail: the corpus's .eml files, copied as often as asked, each copy with a unique
Message-ID so that every message counts as new."""
import os
import re


def corpus_files(corpora):
    """Every .eml under `corpora` (expected results aside), in a stable order."""
    files = []
    for root, _, names in os.walk(corpora):
        for name in names:
            path = os.path.join(root, name)
            if path.endswith(".eml") and "expected" not in path:
                files.append(path)
    files.sort()
    return files


def unique_copies(corpora, copies, tag):
    """Yields (copy, index, message) for the corpus `copies` times over: LF line ends, the original
    Message-ID (and its folded lines) replaced by <tag-copy-index@genjin.bench> as the first header."""
    files = corpus_files(corpora)
    for c in range(copies):
        for n, path in enumerate(files):
            with open(path, "rb") as f:
                raw = f.read().replace(b"\r\n", b"\n")
            head, _, body = raw.partition(b"\n\n")
            head = re.sub(rb"(?im)^message-id:.*\n?(?:[ \t].*\n?)*", b"", head + b"\n").rstrip(b"\n")
            yield c, n, b"Message-ID: <%s-%d-%d@genjin.bench>\n" % (tag.encode(), c, n) + head + b"\n\n" + body


def mbox_entry(message):
    """One mbox entry (mboxrd: every From line quoted once more)."""
    return (b"From bench@genjin Mon Jan  1 00:00:00 2024\n" + re.sub(rb"(?m)^(>*From )", rb">\1", message)
            + (b"\n" if message.endswith(b"\n") else b"\n\n"))
