package io.genjin.classifier.bounce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding mail addresses in free text and headers. */
final class Addresses {

    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9#](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern SYSTEM_LOCAL_PART = Pattern.compile(
            "(?i)^(mailer-daemon|postmaster|mail-daemon|maildaemon|mailerdaemon|root|daemon|nobody|bounces?|noreply|no-reply|abuse)$");

    private Addresses() {
    }

    /**
     * Every address {@link #ADDRESS} finds in the text, in order, cleaned, each once. The regex is tried
     * only from where a match can start: the run of local-part characters before the next "@" (a match
     * is such a run, the "@" and a domain, and the run cannot reach past an "@"). Tried at every
     * position instead, it spent most of its time in the words of a notice between its addresses.
     */
    static List<String> in(String text) {
        if (text == null) {
            return new ArrayList<>();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = ADDRESS.matcher(text);
        int from = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', from)) {
            int start = at;
            while (start > from && isLocalPart(text.charAt(start - 1))) {
                start--;
            }
            if (start == at) {
                // No local part before this "@": no address has it as its own.
                from = at + 1;
                continue;
            }
            if (!m.find(start)) {
                break;
            }
            found.add(clean(m.group()));
            from = m.end();
        }
        return new ArrayList<>(found);
    }

    /** The characters of {@link #ADDRESS}'s local part: {@code [A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]}. */
    static boolean isLocalPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0;
    }

    static String first(String text) {
        List<String> all = in(text);
        return all.isEmpty() ? "" : all.get(0);
    }

    static String clean(String address) {
        String a = address.strip();
        while (a.endsWith(".") || a.endsWith("-")) {
            a = a.substring(0, a.length() - 1);
        }
        while (a.startsWith(".")) {
            a = a.substring(1);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    static boolean isSystem(String address) {
        int at = address.indexOf('@');
        return at > 0 && SYSTEM_LOCAL_PART.matcher(address.substring(0, at)).matches();
    }
}
