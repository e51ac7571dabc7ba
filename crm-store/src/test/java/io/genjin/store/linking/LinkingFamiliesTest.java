package io.genjin.store.linking;

import static io.genjin.store.linking.LinkingFixture.inbound;
import static io.genjin.store.linking.LinkingFixture.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.customer.Company;
import io.genjin.store.linking.LinkRequest.CarriedMessage;
import io.genjin.store.linking.LinkRequest.Machine;
import io.genjin.store.linking.SenderRule.Kind;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Participant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The families of mail a real export mailbox holds, each linked to every right customer and nothing else. */
class LinkingFamiliesTest {
    private final LinkingFixture f = new LinkingFixture();
    private final Company acme = f.company("Acme Trading", f.alice.id(), "acme-trading.de", "acme.com");
    private final Company bolt = f.company("Bolt Logistics", f.alice.id(), "bolt-log.com");

    @AfterEach
    void stop() {
        f.close();
    }

    private long companies() {
        return f.store.companies().streamLive().count();
    }

    @Test
    void newsletterWithListUnsubscribeShouldCreateNothingAndBeHeldWithItsReason() {
        long before = companies();
        LinkDecision d = f.linker().link(inbound("n1@mail.tradeweekly.example", "news-desk@tradeweekly.example", f.alice.id(),
                "alice@team.example").withHeaders(Map.of("List-Unsubscribe", List.of("<mailto:u@tradeweekly.example>"))));

        assertThat(d.linked()).isFalse();
        assertThat(d.step()).isEqualTo(LinkStep.NONE_AUTOMATED);
        assertThat(d.heldDetail()).isEqualTo("list-unsubscribe");
        assertThat(companies()).isEqualTo(before);
        assertThat(f.store.contacts().byAddress("news-desk@tradeweekly.example")).isEmpty();
    }

    @Test
    void bulkHeadersEspAndRoleSendersShouldEachBeRecognised() {
        record Case(LinkRequest request, String reason) {
        }
        List<Case> cases = List.of(
                new Case(inbound("b1@x", "events@fair-news.example", f.alice.id(), "alice@team.example")
                        .withHeaders(Map.of("precedence", List.of("Bulk"))), "precedence:bulk"),
                new Case(inbound("b2@x", "ops@portal.example", f.alice.id(), "alice@team.example")
                        .withHeaders(Map.of("auto-submitted", List.of("auto-generated"))), "auto-submitted:auto-generated"),
                new Case(inbound("b3@x", "deals@shop-news.example", f.alice.id(), "alice@team.example")
                        .withHeaders(Map.of("return-path", List.of("<bounces+42-x=y@em1234.sendgrid.net>"))), "esp:sendgrid.net"),
                new Case(inbound("b4@x", "team@offers.example", f.alice.id(), "alice@team.example")
                        .withHeaders(Map.of("dkim-signature", List.of("v=1; a=rsa-sha256; d=amazonses.com; s=x; h=from"))),
                        "esp:amazonses.com"),
                new Case(inbound("b5@x", "no-reply@some-saas.example", f.alice.id(), "alice@team.example"), "role:no-reply"),
                new Case(inbound("b6@x", "MAILER-DAEMON@mx.somewhere.example", f.alice.id(), "alice@team.example"),
                        "role:mailer-daemon"),
                new Case(inbound("b6b@x", "post_master@vtext.carrier.example", f.alice.id(), "alice@team.example"),
                        "role:post_master"),
                new Case(inbound("b7@x", "service@notice.alibaba.com", f.alice.id(), "alice@team.example"), "platform:alibaba.com"),
                new Case(inbound("b8@x", "jane@linkedin.com", f.alice.id(), "alice@team.example"), "platform:linkedin.com"),
                new Case(inbound("b9@x", "ebanking@some-bank.example", f.alice.id(), "alice@team.example")
                        .withMachine(Machine.noticed()), "notice-text"),
                new Case(inbound("b10@x", "staff@abuse-desk.example", f.alice.id(), "alice@team.example").withHeaders(Map.of(
                        "content-type", List.of("multipart/report; report-type=feedback-report; boundary=\"x\""))),
                        "report:feedback-report"),
                new Case(inbound("b11@x", "0100018c@email.amazonses.com", f.alice.id(), "alice@team.example"),
                        "platform:amazonses.com"));
        long before = companies();
        for (Case c : cases) {
            LinkDecision d = f.linker().link(c.request());
            assertThat(d.step()).as(c.request().messageId()).isEqualTo(LinkStep.NONE_AUTOMATED);
            assertThat(d.heldDetail()).as(c.request().messageId()).isEqualTo(c.reason());
        }
        assertThat(companies()).isEqualTo(before);
    }

