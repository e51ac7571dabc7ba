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

    static List<String> in(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = ADDRESS.matcher(text == null ? "" : text);
        while (m.find()) {
            found.add(clean(m.group()));
        }
        return new ArrayList<>(found);
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
