package io.genjin.tracking.hit;

import io.genjin.tracking.token.Token;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request to a pixel or link, as recorded: which recipient (by position) and link, when, from
 * where ({@code ip}: the raw address until the retention period ends, then its keyed hash), with
 * what user agent, and the verdict.
 *
 * <p>Stored as one tab-separated line ({@link #line()}), not as a sub-document: a hit log is written
 * far more than it is read, and a line is one BSON string instead of eleven named fields, which the
 * driver, the server and (on the embedded store) its page serializer each pay for per hit (measured:
 * the hit writer's CPU, which competes with the endpoints, was mostly that). Fields:
 * {@code v1, recipient, O|C, link, epochSecond, nano, ip, userAgent, flags (h=head p=prefetch H=human), reason, confidence};
 * tab, newline and backslash are escaped inside values, and an absent value is an empty field.
 */
public record StoredHit(int recipient, Token.Kind kind, int link, Instant at, String ip, String userAgent,
        boolean head, boolean prefetch, boolean human, String reason, double confidence) {
    private static final String VERSION = "v1";

    public String line() {
        StringBuilder b = new StringBuilder(96 + (userAgent == null ? 0 : userAgent.length()));
        b.append(VERSION).append('\t').append(recipient).append('\t').append(kind == Token.Kind.CLICK ? 'C' : 'O')
                .append('\t').append(link).append('\t').append(at.getEpochSecond()).append('\t').append(at.getNano())
                .append('\t');
        escape(b, ip).append('\t');
        escape(b, userAgent).append('\t');
        b.append(head ? "h" : "").append(prefetch ? "p" : "").append(human ? "H" : "").append('\t');
        escape(b, reason).append('\t').append(confidence);
        return b.toString();
    }

    public static StoredHit of(String line) {
        List<String> f = split(line);
        if (f.size() != 11 || !VERSION.equals(f.get(0))) {
            throw new IllegalArgumentException("not a stored hit: " + line);
        }
        String flags = f.get(8);
        return new StoredHit(Integer.parseInt(f.get(1)), "C".equals(f.get(2)) ? Token.Kind.CLICK : Token.Kind.OPEN,
                Integer.parseInt(f.get(3)), Instant.ofEpochSecond(Long.parseLong(f.get(4)), Long.parseLong(f.get(5))),
                nullIfEmpty(f.get(6)), nullIfEmpty(f.get(7)), flags.indexOf('h') >= 0, flags.indexOf('p') >= 0,
                flags.indexOf('H') >= 0, nullIfEmpty(f.get(9)), Double.parseDouble(f.get(10)));
    }

    private static StringBuilder escape(StringBuilder b, String value) {
        if (value == null) {
            return b;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b;
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>(11);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                field.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
