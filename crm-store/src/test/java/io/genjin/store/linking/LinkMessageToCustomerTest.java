package io.genjin.store.linking;

import static io.genjin.store.linking.LinkingFixture.T0;
import static io.genjin.store.linking.LinkingFixture.inbound;
import static io.genjin.store.linking.LinkingFixture.outbound;
import static io.genjin.store.linking.LinkingFixture.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Stage;
import io.genjin.store.linking.LinkingPolicy.AutoCreate;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Participant;
import io.genjin.testing.LogLines;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkMessageToCustomerTest {
    private final LinkingFixture f = new LinkingFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private long companyCount() {
        return f.store.companies().count(Scope.ALL);
    }

    @Test
    void linkWhenSenderDomainIsFreeMailShouldNotMatchCompany() {
        // Someone typed gmail.com into a company's domains; a Gmail sender must still not land there.
        f.company("Careless Entry", f.alice.id(), "gmail.com");
        LinkDecision d = f.linker().link(inbound("m1@x", "buyer@gmail.com", f.alice.id(), "alice@team.example"));
        assertThat(d.companyId()).isNull();
        assertThat(d.step()).isEqualTo(LinkStep.NONE_FREE_MAIL_POLICY);
        assertThat(d.direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void linkWhenFreeMailSenderIsUnknownShouldCreateNeitherCompanyNorOrphanContact() {
        LinkDecision d = f.linker().link(inbound("m1@x", "buyer@163.com", f.alice.id(), "alice@team.example"));
        assertThat(d.step()).isEqualTo(LinkStep.NONE_FREE_MAIL_POLICY);
        assertThat(d.createdCompany()).isFalse();
        assertThat(d.createdContact()).isFalse();
        assertThat(companyCount()).isZero();
        assertThat(f.store.contacts().byAddress("buyer@163.com")).isEmpty();
    }

    @Test
    void linkWhenFreeMailSenderIsAKnownContactShouldMatchByAddress() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        Contact li = f.contact(acme, "li.wei@qq.com");
        LinkDecision d = f.linker().link(inbound("m1@x", "LI.WEI@qq.com", f.alice.id(), "alice@team.example"));
        assertThat(d.step()).isEqualTo(LinkStep.ADDRESS);
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(d.contactIds()).containsExactly(li.id());
    }

    /**
     * Each party's contact is read once per decision: the sender's is read to find the customer and
     * was read again to list the customer's contacts on the link. A party new to the customer's domain
     * still gets a contact made (whose making reads its address once more), and both are on the link.
     */
    @Test
    void linkShouldReadEachKnownPartysContactOncePerDecision() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        Contact buyer = f.contact(acme, "buyer@acme.com");
        List<String> reads = java.util.Collections.synchronizedList(new ArrayList<>());
        var counting = f.mongo.template(new com.mongodb.event.CommandListener() {
            @Override
            public void commandStarted(com.mongodb.event.CommandStartedEvent e) {
                // A contact looked up by address (not the in-process index's one load of every address).
                if (e.getCommandName().equals("find") && e.getCommand().getDocument("filter", new org.bson.BsonDocument())
                        .containsKey("addresses")) {
                    reads.add(e.getCommand().getString("find").getValue());
                }
            }
        });
        var store = io.genjin.store.CrmStore.over(counting, f.clock, io.genjin.store.CrmStore.Backend.EMBEDDED);
        LinkDecision d = new LinkMessageToCustomer(store, LinkingPolicy.defaults().withInternalDomains("team.example"), f.clock)
                .link(new LinkRequest("m1@x", Participant.of("buyer@acme.com"), List.of(Participant.of("alice@team.example")),
                        List.of(Participant.of("new.colleague@acme.com")), null, List.of(), f.alice.id()));
        assertThat(d.step()).isEqualTo(LinkStep.ADDRESS);
        assertThat(d.companyId()).isEqualTo(acme.id());
        // The buyer's, once; and the made contact's check for a twin made at the same time.
        assertThat(reads.stream().filter("contacts"::equals)).as("contact reads").hasSize(2);
        Contact made = store.contacts().byAddress("new.colleague@acme.com").orElseThrow();
        assertThat(d.createdContact()).isTrue();
        assertThat(d.contactIds()).containsExactly(buyer.id(), made.id());
    }

    @Test
    void linkByThreadShouldFollowInReplyTo() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        f.storedMessage("rfq-1@acme.com", acme, T0);
        LinkDecision d = f.linker().link(reply("re-1@x", "someone@forwarder-logistics.com", "alice@team.example",
                "<rfq-1@acme.com>", List.of(), f.alice.id()));
        assertThat(d.step()).isEqualTo(LinkStep.THREAD);
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(companyCount()).as("no lead for the forwarder's domain").isEqualTo(1);
    }

    @Test
    void linkByThreadShouldPreferTheLatestLinkedMessage() {
        Company old = f.company("Old", f.alice.id(), "old.com");
        Company recent = f.company("Recent", f.alice.id(), "recent.com");
        f.storedMessage("a@x", old, T0);
        f.storedMessage("b@x", recent, T0.plusSeconds(60));
        LinkDecision d = f.linker().link(reply("c@x", "buyer@gmail.com", "alice@team.example", null,
                List.of("<a@x>", "<b@x>"), f.alice.id()));
        assertThat(d.companyId()).isEqualTo(recent.id());
    }

    @Test
    void linkWhenLast32ReferencesOnlyConsidered() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        List<String> refs = new ArrayList<>(IntStream.range(0, 40).mapToObj(i -> "<ref-" + i + "@x>").toList());
        f.storedMessage("ref-0@x", acme, T0);
        LinkDecision tooOld = f.linker().link(reply("r1@x", "buyer@gmail.com", "alice@team.example", null, refs,
                f.alice.id()));
        assertThat(tooOld.step()).as("ref-0 is the 40th from the end").isEqualTo(LinkStep.NONE_FREE_MAIL_POLICY);

        f.storedMessage("ref-8@x", acme, T0);
        LinkDecision recent = f.linker().link(reply("r2@x", "buyer@gmail.com", "alice@team.example", null, refs,
                f.alice.id()));
        assertThat(recent.step()).as("ref-8 is the 32nd from the end").isEqualTo(LinkStep.THREAD);
        assertThat(recent.companyId()).isEqualTo(acme.id());
    }

    @Test
    void linkByThreadShouldFollowAMergedCompanyToItsSurvivor() {
        Company survivor = f.company("Acme", f.alice.id(), "acme.com");
        Company loser = f.company("ACME Ltd", f.alice.id(), "acme-ltd.com");
        f.storedMessage("rfq@x", loser, T0);
        f.store.companies().markMerged(loser.id(), survivor.id());
        LinkDecision d = f.linker().link(reply("re@x", "buyer@gmail.com", "alice@team.example", "rfq@x", List.of(),
                f.alice.id()));
        assertThat(d.companyId()).isEqualTo(survivor.id());
    }

    @Test
    void linkWhenMessageAlreadyLinkedShouldKeepItsCustomer() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        f.storedMessage("m1@x", acme, T0);
        LinkDecision d = f.linker().link(inbound("m1@x", "buyer@gmail.com", f.alice.id(), "alice@team.example"));
        assertThat(d.step()).isEqualTo(LinkStep.ALREADY_LINKED);
        assertThat(d.companyId()).isEqualTo(acme.id());
    }

    @Test
    void linkInboundShouldTryTheSenderBeforeOtherRecipients() {
        Company senders = f.company("Sender Co", f.alice.id(), "sender.com");
        Company ccd = f.company("Cc Co", f.alice.id(), "cc.com");
        Contact buyer = f.contact(senders, "buyer@sender.com");
        f.contact(ccd, "agent@cc.com");
        LinkDecision d = f.linker().link(new LinkRequest("m1@x", Participant.of("buyer@sender.com"),
                List.of(Participant.of("alice@team.example")), List.of(Participant.of("agent@cc.com")), null, null,
                f.alice.id()));
        assertThat(d.step()).isEqualTo(LinkStep.ADDRESS);
        assertThat(d.companyId()).isEqualTo(senders.id());
        assertThat(d.contactIds()).containsExactly(buyer.id());
    }

    @Test
    void linkOutboundShouldTryToBeforeCc() {
        Company toCo = f.company("To Co", f.alice.id(), "to.com");
        Company ccCo = f.company("Cc Co", f.alice.id(), "cc.com");
        f.contact(ccCo, "x@cc.com");
        f.contact(toCo, "y@to.com");
        LinkDecision d = f.linker().link(outbound("m1@x", "alice@team.example", List.of("y@to.com"), List.of("x@cc.com"),
                f.alice.id()));
        assertThat(d.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(d.companyId()).isEqualTo(toCo.id());
    }

    @Test
    void linkShouldNeverTreatInternalAddressAsCustomer() {
        // A company that (wrongly) carries the team's domain and a contact holding a user's address.
        Company wrong = f.company("Our Own Team", f.alice.id(), "team.example");
        f.contact(wrong, "bob@team.example");
        LinkDecision d = f.linker().link(outbound("m1@x", "alice@team.example", List.of("bob@team.example"),
                List.of("mary@team.example", "ops@mail.team.example"), f.alice.id()));
        assertThat(d.step()).isEqualTo(LinkStep.NONE_INTERNAL);
        assertThat(d.direction()).isEqualTo(Direction.INTERNAL);
        assertThat(d.companyId()).isNull();
    }

    @Test
    void linkShouldTreatAUsersPrivateAddressAsInternal() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        LinkDecision d = f.linker().link(outbound("m1@x", "alice.sales@gmail.com", List.of("buyer@acme.com"), List.of(),
                f.alice.id()));
        assertThat(d.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(f.store.contacts().byAddress("alice.sales@gmail.com")).isEmpty();
    }

    @Test
    void linkWhenUnknownPersonWritesFromAKnownDomainShouldCreateContactUnderThatCompany() {
        Company acme = f.company("Acme", f.bob.id(), "acme.com");
        LinkDecision d = f.linker().link(inbound("m1@x", "new@acme.com", f.bob.id(),
                "bob@team.example"));
        assertThat(d.step()).isEqualTo(LinkStep.CREATED_CONTACT);
        assertThat(d.createdContact()).isTrue();
        Contact created = f.store.contacts().byAddress("new@acme.com").orElseThrow();
        assertThat(created.companyId()).isEqualTo(acme.id());
        assertThat(created.ownerId()).isEqualTo(f.bob.id());
        assertThat(d.contactIds()).containsExactly(created.id());
    }

    @Test
    void linkByDomainWhenPolicyIsNeverShouldCreateNoContact() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        LinkDecision d = f.linker(LinkingPolicy.defaults().withAutoCreate(AutoCreate.NEVER))
                .link(inbound("m1@x", "new@acme.com", f.alice.id(), "alice@team.example"));
        assertThat(d.step()).isEqualTo(LinkStep.DOMAIN);
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(d.contactIds()).isEmpty();
        assertThat(f.store.contacts().byAddress("new@acme.com")).isEmpty();
    }

    @Test
    void linkBySubdomainShouldMatchTheCompanyOfTheRegistrableDomain() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com.cn");
        LinkDecision d = f.linker().link(inbound("m1@x", "li@sales.acme.com.cn", f.alice.id(), "alice@team.example"));
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(d.step()).isEqualTo(LinkStep.CREATED_CONTACT);
    }

    @Test
    void linkWhenUnknownBusinessDomainShouldCreateLeadOwnedByMailboxOwner() {
        LinkDecision d = f.linker().link(new LinkRequest("m1@x", new Participant("Tom Lee", "tom@acme-trading.com"),
                List.of(Participant.of("alice@team.example")), List.of(), null, null, f.alice.id()));
        assertThat(d.step()).isEqualTo(LinkStep.CREATED_LEAD);
        assertThat(d.createdCompany()).isTrue();
        assertThat(d.createdContact()).isTrue();
        Company lead = f.store.companies().get(d.companyId());
        assertThat(lead.name()).isEqualTo("Acme Trading");
        assertThat(lead.domains()).containsExactly("acme-trading.com");
        assertThat(lead.stage()).isEqualTo(Stage.LEAD);
        assertThat(lead.ownerId()).isEqualTo(f.alice.id());
        Contact tom = f.store.contacts().get(d.contactIds().get(0));
        assertThat(tom.name()).isEqualTo("Tom Lee");
        assertThat(tom.companyId()).isEqualTo(lead.id());
        assertThat(d.conflictId()).isNull();
    }

    @Test
    void linkWhenPolicyAllowsOnlyContactsShouldNotCreateLead() {
        LinkDecision d = f.linker(LinkingPolicy.defaults().withAutoCreate(AutoCreate.CONTACT_UNDER_KNOWN_COMPANY))
                .link(inbound("m1@x", "tom@acme-trading.com", f.alice.id(), "alice@team.example"));
        assertThat(d.step()).isEqualTo(LinkStep.NONE_AUTO_CREATE_OFF);
        assertThat(companyCount()).isZero();
    }

    @Test
    void linkTwiceShouldCreateNothingNew() {
        LinkRequest request = new LinkRequest("m1@x", Participant.of("tom@acme-trading.com"),
                List.of(Participant.of("alice@team.example")), List.of(Participant.of("jane@acme-trading.com")), null,
                null, f.alice.id());
        LinkDecision first = f.linker().link(request);
        LinkDecision second = f.linker().link(request);
        assertThat(second.companyId()).isEqualTo(first.companyId());
        assertThat(second.contactIds()).containsExactlyElementsOf(first.contactIds()).hasSize(2);
        assertThat(second.createdCompany()).isFalse();
        assertThat(second.createdContact()).isFalse();
        assertThat(companyCount()).isEqualTo(1);
        assertThat(f.store.contacts().ofCompany(first.companyId())).hasSize(2);
    }

    @Test
    void leadCreationRacingAnotherLinkerShouldEndWithTheOldestCompany() {
        // The rival inserts its lead between our look-up and our insert, stamped earlier than ours.
        Company[] rival = new Company[1];
        var racing = new io.genjin.store.customer.Companies(f.mongo.template(), false,
                new io.genjin.store.RecordChanges(f.mongo.template()), io.genjin.store.RecordCache.none()) {
            @Override
            public Company insert(Company company) {
                if (rival[0] == null) {
                    rival[0] = super.insert(Company.create(io.genjin.store.Ids.newId(), "Acme Trading",
                            List.of("acme-trading.com"), f.bob.id(), T0.minusSeconds(1)));
                }
                return super.insert(company);
            }
        };
        var creation = new CustomerCreation(racing, f.store.contacts(), f.clock);
        var lead = creation.lead(BusinessDomain.of("acme-trading.com"), f.alice.id());
        assertThat(lead.created()).isFalse();
        assertThat(lead.value().id()).isEqualTo(rival[0].id());
        assertThat(f.store.companies().allByDomain("acme-trading.com")).extracting(Company::id)
                .containsExactly(rival[0].id());
    }

    @Test
    void linkShouldAlsoLinkOtherParticipantsWhoAreContactsOfTheChosenCompany() {
        Company acme = f.company("Acme", f.alice.id(), "acme.com");
        Company forwarder = f.company("Forwarder", f.alice.id(), "forwarder.com");
        Contact buyer = f.contact(acme, "buyer@acme.com");
        Contact boss = f.contact(acme, "boss@gmail.com");
        f.contact(forwarder, "agent@forwarder.com");
        LinkDecision d = f.linker().link(new LinkRequest("m1@x", Participant.of("buyer@acme.com"),
                List.of(Participant.of("alice@team.example")),
                List.of(Participant.of("boss@gmail.com"), Participant.of("agent@forwarder.com")), null, null, f.alice.id()));
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(d.contactIds()).containsExactly(buyer.id(), boss.id());
    }

    @Test
    void linkWhenCompanyOwnedByAnotherRepShouldRecordConflictAndKeepOwner() {
        Company acme = f.company("Acme", f.bob.id(), "acme.com");
        f.contact(acme, "buyer@acme.com");
        LinkDecision d = f.linker().link(outbound("m1@x", "alice@team.example", List.of("buyer@acme.com"), List.of(),
                f.alice.id()));
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(d.conflictId()).isNotNull();
        assertThat(f.store.companies().get(acme.id()).ownerId()).isEqualTo(f.bob.id());
        var conflicts = f.store.conflicts().open(Scope.ALL);
        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(d.conflictId());
            assertThat(c.ownerId()).isEqualTo(f.bob.id());
            assertThat(c.claimantId()).isEqualTo(f.alice.id());
            assertThat(c.messageId()).isEqualTo("m1@x");
        });
        LinkDecision again = f.linker().link(outbound("m2@x", "alice@team.example", List.of("buyer@acme.com"), List.of(),
                f.alice.id()));
        assertThat(again.conflictId()).as("one conflict per company and claimant").isEqualTo(d.conflictId());
    }

    @Test
    void linkWhenOwnerIsOnTheMessageShouldNotRecordConflict() {
        Company acme = f.company("Acme", f.bob.id(), "acme.com");
        LinkDecision d = f.linker().link(outbound("m1@x", "alice@team.example", List.of("buyer@acme.com"),
                List.of("bob@team.example"), f.alice.id()));
        assertThat(d.companyId()).isEqualTo(acme.id());
        assertThat(d.conflictId()).isNull();
    }

    @Test
    void linkInAManagersMailboxShouldNotRecordConflict() {
        f.company("Acme", f.bob.id(), "acme.com");
        LinkDecision d = f.linker().link(inbound("m1@x", "buyer@acme.com", f.mary.id(), "mary@team.example"));
        assertThat(d.conflictId()).isNull();
        assertThat(f.store.conflicts().open(Scope.ALL)).isEmpty();
    }

    @Test
    void linkShouldLogOneLineWithTheMessageId() {
        try (LogLines log = LogLines.of(LinkMessageToCustomer.class)) {
            f.linker().link(inbound("rfq-7@acme-trading.com", "tom@acme-trading.com", f.alice.id(), "alice@team.example"));
            assertThat(log.messages()).singleElement().asString()
                    .startsWith("link rfq-7@acme-trading.com step=created_lead companies=[");
        }
    }
}
