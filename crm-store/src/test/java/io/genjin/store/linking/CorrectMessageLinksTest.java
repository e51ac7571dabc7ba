package io.genjin.store.linking;

import static io.genjin.store.linking.LinkingFixture.inbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.CorrectMessageLinks.Always;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.MessageLink;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A person moving, adding and removing a message's customers, and linking learning from it. */
class CorrectMessageLinksTest {
    private final LinkingFixture f = new LinkingFixture();
    private final List<Object> events = new ArrayList<>();
    private final CorrectMessageLinks correct = new CorrectMessageLinks(f.store, f.linker(), events::add);
    private final Company acme = f.company("Acme Trading", f.alice.id(), "acme-trading.de");
    private final Company bolt = f.company("Bolt Logistics", f.alice.id(), "bolt-log.com");

    @AfterEach
    void stop() {
        f.close();
    }

    /** A message from hans@acme-trading.de on Acme's timeline, as the pipeline leaves it. */
    private StoredMessage onAcme(String messageId, String from) {
        f.store.timeline().append(new Activity(Ids.newId(), acme.id(), ActivityType.EMAIL, LinkingFixture.T0, f.alice.id(),
                List.of(), "Order 42", "snippet", "email:" + messageId, java.util.Map.of("linkStep", "DOMAIN"), LinkingFixture.T0));
        return f.store.messages().store(new StoredMessage(Ids.newId(), messageId, messageId, null, List.of(), Direction.INBOUND,
                Participant.of(from), List.of(Participant.of("alice@team.example")), List.of(), "Order 42", LinkingFixture.T0,
                "snippet", List.of(new MailboxRef(f.alice.id(), "INBOX", 1L)), acme.id(), List.of(), LinkingFixture.T0,
                List.of(acme.id()), List.of(MessageLink.automatic(acme.id(), "DOMAIN", "acme-trading.de")), null, null)).message();
    }

    private Set<String> timelinesOf(String messageId) {
        Set<String> on = new java.util.HashSet<>();
        for (Company c : List.of(acme, bolt)) {
            f.store.timeline().bySource(c.id(), "email:" + messageId).ifPresent(a -> on.add(c.name()));
        }
        return on;
    }

    @Test
    void moveShouldChangeTheTimelineRecordWhoAndWhyAndTeachTheSendersAddress() {
        StoredMessage m = onAcme("m1@x", "freight@acme-trading.de");

        StoredMessage moved = correct.move(m.id(), acme.id(), bolt.id(), f.alice.id(), "Bolt's forwarder uses Acme's mail", true);

        assertThat(timelinesOf("m1@x")).containsExactly("Bolt Logistics");
        assertThat(moved.companyIds()).containsExactly(bolt.id());
        assertThat(moved.links().get(0)).satisfies(l -> {
            assertThat(l.step()).isEqualTo("CORRECTED");
            assertThat(l.byUserId()).isEqualTo(f.alice.id());
            assertThat(l.reason()).isEqualTo("Bolt's forwarder uses Acme's mail");
        });
        assertThat(f.store.timeline().bySource(bolt.id(), "email:m1@x").orElseThrow().attributes())
                .containsEntry("linkStep", "CORRECTED").containsEntry("correctedBy", f.alice.id());
        assertThat(f.store.audit().about("message", m.id())).extracting(e -> e.action()).contains("message.move");
        // Taught: the next mail from that address goes to Bolt by its contact, before Acme's domain.
        LinkDecision next = f.linker().link(inbound("m2@x", "freight@acme-trading.de", f.alice.id(), "alice@team.example"));
        assertThat(next.companyIds()).containsExactly(bolt.id());
        assertThat(events).filteredOn(e -> e instanceof io.genjin.store.events.MessageLinked).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof io.genjin.store.events.MessageRelinked).singleElement()
                .satisfies(e -> assertThat(((io.genjin.store.events.MessageRelinked) e).storedId()).isEqualTo(m.id()));
    }

    @Test
    void alsoBelongsToShouldKeepTheFirstCustomerAndAddTheSecond() {
        StoredMessage m = onAcme("m3@x", "hans@acme-trading.de");

        StoredMessage both = correct.alsoBelongsTo(m.id(), bolt.id(), f.alice.id(), "shared container");

        assertThat(timelinesOf("m3@x")).containsExactlyInAnyOrder("Acme Trading", "Bolt Logistics");
        assertThat(both.companyIds()).containsExactly(acme.id(), bolt.id());
    }

    @Test
    void notCustomerMailAlwaysForTheDomainShouldClearTimelinesAndHoldTheNextMessage() {
        StoredMessage m = onAcme("m4@x", "promo@acme-trading.de");

        StoredMessage held = correct.notCustomerMail(m.id(), f.alice.id(), "their marketing list", Always.DOMAIN);

        assertThat(timelinesOf("m4@x")).isEmpty();
        assertThat(held.companyIds()).isEmpty();
        assertThat(held.heldStep()).isEqualTo("NONE_NOT_CUSTOMER");
        assertThat(held.heldDetail()).isEqualTo("domain:acme-trading.de");
        assertThat(held.links()).singleElement().satisfies(l -> assertThat(l.step()).isEqualTo("REMOVED_DOMAIN"));
        assertThat(f.store.messages().held(List.of(f.alice.id()), 0, 10)).extracting(StoredMessage::messageId).containsExactly("m4@x");
        LinkDecision next = f.linker().link(inbound("m5@x", "sales@acme-trading.de", f.alice.id(), "alice@team.example"));
        assertThat(next.step()).isEqualTo(LinkStep.NONE_NOT_CUSTOMER);
    }

    @Test
    void aHeldMessageShouldBeLinkableToAFirstCustomer() {
        StoredMessage held = f.store.messages().store(new StoredMessage(Ids.newId(), "h1@x", "h1@x", null, List.of(),
                Direction.INBOUND, Participant.of("buyer@gmail.com"), List.of(Participant.of("alice@team.example")), List.of(),
                "RFQ", LinkingFixture.T0, "s", List.of(new MailboxRef(f.alice.id(), "INBOX", 2L)), null, List.of(),
                LinkingFixture.T0, List.of(), List.of(), "NONE_FREE_MAIL_POLICY", null)).message();

        StoredMessage linked = correct.alsoBelongsTo(held.id(), acme.id(), f.alice.id(), null);

        assertThat(linked.companyIds()).containsExactly(acme.id());
        assertThat(linked.heldStep()).isNull();
        assertThat(timelinesOf("h1@x")).containsExactly("Acme Trading");
    }
}
