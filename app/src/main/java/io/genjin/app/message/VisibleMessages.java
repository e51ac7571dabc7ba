package io.genjin.app.message;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.StoredMessage;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may see a stored message: whoever may see one of its customers, and whoever may see the
 * customers of a mailbox it was found in (the mailbox's owner, their manager, an admin). A message one
 * may not see answers exactly like one that does not exist.
 */
@Component
public class VisibleMessages {
    private final CrmStore store;
    private final VisibleCustomers customers;

    VisibleMessages(CrmStore store, VisibleCustomers customers) {
        this.store = store;
        this.customers = customers;
    }

    public StoredMessage message(SignedIn me, String storedId) {
        StoredMessage message = store.messages().find(storedId).orElseThrow(() -> new NotFound("message", storedId));
        if (!canSee(me, message)) {
            throw new NotFound("message", storedId);
        }
        return message;
    }

    public StoredMessage byMessageId(SignedIn me, String messageId) {
        StoredMessage message = store.messages().byMessageId(messageId).orElseThrow(() -> new NotFound("message", messageId));
        if (!canSee(me, message)) {
            throw new NotFound("message", messageId);
        }
        return message;
    }

    /** Whose mailboxes' held-back mail this user may list: null means everyone's. */
    public Collection<String> mailboxOwners(SignedIn me) {
        Scope scope = customers.scope(me);
        return scope.all() ? null : Set.copyOf(scope.owners());
    }

    /**
     * The conversation of a message the user may see: up to {@code limit} of its messages they may
     * see, oldest first. Others' mail in the same thread stays out of it, as it does everywhere.
     */
    public List<StoredMessage> thread(SignedIn me, StoredMessage message, int limit) {
        if (message.threadKey() == null) {
            return List.of(message);
        }
        // Read a few times the limit, since some of a thread may be in mailboxes this user may not see.
        return store.messages().inThread(message.threadKey(), limit * 4).stream().filter(m -> canSee(me, m))
                .limit(limit).toList();
    }

    private boolean canSee(SignedIn me, StoredMessage message) {
        Scope scope = customers.scope(me);
        if (scope.all() || message.mailboxes().stream().map(MailboxRef::userId).filter(Objects::nonNull).anyMatch(scope::includes)) {
            return true;
        }
        return message.companyIds().stream().map(id -> store.companies().findLive(id).orElse(null)).filter(Objects::nonNull)
                .anyMatch((Company c) -> store.access().canSee(me.viewer(), c));
    }
}
