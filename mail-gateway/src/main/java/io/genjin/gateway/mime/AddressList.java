package io.genjin.gateway.mime;

import io.genjin.gateway.mime.ParsedMail.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lenient RFC 5322 address-list parser: mailboxes, groups (flattened), comments as names,
 * unquoted commas in display names that precede an angle address, and missing brackets. Display
 * names are RFC 2047-decoded after the structure is parsed, so an encoded comma cannot split one.
 */
final class AddressList {
    private AddressList() {
    }

    /** {@code value} one char per byte (8-bit names decoded here, with {@code hint} as context). */
    static List<Address> parse(String value, java.nio.charset.Charset hint) {
        List<Address> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String item : split(value)) {
            Address a = mailbox(item, hint);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** Splits at commas and semicolons outside quotes, comments and angle brackets; strips group names. */
    private static List<String> split(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int comment = 0;
        boolean angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    cur.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"' && comment == 0) {
                quoted = true;
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if (c == '<' && comment == 0) {
                angle = true;
            } else if (c == '>' && comment == 0) {
                angle = false;
            } else if (comment == 0 && !angle && c == ':' && !cur.toString().contains("@") && !cur.toString().contains("<")) {
                cur.setLength(0); // a group's display name
                continue;
            } else if (comment == 0 && !angle && (c == ',' || c == ';')) {
                // "Doe, John <j@x>": a comma in an unquoted name, with no address yet on either side of it.
                if (c == ',' && !cur.toString().contains("@") && value.indexOf('<', i) > 0
                        && !value.substring(i + 1, value.indexOf('<', i)).contains(",")) {
                    cur.append(c);
                    continue;
                }
                items.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        items.add(cur.toString());
        return items;
    }

    private static Address mailbox(String item, java.nio.charset.Charset hint) {
        String s = item.trim();
        if (s.isEmpty()) {
            return null;
        }
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0) {
            String addr = (gt > lt ? s.substring(lt + 1, gt) : s.substring(lt + 1)).trim();
            String name = displayName(s.substring(0, lt) + (gt > lt && gt + 1 < s.length() ? s.substring(gt + 1) : ""), hint);
            return new Address(name, address(addr));
        }
        StringBuilder bare = new StringBuilder();
        StringBuilder comment = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') {
                if (depth++ > 0) {
                    comment.append(c);
                }
            } else if (c == ')' && depth > 0) {
                if (--depth > 0) {
                    comment.append(c);
                }
            } else if (depth > 0) {
                comment.append(c);
            } else {
                bare.append(c);
            }
        }
        String addr = bare.toString().trim();
        if (addr.contains("@")) {
            return new Address(displayName(comment.toString(), hint), address(addr));
        }
        String name = displayName(addr.isEmpty() ? comment.toString() : addr, hint);
        return name == null ? null : new Address(name, null);
    }

    private static String address(String raw) {
        String a = raw.replaceAll("\\s+", "");
        if (a.startsWith("mailto:")) {
            a = a.substring(7);
        }
        if (a.length() > 1 && a.startsWith("\"") && a.indexOf('"', 1) > 0 && a.contains("@")) {
            int at = a.lastIndexOf('@');
            a = a.substring(0, at).replace("\"", "") + a.substring(at);
        }
        if (!a.chars().allMatch(c -> c < 0x80)) {
            a = new String(a.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
        }
        return a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
    }

    private static String displayName(String raw, java.nio.charset.Charset hint) {
        String s = raw.trim();
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
            s = unquote(s.substring(1, s.length() - 1));
        } else if (s.contains("\"")) {
            s = unquote(s.replace("\"", ""));
        }
        s = EncodedWords.decode(s, hint).replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s;
    }

    private static String unquote(String s) {
        return s.replaceAll("\\\\(.)", "$1");
    }
}
