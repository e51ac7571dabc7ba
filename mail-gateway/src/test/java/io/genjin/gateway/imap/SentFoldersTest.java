package io.genjin.gateway.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.imap.SentFolders.Listed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentFoldersTest {

    @Test
    void specialUseSentFlagWinsOverAnyName() {
        assertThat(SentFolders.choose(List.of(new Listed("Sent", '/', List.of()),
                new Listed("[Gmail]/Sent Mail", '/', List.of("\\HasNoChildren", "\\Sent"))))).contains("[Gmail]/Sent Mail");
    }

    @Test
    void withoutSpecialUseTheUsualNamesAreTriedInOrder() {
        assertThat(SentFolders.choose(List.of(new Listed("Sent", '.', List.of()), new Listed("INBOX.Sent Items", '.', List.of()))))
                .as("'Sent Items' comes before 'Sent'").contains("INBOX.Sent Items");
        assertThat(SentFolders.choose(List.of(new Listed("已发送邮件", '/', List.of()), new Listed("已发送", '/', List.of()))))
                .contains("已发送");
        assertThat(SentFolders.choose(List.of(new Listed("sent", '/', List.of())))).contains("sent");
    }

    @Test
    void noSentFolderAndNonSelectableOnesGiveNothing() {
        assertThat(SentFolders.choose(List.of(new Listed("INBOX", '/', List.of()), new Listed("Drafts", '/', List.of()))))
                .isEmpty();
        assertThat(SentFolders.choose(List.of(new Listed("Sent", '/', List.of("\\Noselect"))))).isEmpty();
    }
}
