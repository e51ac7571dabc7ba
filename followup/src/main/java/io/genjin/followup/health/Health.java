package io.genjin.followup.health;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the rest of the product asks of customer health: a customer's score, components, tags and
 * 90-day trend; removing a tag; the customers carrying a tag; a team's policy. Callers check who may
 * see the customer or change the team first.
 */
public class Health implements HealthMatching {
    /** How far back the trend goes. */
    public static final int TREND_DAYS = 90;
    private final HealthStore store;
    private final HealthEvents events;
    private final Clock clock;
    private final ZoneId zone;

    public Health(HealthStore store, HealthEvents events, Clock clock, ZoneId zone) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    /** The smart tags there are, in display order. */
    public static List<String> tagKeys() {
        return SmartTags.KEYS;
    }

    @Override
    public List<String> smartTags() {
        return SmartTags.KEYS;
    }

    public static List<String> componentKeys() {
        return Component.keys();
    }

    /** The instant a reason's dates are counted to ({@link CustomerHealth.Part#argsAt}). */
    public java.time.Instant now() {
        return clock.instant();
    }

    public Optional<CustomerHealth> of(String companyId) {
        return store.health(companyId);
    }

    /** The customer's health, computed now from what is known when it never was. */
    public Optional<CustomerHealth> current(String companyId) {
        Optional<CustomerHealth> known = store.health(companyId);
        return known.isPresent() ? known : events.recompute(companyId);
    }

    public Map<String, CustomerHealth> of(Collection<String> companyIds) {
        return store.healthOf(companyIds);
    }

    public List<CustomerHealth.Day> trend(String companyId) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return store.trend(companyId, today.minusDays(TREND_DAYS - 1), today);
    }

    public Set<String> customersTagged(String tag) {
        return store.withTag(tag);
    }

    public Set<String> customersBelow(int score) {
        return store.below(score);
    }

    /**
     * The customers matching a health filter (a tag, a score below), or null when there is no filter.
     */
    @Override
    public Set<String> matching(String tag, Integer below) {
        Set<String> ids = null;
        if (tag != null) {
            ids = new java.util.HashSet<>(customersTagged(tag));
        }
        if (below != null) {
            Set<String> low = customersBelow(below);
            if (ids == null) {
                ids = new java.util.HashSet<>(low);
            } else {
                ids.retainAll(low);
            }
        }
        return ids;
    }

    /** A person removes a tag; false when the customer does not carry it. See {@link SmartTags} for when it returns. */
    public boolean removeTag(String companyId, String tag) {
        return store.removeTag(companyId, tag, clock.instant());
    }

    public HealthPolicy policy(String teamId) {
        return store.policy(teamId);
    }

    public HealthPolicy savePolicy(HealthPolicy policy) {
        return store.savePolicy(policy);
    }
}
