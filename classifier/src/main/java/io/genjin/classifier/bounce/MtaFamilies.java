package io.genjin.classifier.bounce;

import io.genjin.classifier.Email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each sending-MTA family's notices look like, loaded from {@code mta-families.tsv}: the headers
 * that name the family, the sentences of its notice, where its returned copy starts, where it names
 * the failed recipient and the phrases that give the reason. Adding a family is adding rows.
 */
final class MtaFamilies {

    /** A family seen in a message: its name, and whether its notice sentences were found too. */
    record Match(String family, boolean identified, boolean noticed) {
    }

    private record Row(String family, String role, String text, Pattern regex, String lower) {
    }

    private static final List<Row> ROWS = load();
    private static final Map<String, BounceReason> SISIMAI_REASONS = Map.ofEntries(
            Map.entry("userunknown", BounceReason.USER_UNKNOWN), Map.entry("hasmoved", BounceReason.USER_UNKNOWN),
            Map.entry("mailboxfull", BounceReason.MAILBOX_FULL), Map.entry("hostunknown", BounceReason.HOST_UNKNOWN),
            Map.entry("notaccept", BounceReason.HOST_UNKNOWN), Map.entry("expired", BounceReason.EXPIRED),
            Map.entry("blocked", BounceReason.BLOCKED_SPAM), Map.entry("spamdetected", BounceReason.BLOCKED_SPAM),
            Map.entry("filtered", BounceReason.BLOCKED_SPAM), Map.entry("virusdetected", BounceReason.BLOCKED_SPAM),
            Map.entry("rejected", BounceReason.POLICY), Map.entry("norelaying", BounceReason.POLICY),
            Map.entry("mesgtoobig", BounceReason.POLICY), Map.entry("contenterror", BounceReason.POLICY),
            Map.entry("securityerror", BounceReason.POLICY), Map.entry("authfailure", BounceReason.POLICY),
            Map.entry("policyviolation", BounceReason.POLICY), Map.entry("notcompliantrfc", BounceReason.POLICY),
            Map.entry("toomanyconn", BounceReason.POLICY), Map.entry("exceedlimit", BounceReason.POLICY),
            Map.entry("badreputation", BounceReason.BLOCKED_SPAM), Map.entry("requireptr", BounceReason.BLOCKED_SPAM));
    /* Notice sentences this short are ordinary words; they count only when the family's headers are there. */
    private static final int STANDALONE_NOTICE = 24;

    private MtaFamilies() {
    }

    private static List<Row> load() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = MtaFamilies.class.getResourceAsStream("mta-families.tsv")) {
            if (in == null) {
                throw new IllegalStateException("mta-families.tsv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 4) {
                    throw new IllegalStateException("mta-families.tsv: four columns expected: " + line);
                }
                Pattern regex = cols[1].equals("recipient") ? Pattern.compile(cols[2]) : null;
                rows.add(new Row(cols[0], cols[1], cols[2], regex, cols[2].toLowerCase(Locale.ROOT)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }

    static int families() {
        Set<String> names = new LinkedHashSet<>();
        ROWS.forEach(r -> names.add(r.family()));
        return names.size();
    }

    /** The best-matching family: identified by its headers and, better, also by its notice sentences. */
    static Optional<Match> match(Email email, String notice) {
        return match(email, notice, false);
    }

    /**
     * @param identifiedOnly read notice sentences only for families the headers name (cheap for
     *                       ordinary mail, where no family's headers appear)
     */
    private static Optional<Match> match(Email email, String notice, boolean identifiedOnly) {
        Map<String, boolean[]> seen = new LinkedHashMap<>();
        for (Row row : ROWS) {
            boolean hit = switch (row.role()) {
                case "from" -> contains(email.from(), row.lower());
                case "subject" -> contains(email.subject(), row.lower());
                case "message-id" -> contains(email.header("message-id"), row.lower());
                case "received" -> email.headers().getOrDefault("received", List.of()).stream()
                        .anyMatch(v -> contains(v, row.lower()));
                case "header" -> header(email, row.text());
                default -> false;
            };
            if (hit) {
                seen.computeIfAbsent(row.family(), f -> new boolean[3])[0] = true;
            }
        }
        if (identifiedOnly && seen.isEmpty()) {
            return Optional.empty();
        }
        String lowerNotice = notice.toLowerCase(Locale.ROOT);
        for (Row row : ROWS) {
            if (!row.role().equals("notice") || identifiedOnly && !seen.containsKey(row.family())) {
                continue;
            }
            if (lowerNotice.contains(row.lower())) {
                boolean[] flags = seen.computeIfAbsent(row.family(), f -> new boolean[3]);
                flags[1] = true;
                flags[2] |= row.text().strip().length() >= STANDALONE_NOTICE;
            }
        }
        Match best = null;
        for (Map.Entry<String, boolean[]> e : seen.entrySet()) {
            boolean[] f = e.getValue();
            Match m = new Match(e.getKey(), f[0], f[1] && (f[0] || f[2]));
            if (best == null || score(m) > score(best)) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int score(Match m) {
        return (m.identified() ? 1 : 0) + (m.noticed() ? 2 : 0);
    }

    /** True when some family's headers and notice sentences both appear: the message is that MTA's notice. */
    static boolean isNotice(Email email, String notice) {
        return match(email, notice, true).filter(m -> m.identified() && m.noticed()).isPresent();
    }

    /** True when a long, family-specific notice sentence appears, whatever the headers say. */
    static boolean hasNoticeSentence(Email email, String notice) {
        return match(email, notice, false).filter(Match::noticed).isPresent();
    }

    /** Lines that start the returned copy of the original message, for every family. */
    static List<String> originalMarkers() {
        return ROWS.stream().filter(r -> r.role().equals("original")).map(Row::text).distinct().toList();
    }

    /** Failed recipients named where the families' notices name them (RCPT TO lines, "delivered to: <…>"). */
    static List<String> recipients(String head) {
        Set<String> found = new LinkedHashSet<>();
        for (Row row : ROWS) {
            if (row.regex() == null) {
                continue;
            }
            Matcher m = row.regex().matcher(head);
            while (m.find()) {
                String address = Addresses.clean(m.group(1));
                if (address.indexOf('@') > 0) {
                    found.add(address);
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** The reason a family's own phrase names, if the diagnostic carries one. */
    static Optional<BounceReason> reason(String diagnostic) {
        if (diagnostic == null || diagnostic.isEmpty()) {
            return Optional.empty();
        }
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        for (Row row : ROWS) {
            if (row.role().startsWith("reason:") && lower.contains(row.lower())) {
                return Optional.of(SISIMAI_REASONS.getOrDefault(row.role().substring(7), BounceReason.OTHER));
            }
        }
        return Optional.empty();
    }

    private static boolean header(Email email, String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq);
        List<String> values = email.headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        if (eq < 0) {
            return values.stream().anyMatch(v -> !v.isBlank());
        }
        String part = spec.substring(eq + 1).toLowerCase(Locale.ROOT);
        return values.stream().anyMatch(v -> contains(v, part));
    }

    /* part is already lower case */
    private static boolean contains(String value, String part) {
        return value != null && !value.isEmpty() && value.toLowerCase(Locale.ROOT).contains(part);
    }
}
