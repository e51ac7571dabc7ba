package io.genjin.reports.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.WorkingHours;
import io.genjin.reports.activity.MailEvent;
import io.genjin.reports.activity.ResponseTimes;
import io.genjin.store.message.Direction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class CustomerWaitsTest {
    private final WorkingHours hours = WorkingHours.officeWeek(ZoneId.of("Asia/Shanghai"));
    private final CustomerWaits acme = new CustomerWaits("acme", hours);
    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    /** A customer's history: inbound and outbound mail for two reps over weeks, some of it at the same instant. */
    private static List<CustomerWaits.Mail> history(Random random, int size) {
        List<CustomerWaits.Mail> mail = new ArrayList<>();
        Instant at = T0;
        for (int i = 0; i < size; i++) {
            if (random.nextInt(5) != 0) { // one in five at the same instant as the one before
                at = at.plusSeconds(random.nextInt(3 * 24 * 3600));
            }
            boolean outbound = random.nextInt(3) == 0;
            String user = random.nextInt(6) == 0 ? null : random.nextBoolean() ? "rep-1" : "rep-2";
            mail.add(new CustomerWaits.Mail("m" + random.nextInt(1_000_000) + "-" + i, at, outbound, user));
        }
        return mail;
    }

    @Test
    void mailAfterAllBeforeWalkedOnFromTheKeptTailGivesTheWaitsAndTailOfAWalkOverTheWholeHistory() {
        Random random = new Random(17);
        for (int round = 0; round < 300; round++) {
            List<CustomerWaits.Mail> mail = history(random, 1 + random.nextInt(40));
            CustomerWaits.Tail whole = new CustomerWaits.Tail();
            Map<String, Document> all = acme.walk(whole, mail);

            // The same mail arriving in time order, a few at a time, each round starting from the tail as kept in the store.
            List<CustomerWaits.Mail> ordered = new ArrayList<>(mail);
            ordered.sort(CustomerWaits.Mail.ORDER);
            Document kept = null;
            Map<String, Document> written = new LinkedHashMap<>();
            for (int from = 0; from < ordered.size(); ) {
                int to = Math.min(ordered.size(), from + 1 + random.nextInt(4));
                List<CustomerWaits.Mail> batch = new ArrayList<>(ordered.subList(from, to));
                Collections.shuffle(batch, random);
                CustomerWaits.Tail tail = CustomerWaits.Tail.from(kept);
                assertThat(batch).allMatch(m -> m.after(tail));
                written.putAll(acme.walk(tail, batch));
                kept = tail.toDocument();
                from = to;
            }
            assertThat(written).as("round %d", round).isEqualTo(all);
            assertThat(kept).isEqualTo(whole.toDocument());
            CustomerWaits.Tail again = CustomerWaits.Tail.from(kept);
            assertThat(ordered).as("nothing walked is after the tail").noneMatch(m -> m.after(again));
        }
    }

    @Test
    void theWaitsAreTheFirstResponseRulesWaits() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            List<CustomerWaits.Mail> mail = new ArrayList<>();
            Instant at = T0;
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                at = at.plusSeconds(1 + random.nextInt(2 * 24 * 3600)); // distinct instants: the rules' own order
                mail.add(new CustomerWaits.Mail("m" + i, at, random.nextInt(3) == 0, random.nextBoolean() ? "rep-1" : null));
            }
            Map<String, Document> waits = acme.walk(new CustomerWaits.Tail(), mail);
            ResponseTimes.Waits rules = ResponseTimes.of(mail.stream().map(m -> new MailEvent("acme", m.at(),
                    m.outbound() ? Direction.OUTBOUND : Direction.INBOUND, m.userId())).toList(), hours);

            List<Document> answered = waits.values().stream().filter(w -> w.containsKey("a"))
                    .sorted(Comparator.comparing(w -> w.getDate("t"))).toList();
            assertThat(answered).hasSameSizeAs(rules.responses());
            for (int i = 0; i < answered.size(); i++) {
                Document w = answered.get(i);
                ResponseTimes.Response r = rules.responses().get(i);
                assertThat(w.getDate("t").toInstant()).isEqualTo(r.askedAt());
                assertThat(w.getInteger("n")).isEqualTo(r.inboundMails());
                assertThat(w.getDate("a").toInstant()).isEqualTo(r.answeredAt());
                assertThat(w.getString("by")).isEqualTo(r.answeredBy());
                assertThat(w.getLong("cal")).isEqualTo(r.calendar().toSeconds());
                assertThat(w.getLong("bus")).isEqualTo(r.business().toSeconds());
            }
            List<Document> open = waits.values().stream().filter(w -> !w.containsKey("a")).toList();
            assertThat(open).hasSameSizeAs(rules.unanswered());
            for (int i = 0; i < open.size(); i++) {
                assertThat(open.get(i).getDate("t").toInstant()).isEqualTo(rules.unanswered().get(i).askedAt());
                assertThat(open.get(i).getInteger("n")).isEqualTo(rules.unanswered().get(i).inboundMails());
                assertThat(open.get(i).getString("r")).isEqualTo(rules.unanswered().get(i).receivedBy());
            }
        }
    }

    @Test
    void aWaitIsNamedByTheMailThatOpenedItAndAnsweredByTheMailThatClosedItWhenSeveralShareAnInstant() {
        // An answer, a new question and its answer within one second (a rep's rule and an auto-reply):
        // in the order of their ids, the second answer closes the second wait, and is the one named.
        Instant at = T0.plusSeconds(3600);
        List<CustomerWaits.Mail> mail = List.of(
                new CustomerWaits.Mail("a-question", T0, false, "rep-1"),
                new CustomerWaits.Mail("b-answer", at, true, "rep-1"),
                new CustomerWaits.Mail("c-question", at, false, "rep-2"),
                new CustomerWaits.Mail("d-answer", at, true, "rep-2"));
        CustomerWaits.Tail tail = new CustomerWaits.Tail();
        Map<String, Document> waits = acme.walk(tail, mail);

        assertThat(waits).containsOnlyKeys("a-question", "c-question");
        assertThat(waits.get("a-question").getString("am")).isEqualTo("b-answer");
        assertThat(waits.get("a-question").getLong("cal")).isEqualTo(3600L);
        assertThat(waits.get("c-question").getString("am")).isEqualTo("d-answer");
        assertThat(waits.get("c-question").getString("by")).isEqualTo("rep-2");
        assertThat(waits.get("c-question").getLong("cal")).isZero();
        assertThat(tail.toDocument()).as("nothing open, the last mail kept").doesNotContainKey("s")
                .containsEntry("l", new Document("i", "d-answer").append("t", java.util.Date.from(at)));
        assertThat(new CustomerWaits.Mail("c-later", at, false, null).after(tail)).as("same instant, an id before").isFalse();
        assertThat(new CustomerWaits.Mail("e-later", at, false, null).after(tail)).isTrue();
    }

    @Test
    void anOpenWaitKeptInTheTailCountsTheCustomersFollowUpsAndIsAnsweredLater() {
        CustomerWaits.Tail tail = new CustomerWaits.Tail();
        acme.walk(tail, List.of(new CustomerWaits.Mail("q1", T0, false, "rep-1")));
        Document kept = tail.toDocument();
        assertThat(kept.get("s", Document.class)).isEqualTo(new Document("i", "q1").append("t", java.util.Date.from(T0))
                .append("n", 1).append("u", "rep-1"));

        CustomerWaits.Tail read = CustomerWaits.Tail.from(kept);
        Map<String, Document> second = acme.walk(read, List.of(new CustomerWaits.Mail("q2", T0.plusSeconds(60), false, "rep-2")));
        assertThat(second).containsOnlyKeys("q1");
        assertThat(second.get("q1").getInteger("n")).isEqualTo(2);
        assertThat(second.get("q1").getString("r")).as("received by whoever got the first mail").isEqualTo("rep-1");

        CustomerWaits.Tail again = CustomerWaits.Tail.from(read.toDocument());
        Map<String, Document> answer = acme.walk(again, List.of(new CustomerWaits.Mail("r1", T0.plusSeconds(7200), true, "rep-2")));
        assertThat(answer.get("q1").getString("am")).isEqualTo("r1");
        assertThat(answer.get("q1").getInteger("n")).isEqualTo(2);
        assertThat(again.toDocument()).doesNotContainKey("s");
    }
}
