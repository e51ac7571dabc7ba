package io.genjin.reports.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did or, for a preview, would do: counts per outcome, counts per rejection reason, and
 * the first rows of each outcome as examples.
 */
public final class ImportReport {
    /** How many example rows of each outcome are kept. */
    static final int EXAMPLES = 20;
    private long rows;
    private final Map<Outcome, Long> outcomes = new LinkedHashMap<>();
    private final Map<String, Long> reasons = new LinkedHashMap<>();
    private long contacts;
    private long orders;
    private final List<Example> examples = new ArrayList<>();

    /** What became of a row. */
    public enum Outcome {
        CREATE, UPDATE, CONFLICT, REJECT
    }

    /**
     * One row as the preview shows it: the company it names, the existing customer it matched (and
     * whether by contact, domain or name), or the rejection reason and value.
     */
    public record Example(long line, Outcome outcome, String company, String matchedId, String matchedBy,
            String reason, String value) {
    }

    void count(Outcome outcome, Example example) {
        rows++;
        outcomes.merge(outcome, 1L, Long::sum);
        if (outcome == Outcome.REJECT) {
            reasons.merge(example.reason(), 1L, Long::sum);
        }
        if (examples.stream().filter(e -> e.outcome() == outcome).count() < EXAMPLES) {
            examples.add(example);
        }
    }

    void contactAdded() {
        contacts++;
    }

    void orderAdded() {
        orders++;
    }

    public long rows() {
        return rows;
    }

    public long count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    public Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> all = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, count(outcome));
        }
        return all;
    }

    public Map<String, Long> reasons() {
        return Map.copyOf(reasons);
    }

    /** Contacts the run added (a preview counts those it would add). */
    public long contacts() {
        return contacts;
    }

    public long orders() {
        return orders;
    }

    public List<Example> examples() {
        return List.copyOf(examples);
    }
}
