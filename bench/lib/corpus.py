"""The benchmarks' mail: the corpus's .eml files, copied as often as asked, each copy with a unique
Message-ID so that every message counts as new, and a unique first line in each of its texts, so that
no copy repeats another's text (real mail seldom does: a cache of recent results keyed by a text must
not make a copy cost less than the mail a user imports)."""
import binascii
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
    Message-ID (and its folded lines) replaced by <tag-copy-index@genjin.bench> as the first header,
    and every text part opening with a line of its own (unique_text)."""
    files = corpus_files(corpora)
    for c in range(copies):
        for n, path in enumerate(files):
            with open(path, "rb") as f:
                raw = f.read().replace(b"\r\n", b"\n")
            head, _, body = raw.partition(b"\n\n")
            head = re.sub(rb"(?im)^message-id:.*\n?(?:[ \t].*\n?)*", b"", head + b"\n").rstrip(b"\n")
            message = b"Message-ID: <%s-%d-%d@genjin.bench>\n" % (tag.encode(), c, n) + head + b"\n\n" + body
            yield c, n, unique_text(message, b"c%dn%d" % (c, n))


def unique_text(message, token):
    """The message (LF line ends) with `token` as the first line of every text/plain and text/html
    part, forwarded messages' included: written as it stands in a 7bit, 8bit or quoted-printable part,
    base64 parts decoded and encoded again. Everything else is left byte for byte, malformed structure
    included; a text part in UTF-16 or UTF-32, whose bytes an ASCII line would break, stays as it is."""
    head, sep, body = message.partition(b"\n\n")
    if not sep:
        return message
    return head + sep + _entity_body(head, body, token + b"\n")


def _fields(head):
    fields = {}
    for line in re.sub(rb"\n[ \t]+", b" ", head).split(b"\n"):
        name, colon, value = line.partition(b":")
        if colon:
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _param(value, name):
    m = re.search(rb'(?i);\s*' + name + rb'\s*=\s*(?:"([^"]*)"|([^;\s]+))', value)
    return None if not m else m.group(1) if m.group(1) is not None else m.group(2)


def _entity_body(head, body, line):
    fields = _fields(head)
    ctype = fields.get(b"content-type", b"text/plain")
    mtype = ctype.split(b";")[0].strip().lower()
    if mtype.startswith(b"multipart/"):
        boundary = _param(ctype, b"boundary")
        if not boundary:
            return body
        # [preamble, delimiter, part, delimiter, part, ..., closing delimiter, epilogue]
        pieces = re.split(rb"(?m)(^--" + re.escape(boundary) + rb"(?:--)?[ \t]*$)", body)
        for i in range(2, len(pieces), 2):
            if pieces[i - 1].rstrip() != b"--" + boundary + b"--":   # not the epilogue
                pieces[i] = _part(pieces[i], line)
        return b"".join(pieces)
    if mtype == b"message/rfc822":
        inner_head, sep, inner_body = body.partition(b"\n\n")
        return inner_head + sep + _entity_body(inner_head, inner_body, line) if sep else body
    if mtype not in (b"text/plain", b"text/html"):
        return body
    charset = (_param(ctype, b"charset") or b"").lower()
    if b"16" in charset or b"32" in charset:
        return body
    if fields.get(b"content-transfer-encoding", b"").lower() == b"base64":
        try:
            data = binascii.a2b_base64(body)
        except binascii.Error:
            return body
        encoded = binascii.b2a_base64(line + data, newline=False)
        return b"\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76)) + b"\n"
    return line + body


def _part(chunk, line):
    """A part between two delimiter lines: the newline ending the delimiter, headers, body."""
    if not chunk.startswith(b"\n"):
        return chunk
    rest = chunk[1:]
    if rest.startswith(b"\n"):   # no headers: a text/plain part
        return b"\n\n" + _entity_body(b"", rest[1:], line)
    head, sep, body = rest.partition(b"\n\n")
    if not sep:
        return chunk
    return b"\n" + head + sep + _entity_body(head, body, line)


def mbox_entry(message):
    """One mbox entry (mboxrd: every From line quoted once more)."""
    return (b"From bench@genjin Mon Jan  1 00:00:00 2024\n" + re.sub(rb"(?m)^(>*From )", rb">\1", message)
            + (b"\n" if message.endswith(b"\n") else b"\n\n"))
