package io.genjin.classifier.bounce;

import io.genjin.classifier.Email;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices written from each family's documented shape (its headers, sentences and recipient lines),
 * with our own names and addresses: the reader must find the bounce, the failed recipient and the reason.
 */
class MtaFamilyScenariosTest {

    private final BounceDetector detector = new BounceDetector();

    private Bounce read(String raw) {
        return detector.detect(Email.fromEml(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sesJson(String type, String inner) {
        String message = "{\"notificationType\":\"" + type + "\"," + inner
                + ",\"mail\":{\"source\":\"sales@factory.cn\",\"commonHeaders\":{\"messageId\":\"<q-1001@factory.cn>\"}}}";
        return "{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"7c1b\",\n  \"Message\" : \""
                + message.replace("\"", "\\\"") + "\",\n  \"Timestamp\" : \"2026-11-02T06:58:02.294Z\"\n}\n";
    }

    private static String sns(String body) {
        return "From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: ops@factory.cn\nSubject: AWS Notification Message\n"
                + "x-amz-sns-message-id: 02f86d9b-0000-573d-b47d-3d1850750c30\nContent-Type: text/plain; charset=UTF-8\n\n" + body;
    }

    @Test
    void amazonSesPermanentBounceThroughSnsShouldNameTheRecipientAndUnknownUser() {
        Bounce bounce = read(sns(sesJson("Bounce", "\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"li.wei@buyer-co.com\",\"action\":\"failed\",\"status\":\"5.1.1\","
                + "\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],\"reportingMTA\":\"dsn; a8-1.smtp-out.amazonses.com\"}")));
        assertThat(bounce.kind()).isEqualTo(Bounce.Kind.FAILED);
        assertThat(bounce.originalMessageId()).isEqualTo("<q-1001@factory.cn>");
        assertThat(bounce.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("li.wei@buyer-co.com");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(r.hard()).isTrue();
        });
    }

    @Test
    void amazonSesTransientMailboxFullWithFoldedLinesShouldBeASoftDelay() {
        String body = sesJson("Bounce", "\"bounce\":{\"bounceType\":\"Transient\",\"bounceSubType\":\"MailboxFull\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"compras@importadora.com.mx\"}]}");
        int cut = body.indexOf("importadora");
        Bounce bounce = read(sns(body.substring(0, cut) + "\n " + body.substring(cut)));
        assertThat(bounce.kind()).isEqualTo(Bounce.Kind.DELAYED);
        assertThat(bounce.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("compras@importadora.com.mx");
            assertThat(r.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
            assertThat(r.hard()).isFalse();
        });
    }

    @Test
    void amazonSesComplaintAndDeliveryShouldNotBeBounces() {
        assertThat(read(sns(sesJson("Complaint", "\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"a@b.example\"}]}")))
                .kind()).isEqualTo(Bounce.Kind.FEEDBACK);
        assertThat(read(sns(sesJson("Delivery", "\"delivery\":{\"recipients\":[\"a@b.example\"]}"))).isBounce()).isFalse();
    }

    @Test
    void kddiAuNoticeInJapaneseShouldReadTheRecipientAndMailboxFull() {
        Bounce bounce = read("From: no-reply@a1234567.dion.ne.jp\nTo: sato@shouji.example.jp\nSubject: =?UTF-8?B?"
                + java.util.Base64.getEncoder().encodeToString("メールエラー通知".getBytes(StandardCharsets.UTF_8)) + "?=\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n"
                + "送信先のメールボックスが一杯のため、送信できませんでした。\n\n"
                + "Your mail sent on: Tue, 03 Nov 2026 10:15:00 +0900\n     Could not be delivered to: <tanaka.k@ezweb.ne.jp>\n"
                + "     As their mailbox is full.\n");
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("tanaka.k@ezweb.ne.jp");
            assertThat(r.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        });
    }

    @Test
    void kddiAuComRelayedNoticeShouldBeABounceEvenUnderAPlainSubject() {
        Bounce bounce = read("Received: from mx.au.com (mx.au.com [192.0.2.9]) by lsean.ezweb.ne.jp\nFrom: postmaster@mail.example.jp\n"
                + "To: export@factory.cn\nSubject: Notice\n\n"
                + "Your mail attempted to be delivered on: Tue, 03 Nov 2026 10:15:00 +0900\n"
                + "     Could not be delivered to: <yamada@au.com>\n     As the remote domain doesnt exist.\n");
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients().get(0).address()).isEqualTo("yamada@au.com");
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
    }

