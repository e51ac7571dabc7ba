package io.genjin.followup.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.followup.EmbeddedMongo;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A company merge carries the follow-up rules' dates and open-task lists over to the survivor. */
class FactsMergeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Facts facts = new Facts(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void theSurvivorKeepsTheLaterOfEachDateAndGainsTheLosersOpenTasks() {
        facts.customerReplied("survivor", T0);
        facts.quoteSent("survivor", T0.plusSeconds(500));
        facts.customerReplied("loser", T0.plusSeconds(3600));
        facts.quoteSent("loser", T0.plusSeconds(100));
        facts.taskOpened("survivor", "quote-no-reply", "t1");
        facts.taskOpened("loser", "quote-no-reply", "t2");
        facts.taskOpened("loser", "no-contact-30", "t3");

        assertThat(facts.customerRecords().move("loser", "survivor")).isEqualTo(1);

        CustomerFacts after = facts.find("survivor").orElseThrow();
        assertThat(after.lastReplyAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(after.lastQuoteAt()).isEqualTo(T0.plusSeconds(500));
        assertThat(facts.openTasks("survivor", "quote-no-reply")).containsExactlyInAnyOrder("t1", "t2");
        assertThat(facts.openTasks("survivor", "no-contact-30")).containsExactly("t3");
        assertThat(facts.find("loser")).isEmpty();
        assertThat(facts.customerRecords().move("loser", "survivor")).as("a re-run finds nothing left").isZero();
        assertThat(facts.customerRecords().listed()).isFalse();
    }
}
