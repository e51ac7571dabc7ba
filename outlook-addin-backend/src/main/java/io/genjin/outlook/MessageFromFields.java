package io.genjin.outlook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An RFC 5322 message rebuilt from a mail item's fields, for Outlook clients without
 * {@code getAsFileAsync} (Mailbox 1.14): so that "log this message" goes through the same ingestion
 * as mail from sync or BCC. Names and the subject are RFC 2047 encoded words when not ASCII; the body
 * is one UTF-8 part in base64. Header values lose any line break, so a field cannot add a header.
 */
public final class MessageFromFields {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:@]+@[^\\s<>\"(),;:@]+");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private MessageFromFields() {
    }

    public record Party(String address, String name) {
    }

    public record Fields(String internetMessageId, String subject, Party from, List<Party> to, List<Party> cc,
            Instant sentAt, String html, String text) {
    }

    public static byte[] build(Fields f) {
        if (f.from() == null || !valid(f.from().address())) {
            throw new io.genjin.store.Invalid("from.address is required");
        }
        String id = clean(f.internetMessageId()).replaceAll("^<|>$", "");
        if (!valid(id)) {
            throw new io.genjin.store.Invalid("internetMessageId is not a Message-ID");
        }
        StringBuilder m = new StringBuilder();
        m.append("Message-ID: <").append(id).append(">\r\n");
        m.append("Date: ").append(DATE.format((f.sentAt() == null ? Instant.now() : f.sentAt()).atZone(ZoneOffset.UTC)))
                .append("\r\n");
        m.append("From: ").append(party(f.from())).append("\r\n");
        list(m, "To", f.to());
        list(m, "Cc", f.cc());
        if (f.subject() != null) {
            String subject = clean(f.subject());
            m.append("Subject: ").append(ascii(subject) ? subject : encoded(subject)).append("\r\n");
        }
        boolean html = f.html() != null;
        String body = html ? f.html() : f.text() == null ? "" : f.text();
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: ").append(html ? "text/html" : "text/plain").append("; charset=UTF-8\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n\r\n");
        m.append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        m.append("\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void list(StringBuilder m, String header, List<Party> parties) {
        if (parties == null || parties.isEmpty()) {
            return;
        }
        List<String> shown = parties.stream().filter(p -> p != null && valid(p.address())).map(MessageFromFields::party).toList();
        if (!shown.isEmpty()) {
            m.append(header).append(": ").append(String.join(",\r\n ", shown)).append("\r\n");
        }
    }

    private static String party(Party p) {
        String address = "<" + clean(p.address()) + ">";
        String name = p.name() == null ? "" : clean(p.name());
        return name.isEmpty() ? address : word(name) + " " + address;
    }

    private static boolean valid(String address) {
        return address != null && ADDRESS.matcher(address.trim()).matches();
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** An RFC 2047 encoded word when the text is not plain printable ASCII; a quoted string otherwise. */
    private static String word(String s) {
        return ascii(s) ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : encoded(s);
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String encoded(String s) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