    @Test
    void verizonVtextRejectionShouldTakeTheRcptToAddressNotTheSender() {
        Bounce bounce = read("Received: from smtp.vtext.com (smtp.vtext.com [192.0.2.1]) by mx.factory.cn\n"
                + "From: post_master@vtext.com\nTo: anna@factory.cn\nSubject: Re: Sample shipped\n"
                + "Content-Type: text/plain\n\nError: No valid recipients for this MM\n\n"
                + "Error message below:\n550 - Requested action not taken: no such user here\n\nMessage details:\n"
                + "  Subject: Sample shipped\n  MAIL FROM: anna@factory.cn\n  RCPT TO: 2125550143@vtext.com\n");
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients()).extracting(FailedRecipient::address).containsExactly("2125550143@vtext.com");
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void apacheJamesBounceShouldTakeTheRcptToAddress() {
        Bounce bounce = read("From: postmaster@mail.partner.example\nTo: sales@factory.cn\nSubject: [BOUNCE]\n"
                + "Message-ID: <1234.5678.JavaMail.james@mail.partner.example>\n\n"
                + "Hi. This is the James mail server at mail.partner.example.\nError message below:\n"
                + "550 5.1.1 Mailbox unknown\n\nMessage details:\n  Subject: PI 2026-118\n  MAIL FROM: sales@factory.cn\n"
                + "  RCPT TO: purchasing@partner.example\n");
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients()).extracting(FailedRecipient::address).containsExactly("purchasing@partner.example");
    }

    @Test
    void fmlMailingListRejectionShouldNameTheRejectedAddress() {
        Bounce bounce = read("From: exporters-admin@list.example.org\nTo: marta@factory.cn\nX-MLServer: fml [fml 4.0.3]\n"
                + "Message-ID: <20261103.FML12345.exporters@list.example.org>\nSubject: You marta@factory.cn are not member (exporters ML)\n\n"
                + "You are not a member of this mailing list <exporters@list.example.org>.\n\nOriginal mail as follows:\n\nFrom: marta@factory.cn\n");
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients().get(0).address()).isEqualTo("exporters@list.example.org");
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.POLICY);
    }

    @Test
    void dragonFlyNoticeShouldReadTheAddressInItsOpeningLine() {
        Bounce bounce = read("Received: from localhost (DragonFly Mail Agent v0.13); Tue, 03 Nov 2026\nFrom: MAILER-DAEMON\n"
                + "To: ops@factory.cn\nSubject: Mail delivery failed\n\nThis is the DragonFly Mail Agent v0.13 at mx.factory.cn.\n\n"
                + "There was an error delivering your mail to <jo@gone.example>.\n\nDNS lookup failure: host gone.example not found\n\n"
                + "Message headers follow.\n\nTo: jo@gone.example\n");
        assertThat(bounce.recipients()).extracting(FailedRecipient::address).containsExactly("jo@gone.example");
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
    }

    @Test
    void spamRejectionShouldBeABlockedBounceNotADeadAddress() {
        Bounce bounce = read("From: Mail Delivery System <MAILER-DAEMON@mx.factory.cn>\nTo: sales@factory.cn\n"
                + "Subject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host mx.factory.cn.\n\n"
                + "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
                + "<buyer@retail.example>: host mx.retail.example[192.0.2.7] said: 550 5.7.1 Message rejected as spam by\n"
                + "    Content Filtering (in reply to end of DATA command)\n");
        assertThat(bounce.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("buyer@retail.example");
            assertThat(r.reason()).isEqualTo(BounceReason.BLOCKED_SPAM);
            assertThat(r.hard()).isFalse();
        });
    }

    @Test
    void aPersonQuotingANoticeSentenceShouldNotBeABounce() {
        Bounce bounce = read("From: Tom Baker <tom@buyer.example>\nTo: sales@factory.cn\nSubject: Re: price list\n\n"
                + "Hi Li, my colleague got a message saying 'Your mail sent on: Monday could not be delivered'. Can you resend the price list?\n");
        assertThat(bounce.isBounce()).isFalse();
    }

    @Test
    void exchangeNdrInFrenchShouldNameTheRecipientAboveTheOriginalHeaders() {
        Bounce bounce = read("From: postmaster@corp.example.fr\nTo: sales@factory.cn\nSubject: Non remis : Commande 771\n"
                + "Content-Language: fr-FR\n\nLa remise a échoué pour ces destinataires ou groupes :\n\n"
                + "achats@corp.example.fr\nL'adresse de messagerie que vous avez entrée est introuvable.\n\n"
                + "Informations de diagnostic pour les administrateurs :\n\nServeur de génération : MX1.corp.example.fr\n"
                + "achats@corp.example.fr\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n\n"
                + "En-têtes de message d'origine :\n\nFrom: sales@factory.cn\nTo: achats@corp.example.fr\n");
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients()).extracting(FailedRecipient::address).containsExactly("achats@corp.example.fr");
        assertThat(bounce.recipients().get(0).status()).isEqualTo("5.1.1");
    }

    @Test
    void qmailStyleNoticeInSpanishShouldBeABounce() {
        Bounce bounce = read("From: MAILER-DAEMON@correo.example.com.ar\nTo: ventas@factory.cn\nSubject: failure notice\n\n"
                + "Su mensaje no pudo ser entregado a las siguientes direcciones.\n\n<compras@tienda.example.com.ar>:\n"
                + "Remote host said: 550 5.2.2 mailbox full\n\n--- Below this line is a copy of the message.\n\nTo: compras@tienda.example.com.ar\n");
        assertThat(bounce.recipients()).extracting(FailedRecipient::address).containsExactly("compras@tienda.example.com.ar");
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void openSmtpdNoticeShouldStopReadingAtTheCopyOfTheOriginal() {
        Bounce bounce = read("Received: from mx.factory.cn (OpenSMTPD) with ESMTPSA id 1a2b3c\nFrom: Mailer Daemon <MAILER-DAEMON@mx.factory.cn>\n"
                + "To: anna@factory.cn\nSubject: Delivery status notification: error\n\n"
                + "    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
                + "    An error has occurred while attempting to deliver a message for\n    the following list of recipients:\n\n"
                + "sven@butik.example.se: Domain does not exist\n\n    Below is a copy of the original message:\n\n"
                + "From: anna@factory.cn\nTo: sven@butik.example.se, cc-person@butik.example.se\n");
        assertThat(bounce.recipients()).extracting(FailedRecipient::address).containsExactly("sven@butik.example.se");
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
    }

    @Test
    void everyFamilyRowNamesItsSourceAndEveryFamilyCanBeRecognised() throws IOException {
        Map<String, Set<String>> roles = new HashMap<>();
        try (InputStream in = MtaFamilies.class.getResourceAsStream("mta-families.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                assertThat(cols).as(line).hasSize(4);
                assertThat(cols[3]).as(line).matches("sisimai (Lhost|Rhost)/\\w+\\.pm");
                roles.computeIfAbsent(cols[0], f -> new HashSet<>()).add(cols[1]);
            }
        }
        assertThat(roles).hasSizeGreaterThanOrEqualTo(50);
        Set<String> identifying = Set.of("from", "subject", "header", "received", "message-id", "notice");
        roles.forEach((family, r) -> assertThat(r.stream().anyMatch(identifying::contains)
                || r.stream().allMatch(role -> role.startsWith("reason:"))).as(family).isTrue());
        assertThat(MtaFamilies.families()).isEqualTo(roles.size());
    }
}
