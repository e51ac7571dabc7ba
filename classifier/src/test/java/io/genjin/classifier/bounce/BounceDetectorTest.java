package io.genjin.classifier.bounce;

import io.genjin.classifier.Email;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BounceDetectorTest {

    private final BounceDetector detector = new BounceDetector();

    private static Email eml(String raw) {
        return Email.fromEml(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String dsn(String action, String status, String diagnostic) {
        return "From: MAILER-DAEMON@mx.example\nTo: sales@factory.cn\nSubject: Delivery Status Notification\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
                + "Report for tom@buyer.example\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
                + "Final-Recipient: rfc822; tom@buyer.example\nAction: " + action + "\nStatus: " + status + "\n"
                + "Diagnostic-Code: smtp; " + diagnostic + "\n\n--B--\n";
    }

    @Test
    void detectWhenDsnSaysUserUnknownShouldBeAHardFailureOfThatRecipient() {
        Bounce bounce = detector.detect(eml(dsn("failed", "5.1.1", "550 5.1.1 User unknown")));
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("tom@buyer.example");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.replyCode()).isEqualTo("550");
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(r.hard()).isTrue();
        });
    }

    @Test
    void detectWhenMailboxFullUnderGenericUserStatusShouldTrustTheWordsAndStaySoft() {
        Bounce bounce = detector.detect(eml(dsn("failed", "5.2.2", "552 5.2.2 Mailbox full, over quota")));
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(bounce.hasHardFailure()).isFalse();
    }

    @Test
    void detectWhenDsnIsDelayedShouldBeASoftDelayNotAHardFailure() {
        Bounce bounce = detector.detect(eml(dsn("delayed", "4.4.7", "451 4.4.1 connection timed out, will retry")));
        assertThat(bounce.kind()).isEqualTo(Bounce.Kind.DELAYED);
        assertThat(bounce.hasHardFailure()).isFalse();
    }

    @Test
    void detectWhenDsnReportsDeliveryShouldNotBeABounce() {
        Bounce bounce = detector.detect(eml(dsn("delivered", "2.0.0", "250 2.0.0 OK")));
        assertThat(bounce.kind()).isEqualTo(Bounce.Kind.DELIVERED);
        assertThat(bounce.isBounce()).isFalse();
    }

    @Test
    void detectWhenGenericDsnStatusButSpecificDiagnosticShouldUseTheRemoteStatus() {
        Bounce bounce = detector.detect(eml(dsn("failed", "5.0.0", "550 5.7.1 Message rejected as spam")));
        assertThat(bounce.recipients().get(0).status()).isEqualTo("5.7.1");
        assertThat(bounce.recipients().get(0).reason()).isEqualTo(BounceReason.BLOCKED_SPAM);
    }

    @Test
    void detectWhenQmailNoticeWithoutDsnShouldReadRecipientAndStatusFromText() {
        Bounce bounce = detector.detect(eml("From: MAILER-DAEMON@mx4.example.jp\nTo: nekochan@example.jp\nSubject: failure notice\n\n"
                + "Hi. This is the qmail-send program at mx4.example.jp.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
                + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n<kijitora@example.ne.jp>:\n"
                + "192.0.2.32 said: 550 Unknown user kijitora@example.ne.jp (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n"
                + "Message-ID: <abc@example.jp>\nFrom: Nyanko <nekochan@example.jp>\nTo: kijitora@example.ne.jp\n\nneko\n"));
        assertThat(bounce.isBounce()).isTrue();
        assertThat(bounce.recipients()).extracting(FailedRecipient::address).containsExactly("kijitora@example.ne.jp");
        assertThat(bounce.recipients().get(0).status()).isEqualTo("5.1.1");
        assertThat(bounce.recipients().get(0).hard()).isTrue();
        assertThat(bounce.originalMessageId()).isEqualTo("<abc@example.jp>");
    }

    @Test
    void detectWhenArfFeedbackReportShouldNotBeABounce() {
        Bounce bounce = detector.detect(eml("From: fbl@isp.example\nTo: abuse@factory.cn\nSubject: complaint\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n\n--F\nContent-Type: text/plain\n\nabuse\n\n"
                + "--F\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n\n--F--\n"));
        assertThat(bounce.kind()).isEqualTo(Bounce.Kind.FEEDBACK);
        assertThat(bounce.isBounce()).isFalse();
    }

    @Test
    void detectWhenOrdinaryCustomerMailShouldNotBeABounce() {
        Bounce bounce = detector.detect(eml("From: Tom <tom@buyer.example>\nTo: sales@factory.cn\nSubject: Re: order delivery failed?\n\n"
                + "Hi, the delivery failed last week, can you check with the forwarder?\n"));
        assertThat(bounce.isBounce()).isFalse();
    }
}
