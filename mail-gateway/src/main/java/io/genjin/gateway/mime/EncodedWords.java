package io.genjin.gateway.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded-words, decoded leniently. Adjacent words in the same charset are joined as bytes
 * before decoding, because real senders split a multi-byte character across two words (a strict
 * per-word decode turns it into two U+FFFD). Whitespace between adjacent words is dropped (§6.2);
 * words inside quoted strings and without surrounding whitespace are decoded too, as every
 * mainstream client does.
 */
final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,75})\\?([bBqQ])\\?([^?]*?)\\?=");

    private EncodedWords() {
    }

    static String decode(String text) {
        return decode(text, null);
    }

    /**
     * Decodes a header value given as its raw bytes one char per byte (ISO-8859-1), so 8-bit bytes
     * both inside Q-words and in literal text survive: literal 8-bit text is decoded as one unit, by
     * the charset {@link MailCharsets#decode} settles on for all of it (with {@code hint} as context).
     */
    static String decode(String text, Charset hint) {
        if (text == null) {
            return null;
        }
        Charset literal = literalCharset(text, hint);
        if (!text.contains("=?")) {
            return literal == null ? text : new String(text.getBytes(StandardCharsets.ISO_8859_1), literal);
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (m.find()) {
            String between = text.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = m.group(1);
            if (!(adjacent && sameCharset(pendingCharset, charset))) {
                flush(out, pendingCharset, pending);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(literal == null ? between : new String(between.getBytes(StandardCharsets.ISO_8859_1), literal));
                }
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? LenientBase64.decode(m.group(3)) : qDecode(m.group(3));
            pending.writeBytes(bytes);
            pendingCharset = charset;
            last = m.end();
        }
        flush(out, pendingCharset, pending);
        String tail = text.substring(last);
        out.append(literal == null ? tail : new String(tail.getBytes(StandardCharsets.ISO_8859_1), literal));
        return out.toString();
    }

    /** The charset of 8-bit text outside encoded-words, or null when there is none (or chars beyond 0xFF). */
    private static Charset literalCharset(String text, Charset hint) {
        if (sevenBit(text)) {
            // Most header values: no 8-bit byte anywhere, so none outside the encoded words either.
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher m = WORD.matcher(text);
        String outside = m.replaceAll(" ");
        boolean eightBit = false;
        for (int i = 0; i < outside.length(); i++) {
            char c = outside.charAt(i);
            if (c > 0xff) {
                return null;
            }
            eightBit |= c > 0x7f;
            bytes.write(c);
        }
        return eightBit ? MailCharsets.decode(bytes.toByteArray(), null, hint).charset() : null;
    }

    private static boolean sevenBit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameCharset(String a, String b) {
        return a.equalsIgnoreCase(b) || lookup(a).equals(lookup(b));
    }

    private static Optional<Charset> lookup(String label) {
        return MailCharsets.lookup(label);
    }

    private static void flush(StringBuilder out, String charset, ByteArrayOutputStream pending) {
        if (charset == null) {
            return;
        }
        out.append(MailCharsets.decode(pending.toByteArray(), charset, null).text());
        pending.reset();
    }

    private static byte[] qDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0
                    && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c < 256 ? c : '?');
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
