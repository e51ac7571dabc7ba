package io.genjin.gateway.mime;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Content-Type or Content-Disposition value: the lower-case type and its parameters, with
 * RFC 2231 continuations and charsets ({@code filename*0*=gbk''%D6%D0}) joined and decoded, and
 * RFC 2047 words in quoted names decoded (not allowed there, but what Outlook and Foxmail send).
 */
record HeaderParams(String value, Map<String, String> params) {

    /** {@code header} one char per byte; {@code hint} the charset to try first for raw 8-bit values. */
    static HeaderParams parse(String header, java.nio.charset.Charset hint) {
        if (header == null) {
            return new HeaderParams(null, Map.of());
        }
        String[] parts = splitSemicolons(header);
        String value = parts[0].trim().toLowerCase(Locale.ROOT);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).trim();
            if (v.startsWith("\"")) {
                int end = v.lastIndexOf('"');
                v = end > 0 ? v.substring(1, end) : v.substring(1);
                v = v.replaceAll("\\\\(.)", "$1");
            }
            int star = name.indexOf('*');
            if (star < 0) {
                plain.putIfAbsent(name, v);
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean encoded = rest.endsWith("*") || rest.isEmpty();
            String index = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int n;
            try {
                n = index.isEmpty() ? 0 : Integer.parseInt(index);
            } catch (NumberFormatException e) {
                continue;
            }
            continued.computeIfAbsent(base, k -> new TreeMap<>()).put(n, new String[] {v, encoded ? "1" : ""});
        }
        Map<String, String> params = new LinkedHashMap<>();
        continued.forEach((name, segments) -> params.put(name, join(segments)));
        plain.forEach((name, v) -> params.putIfAbsent(name, EncodedWords.decode(v, hint)));
        return new HeaderParams(value.isEmpty() ? null : value, Map.copyOf(params));
    }

    String get(String name) {
        return params.get(name);
    }

    private static String join(TreeMap<Integer, String[]> segments) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        for (var e : segments.entrySet()) {
            String v = e.getValue()[0];
            boolean encoded = !e.getValue()[1].isEmpty();
            if (e.getKey() == 0 && encoded) {
                int q1 = v.indexOf('\'');
                int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    charset = v.substring(0, q1);
                    v = v.substring(q2 + 1);
                }
            }
            if (encoded) {
                percentDecode(v, bytes);
            } else {
                bytes.writeBytes(v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                continue;
            }
        }
        text.append(MailCharsets.decode(bytes.toByteArray(), charset, null).text());
        return text.toString();
    }

    private static void percentDecode(String v, ByteArrayOutputStream out) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length()
                    && Character.digit(v.charAt(i + 1), 16) >= 0 && Character.digit(v.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(v.charAt(i + 1), 16) * 16 + Character.digit(v.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
    }

    private static String[] splitSemicolons(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
