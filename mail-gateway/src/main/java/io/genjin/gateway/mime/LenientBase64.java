package io.genjin.gateway.mime;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Base64 as senders really write it: characters outside the alphabet are skipped, and missing
 * '=' padding at the end still yields the last one or two bytes (several real clients omit it).
 * Streams, so a 100 MB attachment needs only a small buffer.
 */
final class LenientBase64 extends FilterInputStream {
    /** Each character's value by its code (a byte's unsigned value): -1 outside the alphabet, '=' among them. */
    private static final int[] VALUES = new int[256];

    static {
        java.util.Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
        VALUES['-'] = 62; // base64url, seen from some webmail
        VALUES['_'] = 63;
    }

    private final byte[] in = new byte[8192];
    private final byte[] out = new byte[6144 + 3];
    private int outPos;
    private int outLen;
    private int quantum;
    private int bits;
    private boolean padded;
    private boolean eof;

    LenientBase64(InputStream source) {
        super(source);
    }

    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4 + 3);
        int quantum = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                break;
            }
            int v = c < VALUES.length ? VALUES[c] : -1;
            if (v < 0) {
                continue;
            }
            quantum = (quantum << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((quantum >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (outPos == outLen) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    private void fill() throws IOException {
        outPos = 0;
        outLen = 0;
        int n = super.in.read(in, 0, in.length);
        if (n < 0) {
            eof = true;
            return;
        }
        for (int i = 0; i < n; i++) {
            // Four characters of the alphabet in a row at a quantum's start, as nearly all of an
            // attachment is (76 to a line): three bytes at once. Anything else (a line break, '=', a
            // stray character, a quantum split by them) takes the character-by-character way below.
            if (bits == 0 && !padded && i + 4 <= n) {
                int a = VALUES[in[i] & 0xff];
                int b = VALUES[in[i + 1] & 0xff];
                int c = VALUES[in[i + 2] & 0xff];
                int d = VALUES[in[i + 3] & 0xff];
                if ((a | b | c | d) >= 0) {
                    int q = a << 18 | b << 12 | c << 6 | d;
                    out[outLen] = (byte) (q >> 16);
                    out[outLen + 1] = (byte) (q >> 8);
                    out[outLen + 2] = (byte) q;
                    outLen += 3;
                    i += 3;
                    continue;
                }
            }
            int c = in[i] & 0xff;
            if (c == '=') {
                padded = true;
                continue;
            }
            int v = VALUES[c];
            if (v < 0) {
                continue;
            }
            if (padded) {
                // Data after padding: a concatenation of separately encoded blocks; start afresh.
                padded = false;
                bits = 0;
                quantum = 0;
            }
            quantum = (quantum << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[outLen++] = (byte) ((quantum >> bits) & 0xff);
            }
        }
    }

    /** Skips decoded bytes (FilterInputStream's skip would skip encoded ones). */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public int available() {
        return outLen - outPos;
    }
}
