package io.genjin.app.search;

import io.genjin.app.events.EventConsumer;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.CrmStore;
import io.genjin.store.events.CustomersMerged;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.events.MessageRelinked;
import io.genjin.store.events.MessageStored;
import io.genjin.store.message.StoredMessage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Hands the index every change to what a message says or who may see it: stored or seen in one more
 * mailbox (the pipeline), linked, relinked by a person, or moved by a customer merge. Only Message-IDs
 * are queued here; the index reads the message itself, off the caller's thread.
 */
@Component
@ConditionalOnRole(Roles.API)
class SearchFeed implements EventConsumer {
    /** A merge moves a customer's whole mail; more than this many messages wait for the next rebuild. */
    private static final int MERGE_LIMIT = 200_000;
    private final MailSearch search;
    private final CrmStore store;

    SearchFeed(MailSearch search, CrmStore store) {
        this.search = search;
        this.store = store;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public Scope scope() {
        return Scope.EACH_PROCESS;
    }

    @Override
    public void on(Object event) {
        if (event instanceof MessageStored e) {
            on(e);
        } else if (event instanceof MessageLinked e) {
            on(e);
        } else if (event instanceof MessageRelinked e) {
            on(e);
        } else if (event instanceof CustomersMerged e) {
            on(e);
        }
    }

    void on(MessageStored event) {
        search.messagesChanged(List.of(event.messageId()));
    }

    void on(MessageLinked event) {
        search.messagesChanged(List.of(event.messageId()));
    }

    void on(MessageRelinked event) {
        search.messagesChanged(List.of(event.messageId()));
    }

    void on(CustomersMerged event) {
        search.messagesChanged(store.messages().ofCompany(event.survivorId(), MERGE_LIMIT).stream()
                .map(StoredMessage::messageId).toList());
    }
}
