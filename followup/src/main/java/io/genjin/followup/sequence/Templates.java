package io.genjin.followup.sequence;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{variable}}} substitution. The built-in variables are {@code contact.name},
 * {@code contact.firstName}, {@code company.name}, {@code owner.name}, {@code owner.email}; anything
 * else (such as {@code product}) comes from the enrolment. A template that names a variable the
 * enrolment cannot fill is refused when the contact is enrolled, not at send time.
 */
public final class Templates {
    public static final Set<String> BUILT_IN = Set.of("contact.name", "contact.firstName", "company.name", "owner.name",
            "owner.email");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*}}");

    private Templates() {
    }

    public static Set<String> variables(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(template == null ? "" : template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public static String render(String template, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
