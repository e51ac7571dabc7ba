package io.genjin.app.ui;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download, as RFC 6266 §4.3 recommends: {@code filename*} in
 * UTF-8 (RFC 8187) for every current browser, and a plain ASCII {@code filename} before it for
 * clients that know only that. Senders choose file names, so nothing of one may end the header
 * value or name a path: quotes, backslashes, controls and separators never reach the fallback.
 */
public final class DownloadName {
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private DownloadName() {
    }

    public static String attachment(String name, String otherwise) {
        String clean = clean(name);
        String file = clean.isEmpty() ? otherwise : clean;
        return "attachment; filename=\"" + asciiFallback(file) + "\"; filename*=UTF-8''" + encode(file);
    }

    /** Without controls and path separators, and never a hidden or relative name. */
    static String clean(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == '/' || c == '\\' ? '_' : c));
        String s = out.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s;
    }

    private static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '%' ? '_' : (char) c));
        return out.toString();
    }

    /** RFC 8187 §3.2.1 attr-char, everything else percent-encoded as UTF-8. */
    private static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
