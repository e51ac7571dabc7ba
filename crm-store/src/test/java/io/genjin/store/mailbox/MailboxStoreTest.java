package io.genjin.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.EmbeddedMongo;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStatus.State;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.junit.jupiter.api.Assertions;

class MailboxStoreTest {
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final AtomicInteger flushes = new AtomicInteger();
    private final SecretCipher cipher = SecretCipher.withKey(new byte[32]);
    private final MailboxStore store = MailboxStore.over(mongo.template(), cipher, flushes::incrementAndGet, Clock.systemUTC());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void passwordIsSealedAtRestAndOpensForLogin() {
        MailboxAccount account = store.accounts().add("u1", "imap.exmail.qq.com", 993, Security.SSL, "rep@acme.cn",
                "s3cret-app-pw", Auth.PASSWORD);
        Document raw = mongo.template().getCollection("mailbox_accounts").find().first();
        assertThat(raw.toJson()).doesNotContain("s3cret-app-pw");
        assertThat(account.toString()).doesNotContain("s3cret").doesNotContain(account.sealedSecret());
        assertThat(store.accounts().secretOf(store.accounts().get(account.id()))).isEqualTo("s3cret-app-pw");
    }

    @Test
    void secretSealedWithAnOldKeyIsResealedWithTheCurrentOneOnUse() {
        MailboxAccount account = store.accounts().add("u1", "h", 993, Security.SSL, "rep", "pw", Auth.PASSWORD);
        byte[] newKey = new byte[32];
        newKey[31] = 1;
        MailboxAccounts rotated = new MailboxAccounts(mongo.template(),
                new SecretCipher(Map.of("k1", new byte[32], "k2", newKey), "k2"), Clock.systemUTC());
        assertThat(rotated.secretOf(account)).isEqualTo("pw");
        MailboxAccount reread = rotated.get(account.id());
        assertThat(reread.sealedSecret()).startsWith("k2:");
        assertThat(rotated.secretOf(reread)).isEqualTo("pw");
    }

    @Test
    void sameLoginTwiceForOneUserIsRefused() {
        store.accounts().add("u1", "h", 993, Security.SSL, "rep", "pw", Auth.PASSWORD);
        Assertions.assertThrows(DuplicateKeyException.class,
                () -> store.accounts().add("u1", "h", 993, Security.SSL, "rep", "pw2", Auth.PASSWORD));
    }

    @Test
    void checkpointNeverMovesBackwardsWithinOneUidValidity() {
        FolderCheckpoints checkpoints = store.checkpoints();
        checkpoints.beginWalk("a", "INBOX", 7, 0);
        checkpoints.finishWalk("a", "INBOX", 7, 0);
        assertThat(checkpoints.advance("a", "INBOX", 7, 10)).isTrue();
        assertThat(checkpoints.advance("a", "INBOX", 7, 5)).isFalse();
        assertThat(checkpoints.advance("a", "INBOX", 7, 10)).isFalse();
        assertThat(checkpoints.advance("a", "INBOX", 8, 50)).as("a stale UIDVALIDITY changes nothing").isFalse();
        assertThat(checkpoints.find("a", "INBOX").orElseThrow().lastUid()).isEqualTo(10);
    }

    @Test
    void initialWalkGoesDownThenHandsOverToLastUid() {
        FolderCheckpoints checkpoints = store.checkpoints();
        FolderCheckpoint begun = checkpoints.beginWalk("a", "Sent", 3, 100);
        assertThat(begun.walking()).isTrue();
        assertThat(checkpoints.advance("a", "Sent", 3, 100)).as("no advance while walking").isFalse();
        assertThat(checkpoints.walkedDownTo("a", "Sent", 3, 60)).isTrue();
        assertThat(checkpoints.walkedDownTo("a", "Sent", 3, 80)).as("never back up").isFalse();
        assertThat(checkpoints.find("a", "Sent").orElseThrow().walkBelow()).isEqualTo(60);
        assertThat(checkpoints.finishWalk("a", "Sent", 3, 100)).isTrue();
        FolderCheckpoint done = checkpoints.find("a", "Sent").orElseThrow();
        assertThat(done.walking()).isFalse();
        assertThat(done.lastUid()).isEqualTo(100);
        assertThat(checkpoints.advance("a", "Sent", 3, 101)).isTrue();
    }

    @Test
    void uidValidityChangeStartsTheFolderOver() {
        FolderCheckpoints checkpoints = store.checkpoints();
        checkpoints.beginWalk("a", "INBOX", 1, 10);
        checkpoints.finishWalk("a", "INBOX", 1, 10);
        FolderCheckpoint restarted = checkpoints.beginWalk("a", "INBOX", 2, 4);
        assertThat(restarted.uidValidity()).isEqualTo(2);
        assertThat(restarted.lastUid()).isZero();
        assertThat(checkpoints.ofAccount("a")).hasSize(1);
    }

    @Test
    void everyCheckpointChangeIsFlushed() {
        int before = flushes.get();
        store.checkpoints().beginWalk("a", "INBOX", 1, 0);
        store.checkpoints().finishWalk("a", "INBOX", 1, 0);
        store.checkpoints().advance("a", "INBOX", 1, 3);
        store.checkpoints().advance("a", "INBOX", 1, 2);
        assertThat(flushes.get() - before).isEqualTo(3);
    }

    @Test
    void statusFieldsAreSetIndependentlyAndRemovedWithTheAccount() {
        MailboxAccount account = store.accounts().add("u1", "h", 993, Security.SSL, "rep", "pw", Auth.PASSWORD);
        assertThat(store.statuses().of(account.id()).state()).isEqualTo(State.PENDING);
        store.statuses().initialProgress(account.id(), 5, 20, 15);
        store.statuses().failed(account.id(), "AUTHENTICATE failed");
        MailboxStatus status = store.statuses().of(account.id());
        assertThat(status.state()).isEqualTo(State.ERROR);
        assertThat(status.initialDone()).isEqualTo(5);
        assertThat(status.initialTotal()).isEqualTo(20);
        store.statuses().synced(account.id(), State.IDLE);
        assertThat(store.statuses().of(account.id()).lastError()).isNull();
        store.checkpoints().beginWalk(account.id(), "INBOX", 1, 0);
        assertThat(store.accounts().remove(account.id())).isTrue();
        assertThat(store.checkpoints().ofAccount(account.id())).isEmpty();
        assertThat(store.accounts().find(account.id())).isEmpty();
    }
}
