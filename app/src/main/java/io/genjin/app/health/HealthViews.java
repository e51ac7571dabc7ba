package io.genjin.app.health;

import io.genjin.followup.health.CustomerHealth;
import io.genjin.followup.health.Health;
import io.genjin.followup.health.HealthPolicy;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A customer's health as a person reads it, in their language: the score, each component with its
 * name, weight and reason, the smart tags with the links to their evidence, and the 90-day trend. The
 * API and the customer page show the same thing. Callers check that the customer is visible first.
 */
@Component
public class HealthViews {
    private final Health health;
    private final CrmStore store;
    private final MessageSource messages;

    public HealthViews(Health health, CrmStore store, MessageSource messages) {
        this.health = health;
        this.store = store;
        this.messages = messages;
    }

    public Optional<HealthView> of(Company company, Locale locale) {
        Optional<CustomerHealth> found = health.current(company.id());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CustomerHealth h = found.get();
        String teamId = company.ownerId() == null ? null : store.users().find(company.ownerId()).map(u -> u.teamId()).orElse(null);
        HealthPolicy policy = health.policy(teamId);
        Instant now = health.now();
        List<PartView> parts = h.parts().stream().map(p -> new PartView(p.key(), text("health.component." + p.key(), locale),
                p.score(), p.weight(), p.applies(), text("health.reason." + p.reason(), locale, p.argsAt(now).toArray()))).toList();
        List<TagView> tags = h.tags().stream().map(t -> new TagView(t.key(), tagName(t.key(), locale), t.since(),
                t.evidence().stream().map(e -> evidence(company, e)).toList())).toList();
        return Optional.of(new HealthView(h.score(), policy.threshold(), h.belowSince() != null, h.warningSince() != null,
                h.computedAt(), parts, tags, health.trend(company.id())));
    }

    public String tagName(String key, Locale locale) {
        return text("health.tag." + key, locale);
    }

    /** A message behind a tag opens in the mail view; an order on its customer's page. */
    private EvidenceView evidence(Company company, String ref) {
        if (ref.startsWith("order:")) {
            String orderId = ref.substring("order:".length());
            String number = store.orders().find(orderId).map(o -> o.number()).orElse(orderId);
            return new EvidenceView(ref, number, "/customers/" + company.id() + "#orders");
        }
        return store.messages().byMessageId(ref)
                .map(m -> new EvidenceView(ref, m.subject() == null || m.subject().isBlank() ? ref : m.subject(),
                        "/messages/" + m.id()))
                .orElse(new EvidenceView(ref, ref, null));
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    public record HealthView(int score, int threshold, boolean below, boolean warning, Instant computedAt,
            List<PartView> parts, List<TagView> tags, List<CustomerHealth.Day> trend) {
    }

    public record PartView(String key, String name, int score, int weight, boolean applies, String reason) {
    }

    public record TagView(String key, String name, Instant since, List<EvidenceView> evidence) {
    }

    /** {@code href} is null when the message is not (or no longer) stored. */
    public record EvidenceView(String ref, String label, String href) {
    }

    /** A manager reads and sets their own team's; everyone's default is the admin's to set. */
    public static void requireTeam(io.genjin.app.security.SignedIn me, String teamId, boolean write) {
        if (me.role() == io.genjin.store.user.Role.ADMIN) {
            return;
        }
        boolean own = me.role() == io.genjin.store.user.Role.MANAGER && teamId.equals(me.teamId());
        boolean readDefault = me.role() == io.genjin.store.user.Role.MANAGER && !write && HealthPolicy.DEFAULT_ID.equals(teamId);
        if (!own && !readDefault) {
            throw new org.springframework.security.access.AccessDeniedException("health settings of team " + teamId);
        }
    }

    /** Tag key → name, for filters and lists. */
    public Map<String, String> tagNames(Locale locale) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        Health.tagKeys().forEach(k -> names.put(k, tagName(k, locale)));
        return names;
    }
}
