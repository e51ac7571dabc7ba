package io.genjin.gateway.imap;

import io.genjin.gateway.MailIngestion;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStatus.State;
import io.genjin.store.mailbox.MailboxStore;
import jakarta.mail.MessagingException;
import java.time.Clock;

/** One sync pass over every folder of one mailbox on an open session, reporting status as it goes. */
final class AccountPass {
    private final MailboxStore store;
    private final MailIngestion ingestion;
    private final SyncSettings settings;
    private final Clock clock;

    AccountPass(MailboxStore store, MailIngestion ingestion, SyncSettings settings, Clock clock) {
        this.store = store;
        this.ingestion = ingestion;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns how many messages were handed to the pipeline. */
    int run(ImapSession session, MailboxAccount account, boolean willIdle) throws MessagingException {
        String id = account.id();
        long[] walkedBefore = {0, 0};
        long[] walking = {0, 0};
        String[] current = {null};
        FolderSync.Progress progress = new FolderSync.Progress() {
            @Override
            public void walking(long done, long total) {
                if (walking[1] == 0 && done == 0 || done < walking[0]) {
                    store.statuses().state(id, State.INITIAL_SYNC);
                }
                walking[0] = done;
                walking[1] = total;
                store.statuses().initialProgress(id, walkedBefore[0] + done, walkedBefore[1] + total, total - done);
            }

            @Override
            public void backlog(long remaining) {
                store.statuses().state(id, State.SYNCING);
                store.statuses().backlog(id, remaining);
                store.checkpoints().backlog(id, current[0], remaining);
            }
        };
        int handed = 0;
        for (String folder : session.folders()) {
            current[0] = folder;
            int fromFolder = new FolderSync(account, ingestion, store.checkpoints(), settings, clock, progress)
                    .run(session.folder(folder), !"INBOX".equalsIgnoreCase(folder));
            store.checkpoints().passDone(id, folder, fromFolder);
            handed += fromFolder;
            walkedBefore[0] += walking[0];
            walkedBefore[1] += walking[1];
            walking[0] = 0;
            walking[1] = 0;
        }
        store.statuses().synced(id, willIdle ? State.IDLE : State.POLLING);
        return handed;
    }
}
