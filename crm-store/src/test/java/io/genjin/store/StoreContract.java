package io.genjin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.access.Viewer;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.customer.Stage;
import io.genjin.store.task.Escalation;
import io.genjin.store.task.Task;
import io.genjin.store.task.Tasks;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.timeline.TimelinePage;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * What every store backend must do the same way. Each backend (the embedded server, a real
 * MongoDB) runs these by implementing {@link #store()} with a fresh, empty database per test.
 */
public interface StoreContract {
    Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    CrmStore store();

    default Company company(String name, String ownerId, String... domains) {
        return store().companies().insert(Company.create(Ids.newId(), name, List.of(domains), ownerId, T0));
    }

    @Test
    default void companyRoundTripsWithDerivedNormalizedName() {
        Company saved = company("ACME Trading Co., Ltd.", "u1", "Acme.com");
        Company loaded = store().companies().get(saved.id());
        assertThat(loaded.name()).isEqualTo("ACME Trading Co., Ltd.");
        assertThat(loaded.normalizedName()).isEqualTo("acme trading");
        assertThat(loaded.domains()).containsExactly("acme.com");
        assertThat(store().companies().byDomain("ACME.com")).map(Company::id).contains(saved.id());
        assertThat(store().companies().byNormalizedName("acme trading")).extracting(Company::id).containsExactly(saved.id());
    }

    @Test
    default void companySaveWithStaleVersionShouldFail() {
        Company saved = store().companies().get(company("Acme", "u1", "acme.com").id());
        store().companies().save(saved.withStage(Stage.QUOTED));
        assertThatThrownBy(() -> store().companies().save(saved.withStage(Stage.SAMPLE)))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(store().companies().get(saved.id()).stage()).isEqualTo(Stage.QUOTED);
    }

    @Test
    default void companiesAndContactsInsertedInBulkAreFoundAndSavedAsOnesInsertedAlone() {
        List<Company> made = store().companies().insertAll(List.of(
                Company.create(Ids.newId(), "Bulk One Ltd", List.of("bulk-one.example"), "u1", T0),
                Company.create(Ids.newId(), "Bulk Two Ltd", List.of("bulk-two.example"), "u1", T0)));
        assertThat(made).hasSize(2).allSatisfy(c -> assertThat(c.version()).isEqualTo(0L));
        assertThat(store().companies().byDomain("BULK-TWO.example")).map(Company::id).contains(made.get(1).id());
        Company stored = store().companies().get(made.get(0).id());
        assertThat(stored.version()).isEqualTo(0L);
        store().companies().save(stored.withStage(Stage.QUOTED));
        assertThatThrownBy(() -> store().companies().save(stored.withStage(Stage.SAMPLE)))
                .isInstanceOf(OptimisticLockingFailureException.class);

        List<Contact> contacts = store().contacts().insertAll(List.of(
                new Contact(Ids.newId(), "A", List.of("A@Bulk-One.example"), List.of(), null, made.get(0).id(), "u1", false, null, T0),
                new Contact(Ids.newId(), "B", List.of("b@bulk-two.example", "b2@bulk-two.example"), List.of(), null,
                        made.get(1).id(), "u1", false, null, T0)));
        assertThat(contacts).hasSize(2);
        assertThat(store().contacts().byAddress("a@bulk-one.example")).map(Contact::companyId).contains(made.get(0).id());
        java.util.Map<String, Contact> found = store().contacts().byAddresses(List.of("A@BULK-ONE.example",
                "b2@bulk-two.example", "nobody@bulk-two.example"));
        assertThat(found).containsOnlyKeys("a@bulk-one.example", "b2@bulk-two.example");
        assertThat(found.get("b2@bulk-two.example").id()).isEqualTo(contacts.get(1).id());
        assertThat(store().contacts().byAddresses(List.of("nobody@nowhere.example"))).isEmpty();
    }

    @Test
    default void touchContactShouldNeverMoveLastContactBackwards() {
        Company c = company("Acme", "u1", "acme.com");
        long created = store().companies().get(c.id()).version();
        store().companies().touchContact(c.id(), true, T0.plusSeconds(60));
        store().companies().touchContact(c.id(), true, T0);
        store().companies().touchContact(c.id(), false, T0.plusSeconds(30));
        store().companies().touchContact(c.id(), false, T0.plusSeconds(30));
        Company loaded = store().companies().get(c.id());
        assertThat(loaded.lastInboundAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(loaded.lastOutboundAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(loaded.lastContactAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(loaded.version()).as("moved on by the two touches that changed a time, not by the two that did not")
                .isEqualTo(created + 2);

        // Older mail (a first sync reads newest first) changes nothing, so a person's edit of what they
        // read is not refused for it; a newer time still moves the version on, and the stale edit fails.
        store().companies().touchContact(c.id(), true, T0.plusSeconds(10));
        Company edited = store().companies().save(loaded.withStage(Stage.QUOTED));
        assertThat(edited.stage()).isEqualTo(Stage.QUOTED);
        store().companies().touchContact(c.id(), true, T0.plusSeconds(90));
        assertThatThrownBy(() -> store().companies().save(edited.withStage(Stage.SAMPLE)))
                .isInstanceOf(org.springframework.dao.OptimisticLockingFailureException.class);
        assertThat(store().companies().get(c.id()).lastInboundAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    default void searchShouldHonourScopeAndText() {
        User rep = store().users().create("Rep", List.of("rep@team.example"), Role.REP, "t1", null, "en");
        company("Acme Trading", rep.id(), "acme.com");
        company("Beta Industrial", "someone-else", "beta.com");
        var scope = store().access().scope(Viewer.of(rep));
        assertThat(store().companies().search(scope, null, 0, 10)).extracting(Company::name).containsExactly("Acme Trading");
        assertThat(store().companies().search(scope, "beta", 0, 10)).isEmpty();
        var all = store().access().scope(new Viewer("admin", Role.ADMIN, null));
        assertThat(store().companies().search(all, "BETA", 0, 10)).extracting(Company::name).containsExactly("Beta Industrial");
        assertThat(store().companies().search(all, "acme.c", 0, 10)).hasSize(1);
        assertThat(store().companies().search(all, "(.*", 0, 10)).isEmpty();
    }

    /**
     * An export's pass over the customer list: across more than one page, every company the list's
     * query finds comes once, and the in-process matcher (used for contacts and orders) agrees with it.
     */
    @Test
    default void aPassFindsWhatTheListFindsOnceAcrossPagesAndTheMatcherAgrees() {
        List<Company> all = new ArrayList<>();
        for (int i = 0; i < OnePass.PAGE * 2 + 7; i++) {
            Company c = Company.create(Ids.newId(), (i % 3 == 0 ? "Pass Alpha " : "Pass Beta ") + i,
                    i % 11 == 0 ? List.of("alpha-" + i + ".example") : List.of(), i % 5 == 0 ? null : "pass-owner-" + (i % 2), T0);
            all.add(store().companies().insert(i % 7 == 0 ? c.withArchivedAt(T0) : c));
        }
        List<io.genjin.store.access.CustomerAccess.Scope> scopes = List.of(io.genjin.store.access.CustomerAccess.Scope.ALL,
                new io.genjin.store.access.CustomerAccess.Scope(Set.of("pass-owner-1"), true),
                new io.genjin.store.access.CustomerAccess.Scope(Set.of("pass-owner-0"), false));
        for (var scope : scopes) {
            for (String text : java.util.Arrays.asList(null, "ALPHA", "alpha-1")) {
                for (boolean archived : List.of(false, true)) {
                    List<String> streamed;
                    try (var pass = store().companies().streamMatching(scope, text, archived)) {
                        streamed = pass.map(Company::id).toList();
                    }
                    var matcher = io.genjin.store.customer.Companies.matcher(scope, text, archived);
                    List<String> matched = all.stream().filter(matcher).map(Company::id).toList();
                    String what = scope + " " + text + " " + archived;
                    assertThat(streamed).as(what).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(matched);
                    assertThat(store().companies().search(scope, text, archived, 0, 10_000)).as(what)
                            .extracting(Company::id).containsExactlyInAnyOrderElementsOf(matched);
                }
            }
        }
    }

    @Test
    default void addressAndDomainLookupsFollowAddsAndMerges() {
        Company older = company("Acme", "u1", "acme.com");
        Company newer = company("Acme GmbH", "u1", "acme.com");
        assertThat(store().companies().allByDomain("acme.com")).extracting(Company::id).containsExactly(older.id(), newer.id());
        store().companies().markMerged(newer.id(), older.id());
        store().companies().addDomain(older.id(), "acme.de");
        assertThat(store().companies().allByDomain("acme.com")).extracting(Company::id).containsExactly(older.id());
        assertThat(store().companies().byDomain("ACME.DE")).map(Company::id).contains(older.id());
        assertThat(store().companies().byDomain("nobody.example")).isEmpty();

        Contact li = store().contacts().insert(new Contact(Ids.newId(), "Li Wei", List.of("li@acme.com"), List.of(), null,
                older.id(), "u1", false, null, T0));
        Contact dup = store().contacts().insert(new Contact(Ids.newId(), "Li", List.of("li@acme.com"), List.of(), null,
                older.id(), "u1", false, null, T0.plusSeconds(1)));
        store().contacts().markMerged(dup.id(), li.id());
        store().contacts().addAddresses(li.id(), List.of("Wei.Li@Acme.de"));
        assertThat(store().contacts().allByAddress("li@acme.com")).extracting(Contact::id).containsExactly(li.id());
        assertThat(store().contacts().byAddress("wei.li@acme.de")).map(Contact::id).contains(li.id());
        assertThat(store().contacts().byAddress("nobody@acme.com")).isEmpty();
    }

    @Test
    default void theUsersDirectoryFindsWhatByAddressFindsAndIsReadAgainAfterAWriteHere() {
        User rep = store().users().create("Li Lei", List.of("lilei@team.example", "lei@private.example"), Role.REP, null, null,
                "en");
        io.genjin.store.user.Users.Directory first = store().users().directory();
        for (String address : List.of("lilei@team.example", " LEI@Private.example ", "nobody@team.example", "team.example")) {
            assertThat(first.byAddress(address).map(User::id)).as(address)
                    .isEqualTo(store().users().byAddress(address).map(User::id));
        }
        assertThat(first.byAddress("lei@private.example")).map(User::id).contains(rep.id());
        assertThat(first.byAddress(null)).isEmpty();
        assertThat(store().users().directory()).as("served again while nothing was written").isSameAs(first);
        User other = store().users().create("Wang Fang", List.of("wang@team.example"), Role.MANAGER, null, null, "zh-CN");
        assertThat(store().users().directory().byAddress("Wang@Team.example")).map(User::id).contains(other.id());
    }

    @Test
    default void contactIsFoundByAnyAddressCaseInsensitively() {
        Company c = company("Acme", "u1", "acme.com");
        Contact saved = store().contacts().insert(new Contact(Ids.newId(), "Li Wei", List.of("Li.Wei@Acme.com", "lw@acme.com"),
                List.of("+86 755 1234"), "Buyer", c.id(), "u1", false, null, T0));
        assertThat(store().contacts().byAddress("li.wei@acme.com")).map(Contact::id).contains(saved.id());
        assertThat(store().contacts().byAddress("LW@ACME.COM")).map(Contact::id).contains(saved.id());
        assertThat(store().contacts().ofCompany(c.id())).hasSize(1);
    }

    @Test
    default void aThreadListsItsMessagesOnceOldestFirstWithTheirRawKeyAndAttachments() {
        java.util.function.BiFunction<String, java.time.Instant, StoredMessage> message = (id, at) -> new StoredMessage(
                Ids.newId(), id, "root@mail.example", null, List.of(), Direction.INBOUND, Participant.of("buyer@acme.com"),
                List.of(), List.of(), "RFQ", at, "", List.of(new MailboxRef("u1", "INBOX", null)), null, List.of(), T0,
                null, null, null, null, "sha256-" + id,
                List.of(new io.genjin.store.message.StoredAttachment(0, "q.pdf", "application/pdf", 9, null, false, id + "/1")));
        store().messages().store(message.apply("reply@mail.example", T0.plusSeconds(60)));
        store().messages().store(message.apply("root@mail.example", T0));
        store().messages().store(message.apply("reply@mail.example", T0.plusSeconds(60)));
        store().messages().store(new StoredMessage(Ids.newId(), "other@mail.example", "other@mail.example", null, List.of(),
                Direction.INBOUND, null, List.of(), List.of(), "Other", T0, "", List.of(), null, List.of(), T0));

        List<StoredMessage> thread = store().messages().inThread("root@mail.example", 10);

        assertThat(thread).extracting(StoredMessage::messageId).containsExactly("root@mail.example", "reply@mail.example");
        assertThat(thread.get(0).rawKey()).isEqualTo("sha256-root@mail.example");
        assertThat(thread.get(0).attachment(0)).hasValueSatisfying(a -> assertThat(a.storedId()).isEqualTo("root@mail.example/1"));
        assertThat(thread.get(0).attachment(1)).isEmpty();
        assertThat(store().messages().inThread(null, 10)).isEmpty();
    }

    @Test
    default void aBatchsMarksCompleteItsMessagesAndNoOther() {
        java.util.function.Function<String, StoredMessage> message = id -> new StoredMessage(Ids.newId(), id, id, null,
                List.of(), Direction.INBOUND, Participant.of("buyer@acme.com"), List.of(), List.of(), "RFQ", T0, "",
                List.of(new MailboxRef("u1", "INBOX", null)), null, List.of(), T0);
        StoredMessage a = store().messages().store(message.apply("a@mail.example")).message();
        StoredMessage b = store().messages().store(message.apply("b@mail.example")).message();
        store().messages().store(message.apply("c@mail.example"));

        store().messages().markEventsPublishedByIds(List.of(a.id(), b.id()));

        MailboxRef second = new MailboxRef("u2", "INBOX", null);
        assertThat(store().messages().addMailboxIfComplete("a@mail.example", second)).isEqualTo(io.genjin.store.message.Messages.Seen.ADDED);
        assertThat(store().messages().addMailboxIfComplete("b@mail.example", second)).isEqualTo(io.genjin.store.message.Messages.Seen.ADDED);
        assertThat(store().messages().addMailboxIfComplete("c@mail.example", second))
                .as("stored, not marked: its ingestion did not finish").isEqualTo(io.genjin.store.message.Messages.Seen.NOT_ADDED);
        assertThat(store().messages().byMessageId("a@mail.example").orElseThrow().mailboxes())
                .extracting(MailboxRef::userId).containsExactly("u1", "u2");
    }

    @Test
    default void messagesStoredUnderAPublicationKeyAreCompleteOnceItIsPublishedAndNotThoseTakenOut() {
        java.util.function.Function<String, StoredMessage> message = id -> new StoredMessage(Ids.newId(), id, id, null,
                List.of(), Direction.INBOUND, Participant.of("buyer@acme.com"), List.of(), List.of(), "RFQ", T0, "",
                List.of(new MailboxRef("u1", "INBOX", null)), null, List.of(), T0);
        io.genjin.store.message.Messages messages = store().messages();
        StoredMessage a = messages.store(message.apply("ka@mail.example"), "batch-1").message();
        StoredMessage b = messages.store(message.apply("kb@mail.example"), "batch-1").message();
        StoredMessage stopped = messages.store(message.apply("kc@mail.example"), "batch-1").message();
        messages.store(message.apply("kd@mail.example"), "batch-2");
        assertThat(messages.store(message.apply("ka@mail.example"), "batch-2").created()).as("known: keeps its key").isFalse();
        MailboxRef second = new MailboxRef("u2", "INBOX", null);
        assertThat(messages.addMailboxIfComplete("ka@mail.example", second)).as("its key not published yet")
                .isEqualTo(io.genjin.store.message.Messages.Seen.NOT_ADDED);

        messages.unpublish(List.of(stopped.id()));
        messages.published("batch-1", List.of(a.id(), b.id()));
        messages.published("batch-1", List.of(a.id(), b.id()));

        assertThat(messages.addMailboxIfComplete("ka@mail.example", second)).isEqualTo(io.genjin.store.message.Messages.Seen.ADDED);
        assertThat(messages.addMailboxIfComplete("kb@mail.example", second)).isEqualTo(io.genjin.store.message.Messages.Seen.ADDED);
        assertThat(messages.addMailboxIfComplete("kc@mail.example", second)).as("taken out of the key before it was published")
                .isEqualTo(io.genjin.store.message.Messages.Seen.NOT_ADDED);
        assertThat(messages.addMailboxIfComplete("kd@mail.example", second)).as("another batch's key")
                .isEqualTo(io.genjin.store.message.Messages.Seen.NOT_ADDED);
        assertThat(messages.byMessageId("ka@mail.example").orElseThrow().mailboxes())
                .extracting(MailboxRef::userId).containsExactly("u1", "u2");
        assertThat(messages.byMessageId("ka@mail.example").orElseThrow()).as("the record reads as any other")
                .isEqualTo(new StoredMessage(a.id(), "ka@mail.example", "ka@mail.example", null, List.of(), Direction.INBOUND,
                        Participant.of("buyer@acme.com"), List.of(), List.of(), "RFQ", T0, "",
                        List.of(new MailboxRef("u1", "INBOX", null), second), null, List.of(), T0));
    }

    @Test
    default void sameMessageIdStoredTwiceIsOneMessageWithBothMailboxes() {
        StoredMessage m = new StoredMessage(Ids.newId(), "abc@mail.example", "abc@mail.example", null, List.of(),
                Direction.INBOUND, Participant.of("buyer@acme.com"), List.of(Participant.of("rep@team.example")), List.of(),
                "RFQ", T0, "Please quote", List.of(new MailboxRef("u1", "INBOX", 7L)), null, List.of(), T0);
        var first = store().messages().store(m);
        var second = store().messages().store(new StoredMessage(Ids.newId(), "abc@mail.example", null, null, List.of(),
                Direction.INBOUND, m.from(), m.to(), List.of(), "RFQ", T0, "", List.of(new MailboxRef("u2", "INBOX", 3L)),
                null, List.of(), T0));
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.message().id()).isEqualTo(first.message().id());
        assertThat(second.message().mailboxes()).extracting(MailboxRef::userId).containsExactlyInAnyOrder("u1", "u2");
    }

    @Test
    default void messagesReadByManyMessageIdsComeInTheAskedOrderWithoutTheUnknown() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 520; i++) {
            String id = "m" + i + "@mail.example";
            ids.add(id);
            store().messages().store(new StoredMessage(Ids.newId(), id, null, null, List.of(), Direction.INBOUND,
                    Participant.of("buyer@acme.com"), List.of(Participant.of("rep@team.example")), List.of(), "RFQ " + i, T0, "",
                    List.of(new MailboxRef("u1", "INBOX", (long) i)), null, List.of(), T0));
        }
        java.util.Collections.reverse(ids);
        List<String> asked = new java.util.ArrayList<>(ids);
        asked.add(3, "unknown@mail.example");
        assertThat(store().messages().byMessageIds(asked)).extracting(StoredMessage::messageId).containsExactlyElementsOf(ids);
        assertThat(store().messages().byMessageIds(List.of())).isEmpty();
    }

    @Test
    default void appendingTheSameSourceTwiceKeepsOneActivity() {
        Company c = company("Acme", "u1", "acme.com");
        Activity a = new Activity(Ids.newId(), c.id(), ActivityType.EMAIL, T0, "u1", List.of(), "RFQ", null,
                "email:abc@mail.example", Map.of("direction", "INBOUND"), T0);
        Activity first = store().timeline().append(a);
        Activity again = store().timeline().append(new Activity(Ids.newId(), c.id(), ActivityType.EMAIL, T0, "u1",
                List.of(), "RFQ", null, "email:abc@mail.example", Map.of(), T0));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(store().timeline().count(c.id())).isEqualTo(1);
    }

    @Test
    default void notesWithoutSourceKeyNeverCollide() {
        Company c = company("Acme", "u1", "acme.com");
        store().timeline().append(new Activity(Ids.newId(), c.id(), ActivityType.NOTE, T0, "u1", null, "a", null, null, null, T0));
        store().timeline().append(new Activity(Ids.newId(), c.id(), ActivityType.NOTE, T0, "u1", null, "b", null, null, null, T0));
        assertThat(store().timeline().count(c.id())).isEqualTo(2);
    }

    @Test
    default void timelinePagesNewestFirstWithoutGapsOrRepeats() {
        Company c = company("Acme", "u1", "acme.com");
        Company other = company("Other", "u1", "other.com");
        for (int i = 0; i < 25; i++) {
            // Pairs share a timestamp so that the id tie-break is exercised.
            Instant at = T0.plus(i / 2, ChronoUnit.MINUTES);
            ActivityType type = i % 5 == 0 ? ActivityType.NOTE : ActivityType.EMAIL;
            store().timeline().append(new Activity(Ids.newId(), c.id(), type, at, "u1", null, "#" + i, null, null, null, at));
        }
        store().timeline().append(new Activity(Ids.newId(), other.id(), ActivityType.NOTE, T0, "u1", null, "x", null, null, null, T0));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        Instant previous = Instant.MAX;
        do {
            TimelinePage page = store().timeline().page(c.id(), Set.of(), cursor, 10);
            for (Activity a : page.items()) {
                assertThat(a.occurredAt()).isBeforeOrEqualTo(previous);
                previous = a.occurredAt();
                seen.add(a.title());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        TimelinePage notes = store().timeline().page(c.id(), EnumSet.of(ActivityType.NOTE), null, 50);
        assertThat(notes.items()).hasSize(5).allMatch(a -> a.type() == ActivityType.NOTE);
        assertThat(notes.nextCursor()).isNull();
    }

    @Test
    default void taskWithSameDedupeKeyIsCreatedOnce() {
        Task t = new Task(Ids.newId(), "c1", "Follow up the quote", null, null, null, T0, "u1", null, "quote-no-reply",
                "quote-no-reply:c1:2026-03-01", null, null, null, null, T0, null);
        Task first = store().tasks().insert(t);
        Task second = store().tasks().insert(new Task(Ids.newId(), "c1", "Follow up the quote", null, null, null, T0, "u1",
                null, "quote-no-reply", "quote-no-reply:c1:2026-03-01", null, null, null, null, T0, null));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(store().tasks().assignedTo("u1", EnumSet.of(TaskStatus.OPEN))).hasSize(1);
        store().tasks().save(first.closed(TaskStatus.DONE, "customer replied", T0.plusSeconds(5)));
        assertThat(store().tasks().assignedTo("u1", EnumSet.of(TaskStatus.OPEN))).isEmpty();
        assertThat(store().tasks().get(first.id()).closedReason()).isEqualTo("customer replied");
    }

    @Test
    default void escalatingManyTasksRaisesOnlyThoseStillOpenAtTheExpectedLevel() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(store().tasks().insert(new Task(Ids.newId(), "c" + i, "Quote " + i, null, null, null, T0, "u1", null,
                    "quote-no-reply", "quote-no-reply:c" + i, null, null, null, null, T0, null)));
        }
        store().tasks().save(tasks.get(1).closed(TaskStatus.DONE, "customer replied", T0.plusSeconds(5)));
        Escalation toManager = new Escalation(1, "manager", T0.plusSeconds(60));
        List<Tasks.EscalationStep> steps = tasks.stream()
                .map(t -> new Tasks.EscalationStep(t.id(), 0, toManager)).toList();
        // One of them was escalated in between (another replica, an earlier run): it is at level 1 already.
        assertThat(store().tasks().escalate(tasks.get(2).id(), 0, toManager)).isPresent();

        List<Task> escalated = store().tasks().escalateAll(steps);

        assertThat(escalated).extracting(Task::id)
                .containsExactlyInAnyOrder(tasks.get(0).id(), tasks.get(3).id(), tasks.get(4).id());
        assertThat(escalated).allSatisfy(t -> assertThat(t.escalation()).isEqualTo(toManager));
        assertThat(store().tasks().get(tasks.get(1).id()).escalation().level()).isZero();
        assertThat(store().tasks().escalateAll(steps)).as("a re-run escalates nothing twice").isEmpty();
        assertThat(store().tasks().escalateAll(List.of())).isEmpty();
    }

    @Test
    default void opportunityKeepsItsStageHistory() {
        Opportunity o = store().opportunities().insert(new Opportunity(Ids.newId(), "c1", "LED panels 2k pcs", Stage.INQUIRY,
                new BigDecimal("12500.50"), "USD", null, "u1", null, T0, T0, null));
        Opportunity moved = store().opportunities().save(store().opportunities().get(o.id()).movedTo(Stage.QUOTED, "u1", T0.plusSeconds(60)));
        store().opportunities().save(moved.movedTo(Stage.NEGOTIATION, "u1", T0.plusSeconds(120)));
        Opportunity loaded = store().opportunities().get(o.id());
        assertThat(loaded.stage()).isEqualTo(Stage.NEGOTIATION);
        assertThat(loaded.amount()).isEqualByComparingTo("12500.50");
        assertThat(loaded.stageHistory()).extracting(h -> h.to()).containsExactly(Stage.QUOTED, Stage.NEGOTIATION);
    }

    @Test
    default void apiTokenResolvesByItsSecretOnlyUntilRevoked() {
        var issued = store().apiTokens().issue("u1", "laptop");
        assertThat(issued.token().hash()).doesNotContain(issued.secret());
        assertThat(store().apiTokens().resolve(issued.secret())).map(t -> t.userId()).contains("u1");
        assertThat(store().apiTokens().resolve(issued.secret() + "x")).isEmpty();
        store().apiTokens().revoke(issued.token().id());
        assertThat(store().apiTokens().resolve(issued.secret())).isEmpty();
    }

    @Test
    default void ownershipConflictIsRecordedOncePerClaimant() {
        var first = store().conflicts().record("c1", "owner", "claimant", "m1", T0);
        var again = store().conflicts().record("c1", "owner", "claimant", "m2", T0.plusSeconds(1));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(store().conflicts().open(store().access().scope(new Viewer("owner", Role.REP, null)))).hasSize(1);
    }

    @Test
    default void userIsFoundByAnyOfTheirAddresses() {
        User u = store().users().create("Zhang San", List.of("Zhang@Team.example", "sales@team.example"), Role.REP, "t1", null, "zh-CN");
        assertThat(store().users().byAddress("sales@TEAM.example")).map(User::id).contains(u.id());
        assertThat(store().users().inTeam("t1")).extracting(User::id).containsExactly(u.id());
    }

    @Test
    default void aDeactivatedUserKeepsTheirRecordAndCanBeReactivatedAndATeamIsRenamed() {
        User u = store().users().create("Wang Wu", List.of("wang@team.example"), Role.REP, "t1", null, "zh-CN");
        assertThat(u.active()).isTrue();
        assertThat(store().users().setDeactivated(u.id(), T0)).isTrue();
        User gone = store().users().get(u.id());
        assertThat(gone.active()).isFalse();
        assertThat(gone.deactivatedAt()).isEqualTo(T0);
        assertThat(gone.addresses()).containsExactly("wang@team.example");
        // Saving the user again (a role change) keeps the deactivation.
        store().users().save(new User(gone.id(), gone.name(), gone.addresses(), Role.MANAGER, gone.teamId(), null,
                gone.locale(), gone.createdAt(), gone.deactivatedAt()));
        assertThat(store().users().get(u.id()).active()).isFalse();
        assertThat(store().users().setDeactivated(u.id(), null)).isTrue();
        assertThat(store().users().get(u.id()).active()).isTrue();
        assertThat(store().users().setDeactivated("000000000000000000000000", T0)).isFalse();

        var team = store().users().createTeam("Export 1", null);
        assertThat(store().users().renameTeam(team.id(), "Export Europe").name()).isEqualTo("Export Europe");
        assertThat(store().users().team(team.id())).map(t -> t.name()).contains("Export Europe");
    }
}
