package io.genjin.store.message;

/** Where a message was seen: whose mailbox, which folder, and its IMAP UID there (if any). */
public record MailboxRef(String userId, String folder, Long uid) {
}
