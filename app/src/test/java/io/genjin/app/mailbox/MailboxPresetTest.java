package io.genjin.app.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.mailbox.MailboxAccount.Security;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MailboxPresetTest {

    @Test
    void chineseBusinessMailUsesImplicitTlsOnBothServers() {
        assertThat(MailboxPreset.EXMAIL.imapHost()).isEqualTo("imap.exmail.qq.com");
        assertThat(MailboxPreset.EXMAIL.smtpHost()).isEqualTo("smtp.exmail.qq.com");
        assertThat(MailboxPreset.NETEASE.imapHost()).isEqualTo("imap.qiye.163.com");
        assertThat(MailboxPreset.NETEASE.smtpHost()).isEqualTo("smtp.qiye.163.com");
        assertThat(MailboxPreset.ALIYUN.imapHost()).isEqualTo("imap.qiye.aliyun.com");
        assertThat(MailboxPreset.ALIYUN.smtpHost()).isEqualTo("smtp.qiye.aliyun.com");
        for (MailboxPreset p : new MailboxPreset[] {MailboxPreset.EXMAIL, MailboxPreset.NETEASE, MailboxPreset.ALIYUN}) {
            assertThat(p.imapPort()).as(p.name()).isEqualTo(993);
            assertThat(p.imapSecurity()).isEqualTo(Security.SSL);
            assertThat(p.smtpPort()).isEqualTo(465);
            assertThat(p.smtpSecurity()).isEqualTo(Security.SSL);
            assertThat(p.oauthProvider()).isEmpty();
        }
    }

    @Test
    void microsoftSubmitsWithStartTlsAndSignsInWithOAuth() {
        MailboxPreset m = MailboxPreset.MICROSOFT365;
        assertThat(m.imapHost()).isEqualTo("outlook.office365.com");
        assertThat(m.imapPort()).isEqualTo(993);
        assertThat(m.smtpHost()).isEqualTo("smtp.office365.com");
        assertThat(m.smtpPort()).isEqualTo(587);
        assertThat(m.smtpSecurity()).isEqualTo(Security.STARTTLS);
        assertThat(m.oauthProvider()).contains("microsoft");
        assertThat(MailboxPreset.GMAIL.imapHost()).isEqualTo("imap.gmail.com");
        assertThat(MailboxPreset.GMAIL.smtpHost()).isEqualTo("smtp.gmail.com");
        assertThat(MailboxPreset.GMAIL.oauthProvider()).contains("google");
    }

    @Test
    void otherLeavesTheHostsToTheUser() {
        assertThat(MailboxPreset.OTHER.imapHost()).isNull();
        assertThat(MailboxPreset.OTHER.smtpHost()).isNull();
        assertThat(MailboxPreset.byKey(" Other ")).contains(MailboxPreset.OTHER);
        assertThat(MailboxPreset.byKey("hotmail")).isEmpty();
        assertThat(MailboxPreset.byKey(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MailboxPreset.class)
    void everyPresetHasANameAndAnAppPasswordHintInBothLanguages(MailboxPreset preset) {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            ResourceBundle bundle = ResourceBundle.getBundle("i18n/mailsetup", locale);
            assertThat(bundle.getString("mailboxes.preset." + preset.key() + ".name")).isNotBlank();
            assertThat(bundle.getString("mailboxes.preset." + preset.key() + ".hint")).isNotBlank();
        }
    }
}
