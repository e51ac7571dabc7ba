package io.genjin.followup.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.followup.EmbeddedMongo;
import io.genjin.followup.facts.Facts;
import io.genjin.store.CrmStore;
import io.genjin.store.events.QuoteSent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failure while handling an event reaches the event's sender, which delivers it again. */
class FollowupEventsTest {
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aFailureThatIsNotTheDatabasesIsRethrownSoTheFactUpdateIsNotLost() {
        Facts failing = new Facts(mongo.template()) {
            @Override
            public void quoteSent(String companyId, Instant at) {
                throw new IllegalStateException("a bug in a fact update");
            }
        };
        FollowupEvents events = new FollowupEvents(CrmStore.over(mongo.template(), clock, CrmStore.Backend.EMBEDDED), failing,
                Rules.of(RuleSettings.DEFAULTS), null, null, clock, ZoneOffset.UTC);
        assertThatThrownBy(() -> events.on(quoteSent())).isInstanceOf(IllegalStateException.class)
                .hasMessage("a bug in a fact update");
    }

    private static QuoteSent quoteSent() {
        return new QuoteSent("<q@factory.example>", "company-1", null, Instant.parse("2026-03-02T08:00:00Z"));
    }
}
