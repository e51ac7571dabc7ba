package io.genjin.followup.sequence;

import static io.genjin.followup.sequence.SequenceFixture.MONDAY_0200_BERLIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.followup.sequence.Enrollment.Status;
import io.genjin.followup.sequence.Enrollment.StopReason;
import io.genjin.followup.sequence.SequenceMailer.Outcome;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.events.AutoReplyReceived;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.MessageBounced;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sequences on a controlled clock: windows, caps, gaps, every stop condition and the postponement. */
class SequenceTest {
    private static final Instant MONDAY_0900_BERLIN = Instant.parse("2026-03-02T08:00:00Z");
    private SequenceFixture f = new SequenceFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void theFirstStepWaitsForTheRecipientsMorningThenGoesOutInTheirLanguage() {
        Enrollment e = f.enroll(f.sequence(), f.hans);
        assertThat(e.language()).as("Acme is in Germany and the sequence has German").isEqualTo("de");

        assertThat(f.runner.runDue(10)).isEqualTo(1);
        assertThat(f.sent).as("02:00 in Berlin").isEmpty();
        assertThat(f.reload(e).dueAt()).isEqualTo(MONDAY_0900_BERLIN);

        f.clock.set(MONDAY_0900_BERLIN);
        f.runner.runDue(10);
        assertThat(f.sent).singleElement().satisfies(m -> {
            assertThat(m.toAddress()).isEqualTo("hans@acme-trading.de");
            assertThat(m.fromAddress()).isEqualTo("lilei@team.example");
            assertThat(m.subject()).isEqualTo("DE: Our LED panels for Acme Trading GmbH");
            assertThat(m.body()).isEqualTo("DE: Dear Hans,\n\nour 2k LED panels ...");
            assertThat(m.messageId()).isEqualTo(e.id() + ".0.seq@genjin.local");
            assertThat(m.headers().get("List-Unsubscribe")).startsWith("<https://crm.example.com/u/" + e.id() + ".")
                    .contains("<mailto:lilei@team.example?subject=Unsubscribe%20" + e.id() + ".");
            assertThat(m.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        });
        Enrollment after = f.reload(e);
        assertThat(after.nextStep()).isEqualTo(1);
        assertThat(after.sent()).singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo("SENT"));
        assertThat(after.dueAt()).isEqualTo(MONDAY_0900_BERLIN.plus(Duration.ofDays(3)));
    }