    @Test
    void knownCustomersOwnAutomatedMailShouldStillLinkToThemWithoutNewContacts() {
        LinkDecision d = f.linker().link(inbound("po-991@erp.acme.com", "noreply@erp.acme.com", f.alice.id(), "alice@team.example")
                .withHeaders(Map.of("auto-submitted", List.of("auto-generated"))));

        assertThat(d.companyIds()).containsExactly(acme.id());
        assertThat(d.createdContact()).isFalse();
        assertThat(f.store.contacts().byAddress("noreply@erp.acme.com")).isEmpty();
    }

    @Test
    void outOfOfficeFromAKnownContactShouldLinkToTheCustomer() {
        f.contact(acme, "hans@acme-trading.de");
        LinkDecision d = f.linker().link(inbound("ooo-1@acme-trading.de", "hans@acme-trading.de", f.alice.id(),
                "alice@team.example").withMachine(Machine.autoReplied()));

        assertThat(d.companyIds()).containsExactly(acme.id());
    }

    @Test
    void messageWithPartiesOfTwoCustomersShouldLinkToBoth() {
        f.contact(acme, "hans@acme-trading.de");
        LinkDecision d = f.linker().link(outbound("c1@team.example", "alice@team.example", List.of("hans@acme-trading.de"),
                List.of("ops@bolt-log.com"), f.alice.id()));

        assertThat(d.companyIds()).containsExactly(acme.id(), bolt.id());
        assertThat(d.links()).extracting(CustomerLink::step).containsExactly(LinkStep.ADDRESS, LinkStep.CREATED_CONTACT);
    }

    @Test
    void replyFromAnotherKnownCustomerShouldNotBeTakenByTheThread() {
        f.storedMessage("q1@team.example", acme, LinkingFixture.T0);
        LinkDecision d = f.linker().link(LinkingFixture.reply("r1@bolt-log.com", "ops@bolt-log.com", "alice@team.example",
                "q1@team.example", List.of("q1@team.example"), f.alice.id()));

        assertThat(d.companyIds()).containsExactly(bolt.id());
    }

    @Test
    void internalForwardAndColleaguesReplyShouldFollowTheCustomersThread() {
        f.storedMessage("rfq-5@acme-trading.de", acme, LinkingFixture.T0);
        LinkDecision forward = f.linker().link(LinkingFixture.reply("fw-5@team.example", "alice@team.example", "mary@team.example",
                "rfq-5@acme-trading.de", List.of("rfq-5@acme-trading.de"), f.alice.id()));
        f.store.messages().store(new io.genjin.store.message.StoredMessage(io.genjin.store.Ids.newId(), "fw-5@team.example",
                "rfq-5@acme-trading.de", "rfq-5@acme-trading.de", List.of(), Direction.INTERNAL, Participant.of("alice@team.example"),
                List.of(), List.of(), "Fw", LinkingFixture.T0, "", List.of(), acme.id(), List.of(), LinkingFixture.T0));
        LinkDecision answer = f.linker().link(LinkingFixture.reply("re-5@team.example", "mary@team.example", "alice@team.example",
                "fw-5@team.example", List.of("rfq-5@acme-trading.de", "fw-5@team.example"), f.alice.id()));

        assertThat(forward.companyIds()).containsExactly(acme.id());
        assertThat(forward.step()).isEqualTo(LinkStep.THREAD);
        assertThat(forward.direction()).isEqualTo(Direction.INTERNAL);
        assertThat(answer.companyIds()).containsExactly(acme.id());
    }

    @Test
    void forwardCarryingACustomersMailShouldLinkToThatCustomerAndCreateNothing() {
        f.contact(acme, "hans@gmail.com");
        long before = companies();
        LinkDecision d = f.linker().link(outbound("fw-9@team.example", "alice@team.example", List.of("mary@team.example"),
                List.of(), f.alice.id()).withCarried(List.of(new CarriedMessage(null, Participant.of("hans@gmail.com"),
                        List.of(Participant.of("alice@team.example"), Participant.of("buyer@newco-industries.example")), List.of()))));

        assertThat(d.companyIds()).containsExactly(acme.id());
        assertThat(d.step()).isEqualTo(LinkStep.FORWARDED);
        assertThat(d.links().get(0).detail()).isEqualTo("hans@gmail.com");
        assertThat(companies()).isEqualTo(before);
    }

