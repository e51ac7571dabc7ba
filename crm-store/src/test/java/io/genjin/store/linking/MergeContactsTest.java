package io.genjin.store.linking;

import static io.genjin.store.linking.LinkingFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MergeContactsTest {
    private final LinkingFixture f = new LinkingFixture();
    private final MergeContacts merge = new MergeContacts(f.store);
    private final Company acme = f.company("Acme", f.alice.id(), "acme.com");
    private final Contact older = f.contact(acme, "li@acme.com");
    private final Contact younger = f.store.contacts().insert(new Contact(Ids.newId(), "Li Wei",
            List.of("li@acme.com", "li.wei@gmail.com"), List.of(), null, acme.id(), f.alice.id(), false, null,
            T0.plusSeconds(5)));

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void contactsWithTheSameAddressShouldBecomeOneWithAnAuditEntry() {
        var results = merge.mergeByAddress("LI@acme.com", f.mary.id());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.survivorId()).isEqualTo(older.id());
            assertThat(r.loserId()).isEqualTo(younger.id());
        });
        assertThat(f.store.contacts().allByAddress("li@acme.com")).extracting(Contact::id).containsExactly(older.id());
        assertThat(f.store.contacts().byAddress("li.wei@gmail.com")).map(Contact::id).contains(older.id());
        assertThat(f.store.contacts().get(younger.id()).mergedInto()).isEqualTo(older.id());
        assertThat(f.store.audit().about("contact", older.id())).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("contact.merged");
            assertThat(e.details()).containsEntry("loserId", younger.id());
        });
    }

    @Test
    void contactMergeShouldRepointMessagesAndActivities() {
        f.store.messages().store(new StoredMessage(Ids.newId(), "m1@x", "m1@x", null, null, Direction.INBOUND,
                Participant.of("li.wei@gmail.com"), null, null, "s", T0, "", null, acme.id(),
                List.of(younger.id(), older.id()), T0));
        f.store.timeline().append(new Activity(Ids.newId(), acme.id(), ActivityType.EMAIL, T0, null, List.of(younger.id()),
                "s", null, "email:m1@x", null, T0));
        var result = merge.merge(older.id(), younger.id(), f.mary.id());
        assertThat(result.messages()).isEqualTo(1);
        assertThat(result.activities()).isEqualTo(1);
        assertThat(f.store.messages().byMessageId("m1@x").orElseThrow().contactIds()).containsExactly(older.id());
        assertThat(f.store.timeline().batchOf(acme.id(), 10)).singleElement()
                .satisfies(a -> assertThat(a.contactIds()).containsExactly(older.id()));
    }

    @Test
    void contactMergeRunTwiceShouldBeIdempotent() {
        merge.merge(older.id(), younger.id(), f.mary.id());
        var again = merge.merge(older.id(), younger.id(), f.mary.id());
        assertThat(again.resumed()).isTrue();
        assertThat(f.store.audit().about("contact", older.id())).hasSize(1);
        assertThat(f.store.contacts().get(older.id()).addresses()).containsExactlyInAnyOrder("li@acme.com",
                "li.wei@gmail.com");
    }
}
