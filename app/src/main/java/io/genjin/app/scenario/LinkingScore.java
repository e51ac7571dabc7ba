package io.genjin.app.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How well the product linked a scenario's messages: pairs (message, customer) made, right and
 * expected, overall and per family; the companies it created that nobody expected; and every
 * message whose set of customers differs from the expected one.
 */
public record LinkingScore(int messages, Counts total, Map<String, Counts> families, List<String> unexpectedCompanies,
        List<Mistake> mistakes, String importSummary) {

    public LinkingScore {
        families = Map.copyOf(families);
        unexpectedCompanies = List.copyOf(unexpectedCompanies);
        mistakes = List.copyOf(mistakes);
    }

    public double precision() {
        return total.precision();
    }

    public double recall() {
        return total.recall();
    }

    /** Scores what landed ({@code got}: Message-ID → customer keys) against what each message expects. */
    public static LinkingScore of(Scenario scenario, Map<String, Set<String>> got, List<String> unexpectedCompanies, String importSummary) {
        Map<String, Counts> families = new LinkedHashMap<>();
        Counts total = new Counts(0, 0, 0, 0, 0);
        List<Mistake> mistakes = new ArrayList<>();
        for (Scenario.Message m : scenario.messages()) {
            Set<String> linked = got.getOrDefault(m.messageId(), Set.of());
            Counts one = Counts.of(m.expected(), linked);
            total = total.plus(one);
            families.merge(m.family(), one, Counts::plus);
            if (!linked.equals(m.expected())) {
                mistakes.add(new Mistake(m.messageId(), m.family(), new TreeSet<>(m.expected()), new TreeSet<>(linked)));
            }
        }
        return new LinkingScore(scenario.messages().size(), total, families, unexpectedCompanies, mistakes, importSummary);
    }

    /**
     * Counts for a set of messages. {@code exact} counts messages whose set was exactly right, the
     * only figure for families that must link nowhere (they have no expected pairs).
     */
    public record Counts(int messages, int exact, int made, int correct, int expected) {

        static Counts of(Set<String> expected, Set<String> linked) {
            int correct = (int) linked.stream().filter(expected::contains).count();
            return new Counts(1, linked.equals(expected) ? 1 : 0, linked.size(), correct, expected.size());
        }

        Counts plus(Counts o) {
            return new Counts(messages + o.messages, exact + o.exact, made + o.made, correct + o.correct, expected + o.expected);
        }

        /** 1 when nothing was linked: no link made is no wrong link made. */
        public double precision() {
            return made == 0 ? 1.0 : (double) correct / made;
        }

        /** 1 when nothing was expected. */
        public double recall() {
            return expected == 0 ? 1.0 : (double) correct / expected;
        }
    }

    /** A message linked to other customers than it should be. */
    public record Mistake(String messageId, String family, Set<String> expected, Set<String> got) {
    }
}
