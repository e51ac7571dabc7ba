package io.genjin.followup.rules;

import io.genjin.followup.People;
import io.genjin.followup.facts.CustomerFacts;
import io.genjin.followup.facts.Facts;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.Notifier;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.events.InquiryReceived;
import io.genjin.store.events.MessageBounced;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.events.OwnershipDecided;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.events.SampleShipped;
import io.genjin.store.events.StageChanged;
import io.genjin.store.message.Direction;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-driven side of the rules. Facts move forward, tasks are raised and closed, owners told.
 * Every handler is idempotent (events come at least once), so any failure is rethrown: the events
 * come from the store's outbox, and the app's relay retries the event (holding back that customer's
 * later ones) and logs it once it gives up. Swallowing a bug here lost the fact update for good (a
 * quote with no "quote sent" fact never gets its no-reply task).
 */
public class FollowupEvents {
    private static final Logger log = LoggerFactory.getLogger(FollowupEvents.class);
    private final CrmStore store;
    private final Facts facts;
    private final Rules rules;
    private final TaskActions actions;
    private final Notifier notifier;
    private final Clock clock;
    private final ZoneId zone;

    public FollowupEvents(CrmStore store, Facts facts, Rules rules, TaskActions actions, Notifier notifier, Clock clock,
            ZoneId zone) {
        this.store = store;
        this.facts = facts;
        this.rules = rules;
        this.actions = actions;
        this.notifier = notifier;
        this.clock = clock;
        this.zone = zone;
    }

    /** Handles any domain event; ones followup does not care about are ignored. */
    public void on(Object event) {
        try {
            if (event instanceof QuoteSent e) {
                facts.quoteSent(e.companyId(), e.occurredAt());
            } else if (event instanceof InquiryReceived e) {
                facts.inquiryReceived(e.companyId(), e.occurredAt());
            } else if (event instanceof CustomerReplied e) {
                on(e);
            } else if (event instanceof MessageLinked e) {
                on(e);
            } else if (event instanceof MessageBounced e) {
                on(e);
            } else if (event instanceof SampleShipped e) {
                on(e);
            } else if (event instanceof StageChanged e) {
                on(e);
            } else if (event instanceof OwnershipDecided e) {
                on(e);
            } else if (event instanceof CustomerShowedIntent e) {
                on(e);
            }
        } catch (RuntimeException e) {
            log.error("followup could not handle {}; the event's sender retries it", event, e);
            throw e;
        }
    }

    private void on(CustomerReplied e) {
        if (e.companyId() == null) {
            return;
        }
        CustomerFacts known = facts.customerReplied(e.companyId(), e.occurredAt());
        Supplier<People> people = memo(() -> People.of(store));
        Instant now = clock.instant();
        if (known.lastQuoteAt() == null || !e.occurredAt().isBefore(known.lastQuoteAt())) {
            closeAll(known, QuoteNoReply.NAME, people, now);
        }
        closeOlderThan(known, NoTwoWayContact.NAME, e.occurredAt(), people, now);
        closeOlderThan(known, ChurnWarning.NAME, e.occurredAt(), people, now);
        store.companies().find(e.companyId()).filter(Company::dormant)
                .ifPresent(c -> actions.leaveDormantPool(c, people.get(), now, e.messageId()));
    }

    private void on(MessageLinked e) {
        if (e.companyId() == null || e.direction() != Direction.OUTBOUND) {
            return;
        }
        CustomerFacts known = facts.teamWrote(e.companyId(), e.occurredAt());
        if (known.lastInquiryAt() == null || !e.occurredAt().isBefore(known.lastInquiryAt())) {
            closeAll(known, InquiryUnanswered.NAME, memo(() -> People.of(store)), clock.instant());
        }
    }

    private void on(MessageBounced e) {
        ContactLeft rule = rules.contactLeft();
        if (!e.hard() || !rule.setting().isEnabled()) {
            return;
        }
        People people = null;
        for (String address : e.failedAddresses()) {
            Optional<Contact> contact = store.contacts().byAddress(address);
            Optional<Company> company = contact.flatMap(c -> store.companies().findLive(c.companyId()));
            if (contact.isEmpty() || company.isEmpty() || !rule.setting().appliesTo(company.get().grade())) {
                continue;
            }
            store.contacts().markLeft(contact.get().id());
            people = people == null ? People.of(store) : people;
            actions.raise(rule.on(contact.get(), address, company.get()), company.get(), rule.setting(), people,
                    clock.instant(), true);
        }
    }

