package io.genjin.classifier.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoReplyNoticeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Inward remittance credited USD 18,600.00\n\nThis is an automatically generated message. Please do not reply.",
            "Your shipment is on its way. Do not reply to this email; this mailbox is not monitored.",
            "您的快件已签收。此邮件为系统自动发送，请勿回复。",
            "Ihre Sendung wurde zugestellt. Bitte antworten Sie nicht auf diese E-Mail.",
            "Ce message a été généré automatiquement, merci de ne pas répondre à ce message.",
            "Este correo fue generado automáticamente. No responda a este correo.",
            "Письмо сформировано автоматически, не отвечайте на это письмо.",
            "To unsubscribe from these emails, click here.",
            "このメールは送信専用です。返信しないでください。",
            "PLEASE DO NOT REPLY TO THIS E-MAIL.", "Bu e-postayı YANITLAMAYIN.", "BU MESAJI YANITLAMAYIN"})
    void readsASystemsNoticeInTheLanguagesExportMailArrivesIn(String text) {
        assertThat(NoReplyNotice.reads(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Dear Li, please quote 2,000 pcs of the 600x600 panel, CIF Hamburg. Reply by Friday if you can.",
            "请尽快回复报价，谢谢！",
            "We could not reply earlier because of the holiday. The PI is attached.",
            "Bitte antworten Sie bis Freitag mit dem Angebot."})
    void aPersonsMailIsNoNotice(String text) {
        assertThat(NoReplyNotice.reads(text)).isFalse();
    }
}
