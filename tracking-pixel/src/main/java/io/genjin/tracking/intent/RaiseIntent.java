package io.genjin.tracking.intent;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.tracking.TrackingTexts;
import io.genjin.tracking.message.TrackedMessage;
import io.genjin.tracking.message.TrackedRecipient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person at the customer showed buying intent on a tracked message: the customer's owner gets a
 * HIGH priority task, due now, at most one per message per day — the task's dedupe key
 * {@code intent:<Message-ID>:<day>} is unique in the store, so concurrent hits on several replicas
 * still make one task. Only the call that created the task publishes {@link CustomerShowedIntent}
 * (listeners notify; they never make a second task).
 */
public final class RaiseIntent {
    public static final String ORIGIN_RULE = "tracking.intent";
    private static final Logger log = LoggerFactory.getLogger(RaiseIntent.class);
    private final CrmStore store;
    private final DomainEvents events;
    private final TrackingTexts texts;
    private final ZoneId zone;

    public RaiseIntent(CrmStore store, DomainEvents events, TrackingTexts texts, ZoneId zone) {
        this.store = store;
        this.events = events;
        this.texts = texts;
        this.zone = zone;
    }

    /** Raises intent for this hit; the task when this call created it, empty when it existed or cannot be made. */
    public Optional<Task> raise(TrackedMessage message, TrackedRecipient recipient, CustomerShowedIntent.Signal signal,
            String url, Instant at) {
        Company company = message.companyId() == null ? null : store.companies().findLive(message.companyId()).orElse(null);
        if (company == null) {
            log.info("intent on {} not raised: the message is linked to no customer", message.messageId());
            return Optional.empty();
        }
        String ownerId = company.ownerId() != null ? company.ownerId() : message.ownerId();
        Locale locale = locale(ownerId);
        String key = "intent:" + message.messageId() + ":" + LocalDate.ofInstant(at, zone);
        String subject = message.subject() == null ? "" : message.subject();
        Task candidate = new Task(Ids.newId(), company.id(), texts.intentTitle(locale),
                texts.intentNotes(locale, signal, recipient.address(), subject, url), TaskType.CALL, Priority.HIGH, at,
                ownerId, TaskStatus.OPEN, ORIGIN_RULE, key, null, null, null, null, at, null);
        Task stored = store.tasks().insert(candidate);
        if (!candidate.id().equals(stored.id())) {
            return Optional.empty();
        }
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.TASK, at, null,
                recipient.contactId() == null ? List.of() : List.of(recipient.contactId()), stored.title(), stored.notes(),
                "task:" + stored.id(), Map.of("taskId", stored.id(), "event", "created", "originRule", ORIGIN_RULE), at));
        log.info("intent on {}: {} by {}, task {} for {}", message.messageId(), signal, recipient.address(), stored.id(), ownerId);
        try {
            events.publish(new CustomerShowedIntent(message.messageId(), company.id(), recipient.address(), ownerId,
                    stored.id(), signal, url, at));
        } catch (RuntimeException e) {
            // The task stands (the owner sees it in My tasks); only the immediate notification is
            // missing. Letting this through would cost the hits being written, and a retry would find
            // the task already there and never publish again.
            log.error("intent task {} for {} raised, but telling follow-up failed: no immediate notification", stored.id(),
                    message.messageId(), e);
        }
        return Optional.of(stored);
    }

    private Locale locale(String userId) {
        String tag = userId == null ? null : store.users().find(userId).map(u -> u.locale()).orElse(null);
        return tag == null ? Locale.ENGLISH : Locale.forLanguageTag(tag);
    }
}
