package io.genjin.app.scenario;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One MIME entity: its own header lines (without the blank line) and its encoded body. */
record Part(String header, byte[] body) {

    static Part text(String subtype, String content, Charset charset) {
        String c = Mime.crlf(content);
        if (Mime.isAscii(c)) {
            return new Part("Content-Type: text/" + subtype + "; charset=\"us-ascii\"" + Mime.CRLF
                    + "Content-Transfer-Encoding: 7bit", ascii(c.endsWith(Mime.CRLF) ? c : c + Mime.CRLF));
        }
        return new Part("Content-Type: text/" + subtype + "; charset=\"" + Mime.label(charset) + "\"" + Mime.CRLF
                + "Content-Transfer-Encoding: base64", ascii(Mime.base64Lines(c.getBytes(charset))));
    }

    /**
     * An attachment. Non-ASCII names are written twice, as Outlook and Foxmail do: RFC 2047 in
     * {@code name=} for old readers and RFC 2231 in {@code filename*=}.
     */
    static Part attachment(String name, String type, byte[] content, Charset charset) {
        String nameParam = Mime.isAscii(name) ? "\"" + name + "\"" : "\"" + Mime.encodedWords(name, charset).replace(Mime.CRLF + " ", " ") + "\"";
        String filename = Mime.isAscii(name) ? "filename=\"" + name + "\""
                : "filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return new Part("Content-Type: " + type + "; name=" + nameParam + Mime.CRLF
                + "Content-Disposition: attachment;" + Mime.CRLF + "\t" + filename + Mime.CRLF
                + "Content-Transfer-Encoding: base64", ascii(Mime.base64Lines(content)));
    }

    /** A whole message carried inside another (a forward as attachment, a bounce's original). */
    static Part message(byte[] raw, String name) {
        String disposition = name == null ? "" : Mime.CRLF + "Content-Disposition: attachment; filename=\"" + name + "\"";
        return new Part("Content-Type: message/rfc822" + disposition + Mime.CRLF + "Content-Transfer-Encoding: 7bit",
                withTrailingCrlf(raw));
    }

    static Part plain(String contentType, String content) {
        return new Part("Content-Type: " + contentType + Mime.CRLF + "Content-Transfer-Encoding: 7bit",
                ascii(withTrailing(Mime.crlf(content))));
    }

    static Part multipart(String subtype, String boundary, List<Part> parts) {
        return multipart(subtype, boundary, parts, "");
    }

    static Part multipart(String subtype, String boundary, List<Part> parts, String extraParams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            out.writeBytes(ascii("--" + boundary + Mime.CRLF + p.header() + Mime.CRLF + Mime.CRLF));
            out.writeBytes(p.body());
        }
        out.writeBytes(ascii("--" + boundary + "--" + Mime.CRLF));
        return new Part("Content-Type: multipart/" + subtype + ";" + extraParams + Mime.CRLF + "\tboundary=\"" + boundary + "\"",
                out.toByteArray());
    }

    private static String withTrailing(String s) {
        return s.endsWith(Mime.CRLF) ? s : s + Mime.CRLF;
    }

    private static byte[] withTrailingCrlf(byte[] raw) {
        String tail = raw.length >= 2 ? new String(raw, raw.length - 2, 2, StandardCharsets.ISO_8859_1) : "";
        if (tail.equals(Mime.CRLF)) {
            return raw;
        }
        byte[] out = java.util.Arrays.copyOf(raw, raw.length + 2);
        out[raw.length] = '\r';
        out[raw.length + 1] = '\n';
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
