package io.genjin.app.reports;

import io.genjin.app.events.EventConsumer;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.reports.store.Rollups;
import io.genjin.store.CrmStore;
import io.genjin.store.events.CustomersMerged;
import io.genjin.store.events.MessageRelinked;
import io.genjin.store.events.MessageStored;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.events.StageChanged;
import io.genjin.store.message.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the reports' rollups current from the domain events, in the {@code api} role (which serves
 * the reports), one process of the role per customer:
 * a message stored or seen in one more mailbox, relinked by a person, moved by a merge, and
 * quotations sent. Each recording reads the message and overwrites what it wrote before, so an
 * event delivered twice counts once. The mail stored in one round of events is recorded together
 * at the round's end (during an import, a customer with many new mails is recounted once, not per mail),
 * or before a relink or merge in the round, which rewrite what it writes; the events a stored message
 * brings with it (linked, replied, read) do not cut the round. Quotations sent are recorded together
 * at the round's end too (a user's day written once for all of them); stage changes go to documents of
 * their own. A failure is logged and leaves the rollups behind until
 * {@code genjin reports rebuild}; it never fails the ingestion.
 */
@Component
@ConditionalOnRole(Roles.API)
class ReportsFeed implements EventConsumer {
    private static final Logger log = LoggerFactory.getLogger(ReportsFeed.class);
    private static final int MERGE_LIMIT = 200_000;
    private final Rollups rollups;
    private final CrmStore store;
    /**
     * Message-IDs of the messages stored in the current round of events, recorded at its end, each once
     * (a message seen in one more mailbox is stored again).
     */
    private final Set<String> stored = new LinkedHashSet<>();
    /** The quotations sent in the current round, recorded at its end. */
    private final List<QuoteSent> quotes = new ArrayList<>();

    ReportsFeed(Rollups rollups, CrmStore store) {
        this.rollups = rollups;
        this.store = store;
    }

    @Override
    public String name() {
        return "reports";
    }

    @Override
    public void on(Object event) {
        if (event instanceof MessageStored e) {
            stored.add(e.messageId());
            return;
        }
        if (event instanceof MessageRelinked e) {
            // a relink or a merge rewrites what recording the mail before it wrote: that mail first
            recordRound();
            on(e);
        } else if (event instanceof CustomersMerged e) {
            recordRound();
            on(e);
        } else if (event instanceof QuoteSent e) {
            quotes.add(e);
        } else if (event instanceof StageChanged e) {
            on(e);
        }
    }

    /**
     * The stored messages and quotations of this round are recorded together: a user's day or a
     * customer once for all its mail.
     */
    @Override
    public void roundEnd() {
        recordRound();
    }

    private void recordRound() {
        // The round's messages are read once: its quotations are nearly always among the mail it stored.
        Map<String, StoredMessage> read = new HashMap<>();
        if (!stored.isEmpty()) {
            List<String> messageIds = List.copyOf(stored);
            stored.clear();
            guarded(messageIds.size() == 1 ? "MessageStored " + messageIds.get(0) : messageIds.size() + " stored messages", () -> {
                List<StoredMessage> messages = store.messages().byMessageIds(messageIds);
                messages.forEach(m -> read.put(m.messageId(), m));
                rollups.record(messages, users());
            });
        }
        if (!quotes.isEmpty()) {
            List<QuoteSent> round = List.copyOf(quotes);
            quotes.clear();
            guarded(round.size() == 1 ? round.get(0) : round.size() + " quotations sent", () -> recordQuotes(round, read));
        }
    }

    void on(MessageRelinked event) {
        guarded(event, () -> store.messages().find(event.storedId())
                .ifPresent(m -> rollups.relinked(m, users())));
    }

    /**
     * Quotations sent, with their stored messages: those this round read already ({@code byMessageId},
     * the round's own map), the others in one query, added to it.
     */
    private void recordQuotes(List<QuoteSent> sent, Map<String, StoredMessage> byMessageId) {
        List<String> missing = sent.stream().map(QuoteSent::messageId).filter(id -> !byMessageId.containsKey(id)).distinct()
                .toList();
        if (!missing.isEmpty()) {
            store.messages().byMessageIds(missing).forEach(m -> byMessageId.put(m.messageId(), m));
        }
        List<Rollups.Quote> quotes = new ArrayList<>();
        for (QuoteSent q : sent) {
            StoredMessage m = byMessageId.get(q.messageId());
            if (m != null) {
                quotes.add(new Rollups.Quote(m.id(), q.messageId(), q.companyId(), q.senderUserId(),
                        m.sentAt() != null ? m.sentAt() : q.occurredAt()));
            }
        }
        rollups.recordQuotes(quotes);
    }

    void on(StageChanged event) {
        if (event.opportunityId() == null && event.from() != null && event.to() != null) {
            guarded(event, () -> rollups.recordStage(event.companyId(), event.occurredAt(), event.from().name(),
                    event.to().name()));
        }
    }

    void on(CustomersMerged event) {
        guarded(event, () -> rollups.merged(event.loserId(),
                store.messages().ofCompany(event.survivorId(), MERGE_LIMIT).stream(), users()));
    }

    /**
     * The team, from the users' directory (read again when a user was written in this process or after two
     * seconds): every stored message needs it, and reading it per message was a store round trip each.
     */
    private List<io.genjin.store.user.User> users() {
        return store.users().directory().all();
    }

    private static void guarded(Object event, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("Reports: could not record {}; run 'genjin reports rebuild'", event, e);
        }
    }
}
