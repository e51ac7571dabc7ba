"""Mail with attachments, for the benches: the corpus has few large messages, and an export sales
mailbox has many (a quotation with its PDF, a catalogue, a drawing). Writes COUNT .eml files into DIR,
each a short reply quoting the question above it and one attachment of SIZE random bytes (so nothing
compresses or repeats), as a mailer sends it: multipart/mixed, base64 in lines of 76. The same
arguments write the same bytes. Point a bench's corpus at the folder:

    python3 bench/lib/quotations.py /tmp/quotations 40 1200000
    GENJIN_CORPORA=/tmp/quotations bench/import/run 5 3

usage: quotations.py DIR [COUNT=40] [SIZE=1200000]"""
import base64
import os
import random
import sys


def quotation(i, size, rnd):
    pdf = rnd.randbytes(size)
    body = "\r\n".join(
        f"Dear Mr Li,\r\n\r\nPlease find our quotation {i} attached: item {n}, 500 pcs at USD 3.{n:02d} each."
        for n in range(5))
    encoded = base64.encodebytes(pdf).decode("ascii").replace("\n", "\r\n")
    return ("Message-ID: <q{i}@acme-trading{i}.de>\r\n"
            "From: Hans Mueller <hans{i}@acme-trading{i}.de>\r\n"
            "To: Li Lei <lilei@team.example>\r\n"
            "Subject: Quotation {i}\r\n"
            "Date: Mon, 30 Nov 2026 10:{m:02d}:00 +0100\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "{body}\r\n\r\nOn Fri, 27 Nov 2026 at 09:00, Li Lei <lilei@team.example> wrote:\r\n> Please quote.\r\n"
            "--b\r\nContent-Type: application/pdf; name=\"quotation.pdf\"\r\n"
            "Content-Disposition: attachment; filename=\"quotation.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n{encoded}--b--\r\n").format(
        i=i, m=i % 60, body=body, encoded=encoded)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    folder = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 40
    size = int(argv[3]) if len(argv) > 3 else 1_200_000
    os.makedirs(folder, exist_ok=True)
    rnd = random.Random(5)
    for i in range(count):
        with open(os.path.join(folder, f"q{i:03d}.eml"), "w", newline="", encoding="ascii") as f:
            f.write(quotation(i, size, rnd))


if __name__ == "__main__":
    main(sys.argv)
