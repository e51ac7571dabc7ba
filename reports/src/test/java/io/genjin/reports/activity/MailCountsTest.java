package io.genjin.reports.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.Period;
import io.genjin.reports.activity.MailSide.Counterpart;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailCountsTest {
    private static final Map<String, String> TEAM = Map.of("li@maker.cn", "li", "wang@maker.cn", "wang",
            "sales@maker.cn", "li");
    private final Period week = Period.containing(Period.Kind.WEEK, LocalDate.of(2026, 11, 30), ZoneOffset.UTC);

    @Test
    void aCustomerMailCopiedToTwoRepsCountsAsReceivedForBothAndTouchesTheCustomerForBoth() {
        StoredMessage inquiry = message(Direction.INBOUND, "buyer@acme.de", List.of("li@maker.cn"), List.of("wang@maker.cn"),
                List.of("acme"), "li", "wang");

        Map<String, MailCounts> counts = MailCounts.perUser(MailSide.of(inquiry, TEAM), week);

        assertThat(counts.get("li").receivedFrom(Counterpart.CUSTOMER)).isEqualTo(1);
        assertThat(counts.get("wang").receivedFrom(Counterpart.CUSTOMER)).isEqualTo(1);
        assertThat(counts.get("wang").customersTouched()).isEqualTo(1);
    }

    @Test
    void sentMailIsCreditedToTheSenderAndSplitByWhoWasOnTheOtherSide() {
        List<MailSide> sides = new ArrayList<>();
        sides.addAll(MailSide.of(message(Direction.OUTBOUND, "li@maker.cn", List.of("buyer@acme.de"), List.of(),
                List.of("acme"), "li"), TEAM));
        sides.addAll(MailSide.of(message(Direction.OUTBOUND, "sales@maker.cn", List.of("agent@forwarder.com"), List.of(),
                List.of(), "li"), TEAM));
        sides.addAll(MailSide.of(message(Direction.INTERNAL, "li@maker.cn", List.of("wang@maker.cn"), List.of(),
                List.of(), "li"), TEAM));

        Map<String, MailCounts> counts = MailCounts.perUser(sides, week);

        assertThat(counts.get("li").sentTo(Counterpart.CUSTOMER)).isEqualTo(1);
        assertThat(counts.get("li").sentTo(Counterpart.OTHER_EXTERNAL)).isEqualTo(1);
        assertThat(counts.get("li").sentTo(Counterpart.INTERNAL)).isEqualTo(1);
        assertThat(counts.get("li").customersTouched()).isEqualTo(1);
        assertThat(counts.get("wang").receivedFrom(Counterpart.INTERNAL)).isEqualTo(1);
    }

    @Test
    void mailFromAnAddressNobodyRegisteredIsCreditedToTheMailboxItWasFoundIn() {
        StoredMessage fromAlias = message(Direction.OUTBOUND, "export-dept@maker.cn", List.of("buyer@acme.de"), List.of(),
                List.of("acme"), "wang");

        assertThat(MailSide.of(fromAlias, TEAM)).singleElement().satisfies(side -> {
            assertThat(side.userId()).isEqualTo("wang");
            assertThat(side.sent()).isTrue();
        });
    }

    private static StoredMessage message(Direction direction, String from, List<String> to, List<String> cc,
            List<String> companies, String... mailboxOwners) {
        return new StoredMessage("id", "mid@x", "mid@x", null, List.of(), direction, Participant.of(from),
                to.stream().map(Participant::of).toList(), cc.stream().map(Participant::of).toList(), "Subject",
                Instant.parse("2026-12-01T08:00:00Z"), "", List.of(mailboxOwners).stream().map(u -> new MailboxRef(u, "INBOX", 1L)).toList(),
                companies.isEmpty() ? null : companies.get(0), List.of(), Instant.parse("2026-12-01T08:00:01Z"), companies,
                List.of(), null, null);
    }
}
