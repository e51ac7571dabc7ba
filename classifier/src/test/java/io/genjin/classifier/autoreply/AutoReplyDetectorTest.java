package io.genjin.classifier.autoreply;

import io.genjin.classifier.Email;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AutoReplyDetectorTest {

    private final AutoReplyDetector detector = new AutoReplyDetector();
    private static final LocalDate SENT = LocalDate.of(2024, 3, 5);

    private static Email eml(String raw) {
        return Email.fromEml(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void detectWhenRfc3834AutoSubmittedHeaderShouldBeAnAutoReply() {
        Email email = eml("From: tom@buyer.example\nAuto-Submitted: auto-replied\nSubject: Re: PO 4512\n\nThank you, we received your message.\n");
        assertThat(detector.detect(email, email.text(), SENT).isAutoReply()).isTrue();
    }

    @Test
    void detectWhenEnglishOutOfOfficeShouldReadTheReturnDate() {
        Email email = eml("From: tom@buyer.example\nSubject: Out of Office: PO 4512\n\nI am out of the office until Monday, 11 March 2024 with limited access to email.\n");
        AutoReply reply = detector.detect(email, email.text(), SENT);
        assertThat(reply.kind()).isEqualTo(AutoReply.Kind.OUT_OF_OFFICE);
        assertThat(reply.returnDate()).contains(LocalDate.of(2024, 3, 11));
    }

    @Test
    void detectWhenChineseHolidayNoticeShouldReadTheDateBeforeTheReturnWord() {
        Email email = eml("From: li@buyer.cn\nSubject: =?UTF-8?B?6Ieq5Yqo5Zue5aSN?=\n\n您好，我正在休假，3月12日返回，紧急事务请联系同事。\n");
        AutoReply reply = detector.detect(email, email.text(), SENT);
        assertThat(reply.isAutoReply()).isTrue();
        assertThat(reply.returnDate()).contains(LocalDate.of(2024, 3, 12));
    }

    @Test
    void detectWhenGermanAbsenceSubjectShouldBeOutOfOffice() {
        Email email = eml("From: a@b.de\nSubject: Abwesenheitsnotiz: Angebot\n\nIch bin bis 15.03.2024 nicht im Büro.\n");
        AutoReply reply = detector.detect(email, email.text(), SENT);
        assertThat(reply.kind()).isEqualTo(AutoReply.Kind.OUT_OF_OFFICE);
        assertThat(reply.returnDate()).contains(LocalDate.of(2024, 3, 15));
    }

    @Test
    void detectWhenBoxbeStyleChallengeShouldBeChallengeResponse() {
        Email email = eml("From: notify@boxbe.com\nSubject: Please verify your email\n\nTo complete the delivery of your email, please verify that you are human by clicking the link below.\n");
        assertThat(detector.detect(email, email.text(), SENT).kind()).isEqualTo(AutoReply.Kind.CHALLENGE_RESPONSE);
    }

    @Test
    void detectWhenLongLetterMentionsAHolidayShouldNotBeAnAutoReply() {
        String body = "Dear Anna,\n\nThanks for the samples. " + "We reviewed the quality and colours in detail. ".repeat(40)
                + "\nI will be on vacation next week, so please send the PI to my colleague.\n";
        Email email = eml("From: tom@buyer.example\nSubject: Re: samples\n\n" + body);
        assertThat(detector.detect(email, email.text(), SENT).isAutoReply()).isFalse();
    }
}
