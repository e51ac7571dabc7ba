package io.genjin.classifier.reply;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a subject's leading prefix says the message is ("Re:", "AW:", "回复：" a reply; "Fwd:", "WG:",
 * "TR:", "RV:", "转发：" a forward), from the {@code subject-prefixes.tsv} marker table. The first
 * prefix counts: "Fwd: Re: price" is a forward of a reply.
 */
public final class SubjectPrefixes {

    public enum Kind { REPLY, FORWARD, NONE }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();
    private static final Pattern LEADING;

    static {
        for (MarkerTables.Row row : MarkerTables.get().subjectPrefixes()) {
            String prefix = key(row.get(3));
            Kind kind = row.get(0).equals("forward") ? Kind.FORWARD : Kind.REPLY;
            // A prefix both kinds use (Finnish "VS" replies, Danish "VS" forwards) says nothing: the body decides.
            KINDS.merge(prefix, kind, (a, b) -> a == b ? a : Kind.NONE);
        }
        String alternation = String.join("|", KINDS.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote).toList());
        // Mailing-list tags ("[sales] Re:") and counters ("Re[2]:", "RE^2:") may surround the prefix.
        LEADING = Pattern.compile("(?iu)^\\s*(?:\\[[^\\]]{0,40}]\\s*)?(" + alternation + ")\\s*(?:\\[\\d+]|\\^\\d+|\\(\\d+\\))?\\s*[:：]");
    }

    private SubjectPrefixes() {
    }

    public static Kind of(String subject) {
        if (subject == null || subject.isBlank()) {
            return Kind.NONE;
        }
        Matcher m = LEADING.matcher(subject);
        return m.find() ? KINDS.getOrDefault(key(m.group(1)), Kind.NONE) : Kind.NONE;
    }

    private static String key(String prefix) {
        return prefix.replaceAll("[:：]\\s*$", "").strip().toLowerCase(Locale.ROOT);
    }
}
