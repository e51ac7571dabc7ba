package io.genjin.store.mailbox;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How far one IMAP folder is synced. Every message with a UID up to {@code lastUid} under
 * {@code uidValidity} has been ingested (durably). While the first sync walks the initial window
 * newest first, {@code walkTop} is the highest UID when it began and every message of the window
 * from {@code walkBelow} up to {@code walkTop} is ingested; when the walk ends {@code lastUid}
 * becomes {@code walkTop} and both are cleared.
 *
 * <p>{@code backlog} (messages on the server not yet ingested, at the last count) and {@code messages}
 * (ingested from this folder so far) are for the mailboxes page; null reads as 0.
 *
 * <p>The id is {@code accountId/folder}, so the (account, folder) pair is unique by construction.
 */
@Document("mailbox_checkpoints")
public record FolderCheckpoint(
        String id,
        String accountId,
        String folder,
        long uidValidity,
        long lastUid,
        Long walkTop,
        Long walkBelow,
        Instant lastSyncAt,
        Long backlog,
        Long messages) {

    public FolderCheckpoint {
        backlog = backlog == null ? 0L : backlog;
        messages = messages == null ? 0L : messages;
    }

    public static String idOf(String accountId, String folder) {
        return accountId + "/" + folder;
    }

    public boolean walking() {
        return walkTop != null;
    }
}
