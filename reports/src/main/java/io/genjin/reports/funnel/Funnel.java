package io.genjin.reports.funnel;

import io.genjin.reports.Period;
import io.genjin.reports.activity.Durations;
import io.genjin.store.customer.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sales funnel from stage history (docs/reports.md, "Funnel"). Two views:
 * <ul>
 * <li>the cohort of customers created in a period, and how far each has got since: a customer that
 *     went from lead straight to quoted has passed inquiry too, so the counts never grow down the
 *     funnel and each conversion is the share of one stage's customers that reached the next;</li>
 * <li>time in stage: every stay in a stage that ended in the period (moved on, back, or out), with its
 *     median per stage.</li>
 * </ul>
 * Lost and dormant are exits, not funnel stages: a customer lost after quoting counts as having
 * reached quoted.
 */
public final class Funnel {

    /** The funnel's stages, in order. */
    public static final List<Stage> STAGES = List.of(Stage.LEAD, Stage.INQUIRY, Stage.QUOTED, Stage.SAMPLE,
            Stage.NEGOTIATION, Stage.WON);

    private Funnel() {
    }

    public record Customer(String companyId, Instant createdAt, Stage currentStage) {
    }

    public record StageChange(String companyId, Instant at, Stage from, Stage to) {
    }

    /** @param conversion the share of this stage's customers that reached the next (empty for the last or none) */
    public record Step(Stage stage, int reached, Optional<Double> conversion) {
    }

    public record Stay(String companyId, Stage stage, Instant entered, Instant left) {
        public Duration length() {
            return Duration.between(entered, left);
        }
    }

    public static List<Step> cohort(List<Customer> customers, List<StageChange> history, Period created) {
        Map<String, List<StageChange>> byCustomer = byCustomer(history);
        int[] reached = new int[STAGES.size()];
        java.util.function.Predicate<Instant> inCreated = created.containing();
        for (Customer customer : customers) {
            if (!inCreated.test(customer.createdAt())) {
                continue;
            }
            int furthest = rank(initialStage(customer, byCustomer.getOrDefault(customer.companyId(), List.of())));
            for (StageChange change : byCustomer.getOrDefault(customer.companyId(), List.of())) {
                furthest = Math.max(furthest, rank(change.to()));
            }
            for (int i = 0; i <= furthest; i++) {
                reached[i]++;
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            Optional<Double> conversion = i + 1 < STAGES.size() && reached[i] > 0
                    ? Optional.of((double) reached[i + 1] / reached[i]) : Optional.empty();
            steps.add(new Step(STAGES.get(i), reached[i], conversion));
        }
        return List.copyOf(steps);
    }

    /** Every stay in a stage that ended within the period. */
    public static List<Stay> staysEnded(List<Customer> customers, List<StageChange> history, Period period) {
        Map<String, List<StageChange>> byCustomer = byCustomer(history);
        List<Stay> stays = new ArrayList<>();
        java.util.function.Predicate<Instant> in = period.containing();
        for (Customer customer : customers) {
            List<StageChange> changes = byCustomer.getOrDefault(customer.companyId(), List.of());
            Stage stage = initialStage(customer, changes);
            Instant since = customer.createdAt();
            for (StageChange change : changes) {
                if (in.test(change.at())) {
                    stays.add(new Stay(customer.companyId(), stage, since, change.at()));
                }
                stage = change.to();
                since = change.at();
            }
        }
        return List.copyOf(stays);
    }

    /** Median length of the stays that ended in each funnel stage. */
    public static Map<Stage, Duration> medianTimeInStage(List<Stay> stays) {
        Map<Stage, Duration> medians = new EnumMap<>(Stage.class);
        for (Stage stage : STAGES) {
            Durations.median(stays.stream().filter(s -> s.stage() == stage).map(Stay::length).toList())
                    .ifPresent(median -> medians.put(stage, median));
        }
        return medians;
    }

    private static Stage initialStage(Customer customer, List<StageChange> changes) {
        return changes.isEmpty() ? customer.currentStage() : changes.get(0).from();
    }

    /** Position in the funnel; exits (lost, dormant) and unknown stages add nothing. */
    private static int rank(Stage stage) {
        return stage == null ? 0 : Math.max(0, STAGES.indexOf(stage));
    }

    private static Map<String, List<StageChange>> byCustomer(List<StageChange> history) {
        Map<String, List<StageChange>> byCustomer = new java.util.HashMap<>();
        history.stream().sorted(Comparator.comparing(StageChange::at))
                .forEach(c -> byCustomer.computeIfAbsent(c.companyId(), k -> new ArrayList<>()).add(c));
        return byCustomer;
    }
}
