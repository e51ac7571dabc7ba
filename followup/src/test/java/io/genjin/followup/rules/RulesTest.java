package io.genjin.followup.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.followup.facts.CustomerFacts;
import io.genjin.store.contract.Contract;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules' conditions at their edges, and the settings' checks. */
class RulesTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;
    private final Rules rules = Rules.of(RuleSettings.DEFAULTS);

    @Test
    void aQuoteIsDueForFollowUpExactlyThreeDaysAfterItWentOutUnlessTheCustomerWroteSince() {
        CustomerView quoted = view(Grade.C, new CustomerFacts("c", T0, null, null, null, Map.of()));
        assertThat(rules.quoteNoReply().wanted(quoted, T0.plus(Duration.ofDays(3)).minusMillis(1), UTC)).isEmpty();
        assertThat(rules.quoteNoReply().wanted(quoted, T0.plus(Duration.ofDays(3)), UTC)).singleElement()
                .satisfies(w -> assertThat(w.dedupeKey()).isEqualTo("quote-no-reply:c:" + T0.toEpochMilli()));
        CustomerView answered = view(Grade.C, new CustomerFacts("c", T0, T0.plusSeconds(60), null, null, Map.of()));
        assertThat(rules.quoteNoReply().wanted(answered, T0.plus(Duration.ofDays(5)), UTC)).isEmpty();
    }

    @Test
    void silenceTiersFollowOneAnotherWithoutOverlap() {
        CustomerView c = view(Grade.C, new CustomerFacts("c", null, T0, null, null, Map.of()));
        assertThat(rules.noTwoWayContact().wanted(c, T0.plus(Duration.ofDays(29)), UTC)).isEmpty();
        assertThat(rules.noTwoWayContact().wanted(c, T0.plus(Duration.ofDays(30)), UTC)).hasSize(1);
        assertThat(rules.noTwoWayContact().wanted(c, T0.plus(Duration.ofDays(60)), UTC)).isEmpty();
        assertThat(rules.churnWarning().wanted(c, T0.plus(Duration.ofDays(60)), UTC)).hasSize(1);
        assertThat(rules.churnWarning().wanted(c, T0.plus(Duration.ofDays(182)), UTC)).isEmpty();
        assertThat(rules.dormantPool().wanted(c, T0.plus(Duration.ofDays(182)), UTC)).singleElement()
                .satisfies(w -> assertThat(w.moveToDormantPool()).isTrue());
        CustomerView a = view(Grade.A, new CustomerFacts("c", null, T0, null, null, Map.of()));
        assertThat(rules.noTwoWayContact().wanted(a, T0.plus(Duration.ofDays(14)), UTC)).hasSize(1);
    }

    @Test
    void aCustomerNeverHeardFromCountsFromWhenItWasCreatedAndAnOutOfOfficeDoesNotCountOnceRepliesAreKnown() {
        Company fresh = company(Grade.C, T0, null);
        assertThat(new CustomerView(fresh, null, null, null, null).lastTwoWayContact()).isEqualTo(T0);
        Company autoReplied = company(Grade.C, T0, T0.plus(Duration.ofDays(20)));
        CustomerView known = new CustomerView(autoReplied, new CustomerFacts("c", null, T0.plusSeconds(5), null, null, Map.of()),
                null, null, null);
        assertThat(known.lastTwoWayContact()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aContractWantsTheNearestReminderPointReachedAndNoneOnceItHasEnded() {
        LocalDate today = LocalDate.ofInstant(T0, UTC);
        Contract in45 = new Contract("k", "c", "Supply", null, null, today.plusDays(45), null, T0);
        CustomerView c = new CustomerView(company(Grade.C, T0, null), null, null, null, List.of(in45));
        assertThat(rules.contractExpiry().wanted(c, T0, UTC)).singleElement()
                .satisfies(w -> assertThat(w.dedupeKey()).endsWith(":60"));
        assertThat(rules.contractExpiry().wanted(c, T0.plus(Duration.ofDays(15)), UTC)).singleElement()
                .satisfies(w -> assertThat(w.dedupeKey()).endsWith(":30"));
        assertThat(rules.contractExpiry().wanted(c, T0.plus(Duration.ofDays(46)), UTC)).isEmpty();
        assertThat(rules.contractExpiry().wanted(c, T0.minus(Duration.ofDays(60)), UTC)).isEmpty();
    }

    @Test
    void settingsLeftOutTakeTheDefaultsAndWrongOnesNameTheirProperty() {
        RuleSettings partial = new RuleSettings(new RuleSetting(null, null, null, null, Duration.ofDays(5), null, null, null),
                null, null, null, null, null, null, null, null, null, null, null);
        assertThat(partial.quoteNoReply().after()).isEqualTo(Duration.ofDays(5));
        assertThat(partial.quoteNoReply().enabled()).isTrue();
        assertThat(partial.quoteNoReply().grades()).containsExactlyInAnyOrder(Grade.values());
        assertThatThrownBy(() -> new RuleSettings(null, null, null, null, null, null, null, null, null, null, null,
                new RuleSetting(null, null, null, null, null, null, List.of(90, -1), null)))
                .hasMessageContaining("genjin.followup.rules.contract-expiry.days");
        assertThatThrownBy(() -> new RuleSettings(new RuleSetting(null, null, null, null, Duration.ofDays(-1), null, null, null),
                null, null, null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("genjin.followup.rules.quote-no-reply.after");
    }

    @Test
    void aDisabledRuleIsNotScanned() {
        RuleSettings off = new RuleSettings(new RuleSetting(false, null, null, null, null, null, null, null),
                null, null, null, null, null, null, null, null, null, null, null);
        assertThat(Rules.of(off).scanned()).extracting(Rule::name).doesNotContain("quote-no-reply").contains("care-mail");
    }

    private static CustomerView view(Grade grade, CustomerFacts facts) {
        return new CustomerView(company(grade, T0.minus(Duration.ofDays(400)), null), facts, null, null, null);
    }

    private static Company company(Grade grade, Instant created, Instant lastInbound) {
        return new Company("c", "Acme", null, List.of("acme.de"), null, null, grade, null, "rep", null, false, lastInbound,
                null, null, created, null);
    }
}