    private void on(SampleShipped e) {
        SampleArrival rule = rules.sampleArrival();
        store.companies().findLive(e.companyId()).filter(c -> rule.setting().appliesTo(c.grade())).ifPresent(company ->
                actions.raise(rule.on(e, company, zone), company, rule.setting(), People.of(store), clock.instant(), true));
    }

    /**
     * 撞客 decided: the rep who was also writing and the owner before are told what the manager chose
     * (not the manager: they know). Once per conflict and person.
     */
    private void on(OwnershipDecided e) {
        Optional<Company> company = store.companies().findLive(e.companyId());
        if (company.isEmpty()) {
            return;
        }
        String newOwner = e.ownerAfter() == null ? null : store.users().find(e.ownerAfter()).map(u -> u.name()).orElse(null);
        List<String> args = List.of(company.get().name(), newOwner == null ? "-" : newOwner);
        java.util.stream.Stream.of(e.claimantId(), e.ownerBefore()).filter(java.util.Objects::nonNull).distinct()
                .filter(id -> !id.equals(e.byUserId()))
                .forEach(id -> store.users().find(id).ifPresent(user -> notifier.send(user, Notification.Kind.OWNERSHIP,
                        "conflict:" + e.conflictId(), "ownership." + e.resolution(), args, null, company.get().id())));
    }

    private void on(StageChanged e) {
        StageTasks rule = rules.stageTasks();
        Optional<Company> found = store.companies().findLive(e.companyId());
        if (found.isEmpty() || !rule.setting().isEnabled()) {
            return;
        }
        Company company = found.get();
        People people = People.of(store);
        Instant now = clock.instant();
        // The stage left behind: its open tasks are moot now (same customer or deal, another stage).
        String scope = StageTasks.prefix(company.id(), e.opportunityId() == null ? "company" : e.opportunityId());
        CustomerFacts known = facts.find(company.id()).orElse(CustomerFacts.none(company.id()));
        for (String taskId : known.openTasks().getOrDefault(StageTasks.NAME, List.of())) {
            Optional<Task> task = store.tasks().find(taskId);
            if (task.isPresent() && task.get().dedupeKey() != null && task.get().dedupeKey().startsWith(scope)
                    && !task.get().dedupeKey().startsWith(scope + e.to() + ":" + e.occurredAt().toEpochMilli() + ":")) {
                actions.close(taskId, StageTasks.NAME, company.id(), people, now);
            }
        }
        if (rule.setting().appliesTo(company.grade())) {
            rule.on(e, company).forEach(want -> actions.raise(want, company, rule.setting(), people, now, true));
        }
    }

    private void on(CustomerShowedIntent e) {
        if (!rules.showedIntent().setting().isEnabled() || e.taskId() == null) {
            return;
        }
        Optional<Task> task = store.tasks().find(e.taskId()).filter(t -> t.status() == TaskStatus.OPEN);
        People people = People.of(store);
        String to = task.map(Task::assigneeId).orElse(e.ownerId());
        Optional<Company> company = store.companies().findLive(e.companyId());
        people.user(to).ifPresent(user -> notifier.send(user, Notification.Kind.INTENT, "intent:" + e.taskId(), "intent",
                List.of(company.map(Company::name).orElse("-"), e.contactAddress() == null ? "-" : e.contactAddress(),
                        task.map(Task::title).orElse("-")), e.taskId(), e.companyId()));
    }

    private void closeAll(CustomerFacts known, String rule, Supplier<People> people, Instant now) {
        for (String taskId : known.openTasks().getOrDefault(rule, List.of())) {
            actions.close(taskId, rule, known.id(), people.get(), now);
        }
    }

    /** Closes the rule's tasks whose silence (the period in their dedupe key) began before {@code at}. */
    private void closeOlderThan(CustomerFacts known, String rule, Instant at, Supplier<People> people, Instant now) {
        for (String taskId : known.openTasks().getOrDefault(rule, List.of())) {
            Optional<Task> task = store.tasks().find(taskId);
            if (task.isEmpty() || periodOf(task.get()) < at.toEpochMilli()) {
                actions.close(taskId, rule, known.id(), people.get(), now);
            }
        }
    }

    private static long periodOf(Task task) {
        String key = task.dedupeKey();
        try {
            return Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
