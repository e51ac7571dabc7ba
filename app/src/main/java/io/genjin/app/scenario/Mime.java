package io.genjin.app.scenario;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** The few MIME encodings the generated mail needs, written by hand so every byte is known. */
final class Mime {
    static final String CRLF = "\r\n";

    private Mime() {
    }

    static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    /**
     * RFC 2047 B-encoded words. Split by characters, never by bytes, so no multi-byte GBK or UTF-8
     * character is cut between two words (RFC 2047 §5 forbids it and some readers show U+FFFD).
     */
    static String encodedWords(String text, Charset charset) {
        if (isAscii(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int perWord = charset.equals(StandardCharsets.UTF_8) ? 12 : 18;
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i += perWord) {
            String chunk = new String(cps, i, Math.min(perWord, cps.length - i));
            if (out.length() > 0) {
                out.append(CRLF).append(' ');
            }
            out.append("=?").append(label(charset)).append("?B?")
                    .append(Base64.getEncoder().encodeToString(chunk.getBytes(charset))).append("?=");
        }
        return out.toString();
    }

    /** The label real clients put on the wire: Foxmail writes "GBK", QQ Mail "gb18030", Outlook "gb2312". */
    static String label(Charset charset) {
        return charset.name().equals("GB18030") ? "gb18030" : charset.name();
    }

    static String mailbox(Addr a, Charset charset) {
        if (a.name() == null || a.name().isEmpty()) {
            return a.address();
        }
        String name = isAscii(a.name()) ? quotedIfNeeded(a.name()) : encodedWords(a.name(), charset);
        return name + " <" + a.address() + ">";
    }

    private static String quotedIfNeeded(String name) {
        return name.matches("[A-Za-z0-9 !#$%&'*+/=?^_`{|}~-]*") ? name : "\"" + name.replace("\"", "\\\"") + "\"";
    }

    /** An address list folded after commas, as clients do once a header passes 78 characters. */
    static String mailboxes(List<Addr> list, Charset charset) {
        return list.stream().map(a -> mailbox(a, charset)).collect(Collectors.joining("," + CRLF + "\t"));
    }

    static String base64Lines(byte[] bytes) {
        String b64 = Base64.getEncoder().encodeToString(bytes);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 76) {
            out.append(b64, i, Math.min(b64.length(), i + 76)).append(CRLF);
        }
        return out.toString();
    }

    /** Normalises any line ending to CRLF, as the wire format wants. */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", CRLF);
    }
}