    @Test
    void bccOfTheRepsSentCopyShouldCount() {
        LinkDecision d = f.linker().link(outbound("s1@team.example", "alice@team.example", List.of(), List.of(), f.alice.id())
                .withBcc(List.of(Participant.of("buyer@acme.com"), Participant.of("ops@bolt-log.com"))));

        assertThat(d.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(d.companyIds()).containsExactly(acme.id(), bolt.id());
    }

    @Test
    void bounceShouldLinkThroughItsOriginalWhoeverReportsIt() {
        f.storedMessage("quote-7@team.example", acme, LinkingFixture.T0);
        long before = companies();
        LinkDecision byOriginal = f.linker().link(inbound("dsn-1@mx.team.example", "MAILER-DAEMON@mx.team.example", f.alice.id(),
                "alice@team.example").withMachine(Machine.bounced("<quote-7@team.example>", List.of("gone@elsewhere.example"))));
        LinkDecision byAddress = f.linker().link(inbound("dsn-2@qq.com", "postmaster@qq.com", f.alice.id(), "alice@team.example")
                .withMachine(Machine.bounced(null, List.of("ops@bolt-log.com"))));
        LinkDecision fromCustomersMx = f.linker().link(inbound("dsn-3@bolt-log.com", "postmaster@bolt-log.com", f.alice.id(),
                "alice@team.example").withMachine(Machine.bounced(null, List.of("someone@unknown-firm.example"))));

        assertThat(byOriginal.companyIds()).containsExactly(acme.id());
        assertThat(byOriginal.step()).isEqualTo(LinkStep.BOUNCED_ORIGINAL);
        assertThat(byOriginal.direction()).isEqualTo(Direction.INBOUND);
        assertThat(byAddress.companyIds()).containsExactly(bolt.id());
        assertThat(fromCustomersMx.step()).as("the daemon's own domain is no evidence").isEqualTo(LinkStep.NONE_BOUNCE_UNMATCHED);
        assertThat(companies()).isEqualTo(before);
        assertThat(f.store.contacts().byAddress("postmaster@bolt-log.com")).isEmpty();
    }

    @Test
    void aSenderRuleShouldHoldTheSendersMailAndCreateNothing() {
        LinkMessageToCustomer linker = f.linker();
        linker.link(inbound("warm-up@x", "hans@acme.com", f.alice.id(), "alice@team.example"));
        f.store.senderRules().set(Kind.DOMAIN, "supplier-of-ours.example", f.alice.id(), "our own supplier", LinkingFixture.T0);
        linker.forget();
        long before = companies();
        LinkDecision d = linker.link(inbound("sup-1@x", "li@sales.supplier-of-ours.example", f.alice.id(), "alice@team.example"));

        assertThat(d.step()).isEqualTo(LinkStep.NONE_NOT_CUSTOMER);
        assertThat(d.heldDetail()).isEqualTo("domain:supplier-of-ours.example");
        assertThat(companies()).isEqualTo(before);
    }

    @Test
    void colleaguesOnTheUsersDomainShouldBeInternalWithoutConfiguration() {
        LinkDecision d = f.linker(LinkingPolicy.defaults()).link(inbound("i1@team.example", "new.colleague@team.example",
                f.alice.id(), "alice@team.example"));

        assertThat(d.step()).isEqualTo(LinkStep.NONE_INTERNAL);
        assertThat(companies()).isEqualTo(2);
    }

    @Test
    void domainAliasAndSubdomainShouldSayWhichDomainMatched() {
        LinkDecision d = f.linker().link(inbound("a1@x", "eva@sales.acme.com", f.alice.id(), "alice@team.example"));

        assertThat(d.companyIds()).containsExactly(acme.id());
        assertThat(d.links().get(0).detail()).isEqualTo("sales.acme.com → acme.com");
    }

    @Test
    void settingsAnAdminStoredShouldApplyToTheNextMessageOnceTheLinkerIsToldOrAfterTwoSeconds() {
        LinkMessageToCustomer linker = f.linker(LinkingPolicy.defaults());
        LinkDecision before = linker.link(inbound("s1@x", "anna@sister-plant.example", f.alice.id(), "alice@team.example"));
        f.store.linkingSettings().save(List.of("sister-plant.example"), List.of("trade-portal.example"), f.mary.id(),
                LinkingFixture.T0);
        linker.forget();
        LinkDecision internal = linker.link(inbound("s2@x", "otto@sister-plant.example", f.alice.id(), "alice@team.example"));
        LinkDecision portal = linker.link(inbound("s3@x", "desk@trade-portal.example", f.alice.id(), "alice@team.example"));

        assertThat(before.step()).isEqualTo(LinkStep.CREATED_LEAD);
        assertThat(internal.step()).isEqualTo(LinkStep.NONE_INTERNAL);
        assertThat(portal.heldDetail()).isEqualTo("platform:trade-portal.example");
    }

    @Test
    void aCoRecipientOfSomeoneElsesMailShouldNotBecomeALead() {
        long before = companies();
        LinkDecision d = f.linker().link(inbound("co-1@x", "buyer.tom@gmail.com", f.alice.id(), "alice@team.example",
                "someone@unrelated-firm.example"));

        assertThat(d.step()).isEqualTo(LinkStep.NONE_FREE_MAIL_POLICY);
        assertThat(companies()).isEqualTo(before);
    }

    @Test
    void mailingListManagersAddressesShouldBeMachineMail() {
        for (String sender : List.of("neko-admin@lists.example", "owner-traders@lists.example", "traders-request@lists.example")) {
            LinkDecision d = f.linker().link(inbound(sender + ".m", sender, f.alice.id(), "alice@team.example"));
            assertThat(d.step()).as(sender).isEqualTo(LinkStep.NONE_AUTOMATED);
        }
    }
}
