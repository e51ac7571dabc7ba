package io.genjin.followup.health;

import io.genjin.followup.health.CustomerHealth.Tag;
import io.genjin.followup.health.Signals.Mail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags derived from what the customer's mail says, each with the messages behind it. A tag a person
 * removed stays removed until new evidence arrives after the removal (a later message that would set
 * it): the person judged the evidence they saw, not what the customer writes next.
 */
final class SmartTags {
    /** Tag key → the topic whose messages set it and how many of the last 180 days' it takes. */
    static final Map<String, Rule> TOPICS = new LinkedHashMap<>();
    static final String SLOW_PAYER = "slow-payer";
    static final String REGULAR_VISITS = "needs-regular-visits";
    static final List<String> KEYS;

    static {
        TOPICS.put("delivery-sensitive", new Rule("lead-time", 3));
        TOPICS.put("price-sensitive", new Rule("counter-offer", 3));
        TOPICS.put("certification-focused", new Rule("certification", 2));
        TOPICS.put("new-product-interest", new Rule("new-product", 2));
        TOPICS.put("sample-heavy", new Rule("sample", 3));
        List<String> keys = new ArrayList<>(TOPICS.keySet());
        keys.add(SLOW_PAYER);
        keys.add(REGULAR_VISITS);
        KEYS = List.copyOf(keys);
    }

    record Rule(String topic, int atLeast) {
    }

    private SmartTags() {
    }

    static List<Tag> derive(Signals s, Money money, List<Tag> before, Map<String, Instant> removed, Instant now) {
        Map<String, Instant> since = new java.util.HashMap<>();
        before.forEach(t -> since.put(t.key(), t.since()));
        Instant window = now.minus(Duration.ofDays(180));
        List<Mail> in = s.mail().stream().filter(Mail::in).filter(m -> m.at().isAfter(window)).toList();
        List<Tag> tags = new ArrayList<>();
        TOPICS.forEach((key, rule) -> {
            List<Mail> behind = in.stream().filter(m -> m.topics().contains(rule.topic())).toList();
            if (behind.size() >= rule.atLeast()) {
                add(tags, key, behind.stream().map(Mail::m).toList(), latest(behind), since, removed, now);
            }
        });
        List<Mail> paymentDelay = in.stream().filter(m -> m.topics().contains("payment-delay")).toList();
        if (money.late().size() >= 2 && money.late().size() * 2 >= money.due() || paymentDelay.size() >= 3) {
            List<String> evidence = new ArrayList<>(money.late().stream().map(id -> "order:" + id).toList());
            paymentDelay.forEach(m -> evidence.add(m.m()));
            Instant newest = paymentDelay.isEmpty() ? money.lastLateAt() : latest(paymentDelay);
            if (money.lastLateAt() != null && money.lastLateAt().isAfter(newest)) {
                newest = money.lastLateAt();
            }
            add(tags, SLOW_PAYER, evidence, newest, since, removed, now);
        }
        List<Mail> prompted = promptedOnly(s.mail());
        if (prompted != null) {
            add(tags, REGULAR_VISITS, prompted.stream().map(Mail::m).toList(), latest(prompted), since, removed, now);
        }
        return tags;
    }

    /**
     * The customer goes quiet unless the team writes: at least four of its mails, three in four of them
     * answers within a week to the team's mail, and each of its gaps ending only once the team wrote.
     * Returns those answers, or null when the customer is not like that.
     */
    private static List<Mail> promptedOnly(List<Mail> mail) {
        List<Mail> in = mail.stream().filter(Mail::in).toList();
        if (in.size() < 4) {
            return null;
        }
        List<Mail> prompted = new ArrayList<>();
        Instant lastOut = null;
        Instant lastIn = null;
        for (Mail m : mail) {
            if (!m.in()) {
                lastOut = m.at();
            } else {
                boolean afterUs = lastOut != null && (lastIn == null || lastOut.isAfter(lastIn))
                        && Duration.between(lastOut, m.at()).toDays() <= 7;
                if (afterUs) {
                    prompted.add(m);
                }
                lastIn = m.at();
            }
        }
        return prompted.size() * 4 >= in.size() * 3 ? prompted : null;
    }

    private static Instant latest(List<Mail> mail) {
        return mail.get(mail.size() - 1).at();
    }

    private static void add(List<Tag> tags, String key, List<String> evidence, Instant newest, Map<String, Instant> since,
            Map<String, Instant> removed, Instant now) {
        Instant removedAt = removed.get(key);
        if (removedAt != null && !newest.isAfter(removedAt)) {
            return;
        }
        List<String> shown = evidence.size() > 20 ? evidence.subList(evidence.size() - 20, evidence.size()) : evidence;
        tags.add(new Tag(key, shown, since.getOrDefault(key, now)));
    }
}
