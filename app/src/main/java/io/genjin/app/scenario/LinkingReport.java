package io.genjin.app.scenario;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a {@link LinkingScore} as a short report for a developer: figures, families, mistakes. */
public final class LinkingReport {
    private LinkingReport() {
    }

    /** With {@code allMistakes} false, at most three mistakes per family are listed. */
    public static void print(LinkingScore s, PrintStream out, boolean allMistakes) {
        out.printf("linking (generated export mailbox, %d messages)%n", s.messages());
        out.printf("  precision  %.3f  (%d of %d links made are right)%n", s.precision(), s.total().correct(), s.total().made());
        out.printf("  recall     %.3f  (%d of %d expected links made)%n", s.recall(), s.total().correct(), s.total().expected());
        out.printf("  messages exactly right  %d of %d%n", s.total().exact(), s.messages());
        out.printf("  unexpected companies    %d%s%n", s.unexpectedCompanies().size(),
                s.unexpectedCompanies().isEmpty() ? "" : ": " + String.join(", ", s.unexpectedCompanies()));
        out.printf("  import: %s%n%n", s.importSummary());
        out.printf("  %-26s %5s %6s %10s %7s%n", "family", "msgs", "exact", "precision", "recall");
        for (Map.Entry<String, LinkingScore.Counts> e : s.families().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            LinkingScore.Counts c = e.getValue();
            out.printf("  %-26s %5d %6d %10s %7s%n", e.getKey(), c.messages(), c.exact(),
                    c.made() == 0 ? "-" : String.format("%.3f", c.precision()),
                    c.expected() == 0 ? "-" : String.format("%.3f", c.recall()));
        }
        if (s.mistakes().isEmpty()) {
            return;
        }
        out.printf("%n  mistakes (%d): family, Message-ID, expected -> got%n", s.mistakes().size());
        List<String> families = new ArrayList<>(s.mistakes().stream().map(LinkingScore.Mistake::family).distinct().sorted().toList());
        for (String family : families) {
            List<LinkingScore.Mistake> ofFamily = s.mistakes().stream().filter(m -> m.family().equals(family)).toList();
            int shown = allMistakes ? ofFamily.size() : Math.min(3, ofFamily.size());
            for (LinkingScore.Mistake m : ofFamily.subList(0, shown)) {
                out.printf("  %-26s <%s> %s -> %s%n", family, m.messageId(), m.expected(), m.got());
            }
            if (shown < ofFamily.size()) {
                out.printf("  %-26s ... %d more (--misses lists all)%n", family, ofFamily.size() - shown);
            }
        }
    }
}