    @Test
    void everyStepIsSentOnceAndTheSequenceCompletes() {
        Enrollment e = f.enroll(f.sequence(), f.hans);
        for (int day = 0; day < 10; day++) {
            for (int hour = 0; hour < 24; hour++) {
                f.runner.runDue(10);
                f.clock.advance(Duration.ofHours(1));
            }
        }
        assertThat(f.sent).extracting(SequenceMailer.Mail::subject)
                .containsExactly("DE: Our LED panels for Acme Trading GmbH", "DE: Following up", "DE: Last note");
        assertThat(f.sent.get(2).body()).isEqualTo("DE: Regards, Li Lei <lilei@team.example>");
        Enrollment done = f.reload(e);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.activeContact()).isNull();
        assertThat(f.store.enrollments().activeOf(f.hans.id())).isEmpty();
    }

    @Test
    void aStepDueOnSaturdayWaitsForMondayMorning() {
        Sequence daily = f.store.sequences().save(new Sequence(io.genjin.store.Ids.newId(), "Daily", f.li.id(), "en",
                List.of(new Sequence.Step(Duration.ZERO, List.of(new Sequence.Variant("en", "One", "First"))),
                        new Sequence.Step(Duration.ofDays(1), List.of(new Sequence.Variant("en", "Two", "Second")))),
                null, false, f.clock.instant()));
        f.clock.set(Instant.parse("2026-03-06T15:00:00Z")); // Friday 16:00 Berlin
        Enrollment e = f.enroll.enroll(daily.id(), f.hans.id(), null, null, Map.of(), null, f.li.id());
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(1);
        assertThat(f.reload(e).dueAt()).isEqualTo(Instant.parse("2026-03-07T15:00:00Z"));
        f.clock.set(Instant.parse("2026-03-07T15:00:00Z")); // Saturday
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(1);
        assertThat(f.reload(e).dueAt()).as("Monday 09:00 Berlin").isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
        f.clock.set(Instant.parse("2026-03-09T08:00:00Z"));
        f.runner.runDue(10);
        assertThat(f.sent).extracting(SequenceMailer.Mail::subject).containsExactly("One", "Two");
    }

    @Test
    void aZoneOverrideOnTheCompanyMovesTheWindow() {
        f.store.zones().override("company", f.acme.id(), "America/New_York");
        f.clock.set(MONDAY_0900_BERLIN);
        Enrollment e = f.enroll(f.sequence(), f.hans);
        f.runner.runDue(10);
        assertThat(f.sent).as("03:00 in New York").isEmpty();
        assertThat(f.reload(e).dueAt()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
    }

    @Test
    void aReplyFromAnyoneAtTheCompanyStopsTheSequenceAndTheRepeatedEventChangesNothing() {
        Enrollment e = sentFirstStep();
        Contact colleague = f.contact(f.acme, "Anna Schulz", "anna@acme-trading.de");
        CustomerReplied reply = new CustomerReplied("r1@acme", f.acme.id(), List.of(colleague.id()), null, f.li.id(),
                f.clock.instant());
        f.stops.on(reply);
        Enrollment stopped = f.reload(e);
        assertThat(stopped.status()).isEqualTo(Status.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo(StopReason.REPLIED);
        f.stops.on(reply);
        assertThat(f.reload(e)).isEqualTo(stopped);
        runForDays(10);
        assertThat(f.sent).hasSize(1);
        assertThat(f.enroll(f.sequence(), f.hans).status()).as("a stopped contact may be enrolled again")
                .isEqualTo(Status.ACTIVE);
    }

    @Test
    void aReplyRightAfterAnEnrolmentInThisProcessStopsItThoughNoneWasOpenAMomentBefore() {
        CustomerReplied early = new CustomerReplied("r0@acme", f.acme.id(), List.of(f.hans.id()), null, f.li.id(),
                f.clock.instant());
        f.stops.on(early);
        f.stops.on(new MessageBounced("b0@mailer", f.acme.id(), f.li.id(), List.of("hans@acme-trading.de"), true,
                f.clock.instant()));
        Enrollment e = f.enroll(f.sequence(), f.hans);
        assertThat(e.status()).isEqualTo(Status.ACTIVE);

        f.stops.on(new CustomerReplied("r1@acme", f.acme.id(), List.of(f.hans.id()), null, f.li.id(), f.clock.instant()));

        assertThat(f.reload(e).stopReason()).isEqualTo(StopReason.REPLIED);
    }

    @Test
    void aMergedCustomersEnrolmentMovesToTheSurvivorWhereAReplyStopsIt() {
        Enrollment e = sentFirstStep();
        Company holding = f.company("Acme Holding", "acme-holding.de", "DE");
        f.store.zones().override("company", f.acme.id(), "Europe/Vienna");
        var merge = new io.genjin.store.linking.MergeCustomers(f.crm, List.of(f.store.enrollments().customerRecords(),
                f.store.zones().customerRecords()));
        assertThat(merge.preview(holding.id(), f.acme.id()).loserSide().counts()).containsEntry("enrollments", 1L);

        var result = merge.merge(holding.id(), f.acme.id(), f.li.id());

        assertThat(result.elsewhere()).containsEntry("enrollments", 1L);
        assertThat(f.reload(e).companyId()).isEqualTo(holding.id());
        assertThat(f.store.zones().override("company:" + holding.id())).contains(java.time.ZoneId.of("Europe/Vienna"));
        f.stops.on(new CustomerReplied("r2@acme", holding.id(), List.of(f.hans.id()), null, f.li.id(), f.clock.instant()));
        assertThat(f.reload(e).status()).isEqualTo(Status.STOPPED);
    }

    @Test
    void aBounceStopsTheSequence() {
        Enrollment e = sentFirstStep();
        f.stops.on(new MessageBounced("b1@mailer", f.acme.id(), f.li.id(), List.of("hans@acme-trading.de"), true,
                f.clock.instant()));
        assertThat(f.reload(e).stopReason()).isEqualTo(StopReason.BOUNCED);
        runForDays(10);
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void oneClickUnsubscribeStopsTheSequenceAndKeepsTheAddressOut() {
        Enrollment e = sentFirstStep();
        String link = f.sent.get(0).headers().get("List-Unsubscribe");
        String token = link.substring(link.indexOf("/u/") + 3, link.indexOf('>'));
        char last = token.charAt(token.length() - 3);
        String altered = token.substring(0, token.length() - 3) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 2);
        assertThat(f.stops.unsubscribe(altered)).as("altered token").isEmpty();
        assertThat(f.stops.unsubscribe(token)).isPresent();
        assertThat(f.stops.unsubscribe(token)).as("clicking twice is fine").isPresent();
        assertThat(f.reload(e).stopReason()).isEqualTo(StopReason.UNSUBSCRIBED);
        assertThatThrownBy(() -> f.enroll(f.sequence(), f.hans)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unsubscribed");
        runForDays(10);
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void aManualStopEndsTheSequence() {
        Enrollment e = sentFirstStep();
        assertThat(f.store.enrollments().stop(e.id(), StopReason.MANUAL, "by Li Lei")).isTrue();
        assertThat(f.store.enrollments().stop(e.id(), StopReason.MANUAL, "again")).isFalse();
        runForDays(10);
        assertThat(f.sent).hasSize(1);
    }

    @Test
    void anOutOfOfficeReplyPostponesToTheMorningAfterTheReturnDate() {
        Enrollment e = sentFirstStep();
        AutoReplyReceived ooo = new AutoReplyReceived("a1@acme", f.acme.id(), f.li.id(), "hans@acme-trading.de",
                LocalDate.of(2026, 3, 16), f.clock.instant());
        f.stops.on(ooo);
        Instant tuesday17th = Instant.parse("2026-03-17T08:00:00Z");
        assertThat(f.reload(e).dueAt()).isEqualTo(tuesday17th);
        f.stops.on(ooo);
        assertThat(f.reload(e).dueAt()).isEqualTo(tuesday17th);
        f.clock.set(tuesday17th.minusSeconds(1));
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(1);
        f.clock.set(tuesday17th);
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(2);
    }

    @Test
    void anOutOfOfficeReplyWithoutADatePostponesByTheDefault() {
        Enrollment e = sentFirstStep();
        f.stops.on(new AutoReplyReceived("a2@acme", f.acme.id(), f.li.id(), "hans@acme-trading.de", null,
                f.clock.instant()));
        assertThat(f.reload(e).dueAt()).isEqualTo(MONDAY_0900_BERLIN.plus(Duration.ofDays(7)));
        assertThat(f.reload(e).postponedBy()).isEqualTo("out of office");
    }

    @Test
    void theMailboxDailyCapDefersTheRestToTomorrowsWindow() {
        f.close();
        f = new SequenceFixture(SequenceFixture.settings(2, 20, Duration.ZERO, Duration.ZERO));
        Sequence s = f.sequence();
        List<Enrollment> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Company c = f.company("Buyer " + i, "buyer" + i + ".de", "DE");
            all.add(f.enroll(s, f.contact(c, "Buyer " + i, "p@buyer" + i + ".de")));
        }
        f.clock.set(MONDAY_0900_BERLIN);
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(2);
        Enrollment deferred = all.stream().map(f::reload).filter(e -> e.nextStep() == 0).findFirst().orElseThrow();
        assertThat(deferred.dueAt()).as("Tuesday 09:00 Berlin, after the cap day (Shanghai) turned")
                .isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
        f.clock.set(Instant.parse("2026-03-03T08:00:00Z"));
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(3);
    }

    @Test
    void theRecipientDomainDailyCapHoldsBackASecondContactThere() {
        f.close();
        f = new SequenceFixture(SequenceFixture.settings(200, 1, Duration.ZERO, Duration.ZERO));
        Sequence s = f.sequence();
        Enrollment first = f.enroll(s, f.hans);
        Company other = f.company("Other GmbH", "other.de", "DE");
        Enrollment elsewhere = f.enroll(s, f.contact(other, "Otto", "otto@other.de"));
        Company sameDomainCustomer = f.company("Acme Service", "service.acme.de", "DE");
        Enrollment second = f.enroll(s, f.contact(sameDomainCustomer, "Paul", "paul@acme-trading.de"));
        f.clock.set(MONDAY_0900_BERLIN);
        f.runner.runDue(10);
        assertThat(f.sent).extracting(SequenceMailer.Mail::toAddress)
                .containsExactlyInAnyOrder("hans@acme-trading.de", "otto@other.de");
        assertThat(f.reload(second).nextStep()).isZero();
        assertThat(f.reload(first).nextStep()).isEqualTo(1);
        assertThat(f.reload(elsewhere).nextStep()).isEqualTo(1);
    }

    @Test
    void twoSendsFromOneMailboxAreARandomSixtyToOneHundredEightySecondsApart() {
        Sequence s = f.sequence();
        List<Enrollment> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Company c = f.company("Gap " + i, "gap" + i + ".de", "DE");
            all.add(f.enroll(s, f.contact(c, "Gap " + i, "p@gap" + i + ".de")));
        }
        f.clock.set(MONDAY_0900_BERLIN);
        List<Instant> sendTimes = new ArrayList<>();
        for (int second = 0; second < 1200 && sendTimes.size() < 5; second++) {
            int before = f.sent.size();
            f.runner.runDue(10);
            if (f.sent.size() > before) {
                sendTimes.add(f.clock.instant());
            }
            f.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(sendTimes).hasSize(5);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < sendTimes.size(); i++) {
            gaps.add(Duration.between(sendTimes.get(i - 1), sendTimes.get(i)).toSeconds());
        }
        assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(60L, 180L));
        assertThat(gaps.stream().distinct().count()).as("random, not fixed: %s", gaps).isGreaterThan(1);
    }

    @Test
    void aContactIsInOneActiveSequenceAtATime() {
        Sequence s = f.sequence();
        f.enroll(s, f.hans);
        assertThatThrownBy(() -> f.enroll(s, f.hans)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in an active sequence");
    }

    @Test
    void aVariableTheEnrolmentCannotFillIsRefusedAtEnrolment() {
        assertThatThrownBy(() -> f.enroll.enroll(f.sequence().id(), f.hans.id(), null, null, Map.of(), null, f.li.id()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("product");
    }

    @Test
    void aPermanentRefusalStopsTheSequenceAndAQueuedStepCountsAsSent() {
        f.answer = new Outcome(Outcome.Kind.QUEUED, "451 greylisted");
        Enrollment e = sentFirstStep();
        assertThat(f.reload(e).sent()).singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo("QUEUED"));
        f.answer = new Outcome(Outcome.Kind.REFUSED, "550 5.1.1 no such user");
        runForDays(4);
        Enrollment stopped = f.reload(e);
        assertThat(stopped.stopReason()).isEqualTo(StopReason.SEND_FAILED);
        assertThat(stopped.stopDetail()).contains("no such user");
    }

    @Test
    void aStepWhoseSendIsHeldByASenderThatDiedIsNeitherSkippedNorCountedButSentOnceTheClaimLapses() {
        // After a crash mid-send the outbound claim on the step's Message-ID outlives the process; the
        // runner that takes the enrolment again is told "busy". Nothing was sent and no queue owns it.
        f.answer = new Outcome(Outcome.Kind.BUSY, "451 4.3.0 This message is being sent right now");
        Enrollment e = f.enroll(f.sequence(), f.hans);
        f.clock.set(MONDAY_0900_BERLIN);
        f.runner.runDue(10);
        Enrollment held = f.reload(e);
        assertThat(held.nextStep()).as("the step is not counted as sent").isZero();
        assertThat(held.sent()).isEmpty();
        assertThat(held.status()).isEqualTo(Status.ACTIVE);
        assertThat(held.dueAt()).as("tried again once a lease has passed").isEqualTo(MONDAY_0900_BERLIN.plus(f.settings.lease()));
        assertThat(f.store.budget().used("domain:acme-trading.de:" + f.store.budget().today()))
                .as("the daily cap it took is given back").isZero();

        f.answer = new Outcome(Outcome.Kind.SENT, "250 ok");
        f.runner.runDue(10);
        assertThat(f.reload(e).sent()).as("not before it is due again").isEmpty();
        f.clock.advance(f.settings.lease());
        f.runner.runDue(10);
        Enrollment after = f.reload(e);
        assertThat(after.nextStep()).isEqualTo(1);
        assertThat(after.sent()).singleElement().satisfies(s -> {
            assertThat(s.step()).isZero();
            assertThat(s.outcome()).isEqualTo("SENT");
        });
        assertThat(f.sent).extracting(SequenceMailer.Mail::messageId)
                .as("asked twice for the same Message-ID, so the outbound path sends it at most once")
                .containsExactly(e.id() + ".0.seq@genjin.local", e.id() + ".0.seq@genjin.local");
    }

    @Test
    void twoRunnersAtOnceSendEveryStepExactlyOnce() throws Exception {
        f.close();
        f = new SequenceFixture(SequenceFixture.settings(1000, 1000, Duration.ZERO, Duration.ZERO));
        Sequence s = f.sequence();
        for (int i = 0; i < 30; i++) {
            Company c = f.company("Race " + i, "race" + i + ".de", "DE");
            f.enroll(s, f.contact(c, "Race " + i, "p@race" + i + ".de"));
        }
        f.clock.set(MONDAY_0900_BERLIN);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            runs.add(pool.submit(() -> {
                go.await();
                return f.runner.runDue(100);
            }));
        }
        go.countDown();
        int seen = 0;
        for (Future<Integer> run : runs) {
            seen += run.get();
        }
        pool.shutdown();
        assertThat(seen).as("a runner that lost a gap race looks again").isGreaterThanOrEqualTo(30);
        assertThat(f.sent).hasSize(30);
        assertThat(f.sent.stream().collect(Collectors.groupingBy(SequenceMailer.Mail::messageId, Collectors.counting())))
                .hasSize(30).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
    }

    @Test
    void racingFirstSendsOfTheDayAllFitUnderTheCap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 20; round++) {
                String owner = "owner-" + round;
                List<java.util.concurrent.Callable<Boolean>> takes = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    takes.add(() -> f.store.budget().takeDaily(owner, owner + ".de"));
                }
                for (Future<Boolean> taken : pool.invokeAll(takes)) {
                    assertThat(taken.get()).as("a counter made by a concurrent first send is not a full cap").isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPausedEnrolmentSendsNothingUntilResumedThenItsOverdueStepGoesOutInTheWindow() {
        Enrollment e = sentFirstStep();
        assertThat(f.store.enrollments().pause(e.id(), f.li.id())).isTrue();
        assertThat(f.store.enrollments().pause(e.id(), f.li.id())).as("paused already").isFalse();
        Enrollment paused = f.reload(e);
        assertThat(paused.status()).isEqualTo(Status.PAUSED);
        assertThat(paused.pausedBy()).isEqualTo(f.li.id());
        assertThat(paused.activeContact()).as("still in the sequence: no second one may start").isEqualTo(f.hans.id());
        assertThatThrownBy(() -> f.enroll(f.sequence(), f.hans)).hasMessageContaining("already in an active sequence");
        runForDays(10);
        assertThat(f.sent).hasSize(1);

        f.clock.set(Instant.parse("2026-03-14T10:00:00Z")); // Saturday
        assertThat(f.store.enrollments().resume(e.id())).isTrue();
        assertThat(f.store.enrollments().resume(e.id())).as("running already").isFalse();
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(1);
        assertThat(f.reload(e).postponement().reason()).isEqualTo(Enrollment.Postponement.Reason.SEND_WINDOW);
        f.clock.set(Instant.parse("2026-03-16T08:00:00Z")); // Monday 09:00 Berlin
        f.runner.runDue(10);
        assertThat(f.sent).extracting(SequenceMailer.Mail::subject).containsExactly(
                "DE: Our LED panels for Acme Trading GmbH", "DE: Following up");
    }

    @Test
    void aReplyOrABounceStillStopsAPausedEnrolment() {
        Enrollment e = sentFirstStep();
        f.store.enrollments().pause(e.id(), f.li.id());
        f.stops.on(new CustomerReplied("r9@acme", f.acme.id(), List.of(f.hans.id()), null, f.li.id(), f.clock.instant()));
        Enrollment stopped = f.reload(e);
        assertThat(stopped.status()).isEqualTo(Status.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo(StopReason.REPLIED);
        assertThat(stopped.activeContact()).isNull();
        assertThat(f.store.enrollments().resume(e.id())).as("a stopped enrolment does not resume").isFalse();
    }

    @Test
    void everyPostponementIsRecordedWithItsReasonZoneAndTimeAndClearedWhenTheStepGoesOut() {
        Enrollment e = f.enroll(f.sequence(), f.hans);
        f.runner.runDue(10);
        Enrollment.Postponement window = f.reload(e).postponement();
        assertThat(window.reason()).isEqualTo(Enrollment.Postponement.Reason.SEND_WINDOW);
        assertThat(window.zone()).isEqualTo("Europe/Berlin");
        assertThat(window.until()).isEqualTo(MONDAY_0900_BERLIN);
        assertThat(f.reload(e).postponedBy()).isEqualTo("outside the send window in Europe/Berlin");

        f.clock.set(MONDAY_0900_BERLIN);
        f.runner.runDue(10);
        assertThat(f.reload(e).postponement()).isNull();
        assertThat(f.reload(e).postponedBy()).isNull();

        f.stops.on(new AutoReplyReceived("a3@acme", f.acme.id(), f.li.id(), "hans@acme-trading.de",
                LocalDate.of(2026, 3, 16), f.clock.instant()));
        Enrollment.Postponement away = f.reload(e).postponement();
        assertThat(away.reason()).isEqualTo(Enrollment.Postponement.Reason.OUT_OF_OFFICE);
        assertThat(away.returnDate()).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(away.until()).isEqualTo(Instant.parse("2026-03-17T08:00:00Z"));
    }

    @Test
    void aSecondSendFromTheSameMailboxRecordsTheGapAndAFullCapRecordsTheCap() {
        f.close();
        f = new SequenceFixture(SequenceFixture.settings(1, 20, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        Sequence s = f.sequence();
        Enrollment first = f.enroll(s, f.hans);
        Company other = f.company("Other GmbH", "other.de", "DE");
        Enrollment second = f.enroll(s, f.contact(other, "Otto", "otto@other.de"));
        f.clock.set(MONDAY_0900_BERLIN);
        f.runner.runDue(10);
        Enrollment waiting = List.of(f.reload(first), f.reload(second)).stream().filter(x -> x.nextStep() == 0)
                .findFirst().orElseThrow();
        assertThat(waiting.postponement().reason()).isEqualTo(Enrollment.Postponement.Reason.MAILBOX_GAP);
        assertThat(waiting.postponement().until()).isEqualTo(MONDAY_0900_BERLIN.plusSeconds(60));
        f.clock.set(MONDAY_0900_BERLIN.plusSeconds(60));
        f.runner.runDue(10);
        assertThat(f.reload(waiting).postponement().reason()).isEqualTo(Enrollment.Postponement.Reason.DAILY_CAP);
        assertThat(f.reload(waiting).postponement().until()).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
    }

    private Enrollment sentFirstStep() {
        Enrollment e = f.enroll(f.sequence(), f.hans);
        f.clock.set(MONDAY_0900_BERLIN);
        f.runner.runDue(10);
        assertThat(f.sent).hasSize(1);
        return e;
    }

    private void runForDays(int days) {
        for (int hour = 0; hour < days * 24; hour++) {
            f.clock.advance(Duration.ofHours(1));
            f.runner.runDue(10);
        }
    }

}
