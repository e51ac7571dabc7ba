package io.genjin.app.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.genjin.reports.store.Rollups;
import io.genjin.store.CrmStore;
import io.genjin.store.events.MessageStored;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Messages;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.user.Users;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** What one round of events reads from the store to record its mail and quotations. */
class ReportsFeedTest {
    private static final Instant SENT = Instant.parse("2026-11-30T09:00:00Z");
    private final Messages messages = mock(Messages.class);
    private final Rollups rollups = mock(Rollups.class);
    private final ReportsFeed feed;

    ReportsFeedTest() {
        CrmStore store = mock(CrmStore.class);
        Users users = mock(Users.class);
        when(store.messages()).thenReturn(messages);
        when(store.users()).thenReturn(users);
        when(users.directory()).thenReturn(new Users.Directory(List.of(), Map.of(), 0, 0));
        feed = new ReportsFeed(rollups, store);
    }

    private static StoredMessage sent(String id, String messageId) {
        Participant rep = new Participant("Ann", "ann@team.example");
        Participant buyer = new Participant("Buyer", "buyer@acme.example");
        return new StoredMessage(id, messageId, messageId, null, List.of(), Direction.OUTBOUND, rep, List.of(buyer), List.of(),
                "Quotation", SENT, "…", List.of(), "acme", List.of(), SENT, List.of("acme"), List.of(), null, null);
    }

    @Test
    void aRoundsQuotationsAreRecordedFromTheMailTheRoundReadAndOnlyTheOthersAreRead() {
        StoredMessage storedNow = sent("s1", "<q1@team.example>");
        StoredMessage storedBefore = sent("s2", "<q2@team.example>");
        when(messages.byMessageIds(List.of("<q1@team.example>"))).thenReturn(List.of(storedNow));
        when(messages.byMessageIds(List.of("<q2@team.example>"))).thenReturn(List.of(storedBefore));

        feed.on(new MessageStored("<q1@team.example>", true, "ann"));
        feed.on(new QuoteSent("<q1@team.example>", "acme", "ann", SENT.plusSeconds(5)));
        // A quotation whose message was stored in an earlier round (an event delivered again).
        feed.on(new QuoteSent("<q2@team.example>", "acme", "ann", SENT.plusSeconds(5)));
        feed.roundEnd();

        verify(messages).byMessageIds(List.of("<q1@team.example>"));
        verify(messages).byMessageIds(List.of("<q2@team.example>"));
        verifyNoMoreInteractions(messages);
        verify(rollups).record(List.of(storedNow), List.of());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Collection<Rollups.Quote>> quotes = ArgumentCaptor.forClass(Collection.class);
        verify(rollups).recordQuotes(quotes.capture());
        assertThat(quotes.getValue()).containsExactly(
                new Rollups.Quote("s1", "<q1@team.example>", "acme", "ann", SENT),
                new Rollups.Quote("s2", "<q2@team.example>", "acme", "ann", SENT));
    }
}
