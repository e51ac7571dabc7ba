package io.genjin.gateway.pipeline;

import io.genjin.store.Ids;
import io.genjin.store.message.Messages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch's events and "events published" marks, written together when the batch flushes instead
 * of three store round trips per message (the outbox's sequence, its insert, the mark): one
 * sequence block and one insert for all the batch's events, then the marks.
 *
 * <p>A message new to the store is stored under the batch's publication key ({@link #key}), and,
 * from {@link #PUBLISH_FROM} of them, their mark is the key's publication: one small insert at the
 * flush for all ({@link io.genjin.store.message.Messages#published}), instead of a rewrite of every
 * message's document. A message that was already stored (an ingestion that died before publishing,
 * done again) is marked on its own, as before. A message stored under the key whose ingestion then
 * stopped before this step (a failure kept for replay, or a store that became unreachable) is taken
 * out of the key before it is published, so that it stays unfinished. Each flush takes a new key;
 * a key not published is never published later.
 *
 * <p>Nothing of a batch is acknowledged before its flush (the import prints its summary after it,
 * the IMAP sync moves its checkpoint after it), and the flush writes this first, so the guarantee
 * is the one {@link PublishEvents} gives: a message whose mark is not durable goes through the
 * pipeline again on the next try. The events are written before the marks, as for one message.
 *
 * <p>The same Message-ID twice in one batch: its first copy is stored but not yet marked, so
 * {@link Deduplicate} asks {@link #holds} first and writes what is pending, and the second copy is a
 * duplicate as it would be in two batches.
 */
final class PendingPublication {
    private final Steps steps;
    private final List<Object> events = new ArrayList<>();
    private final List<String> storedIds = new ArrayList<>();
    private final List<String> byMessageId = new ArrayList<>();
    private final Set<String> held = new HashSet<>();
    /** Stored under the current key, and of those, the ones whose events are here. */
    private final Set<String> keyed = new LinkedHashSet<>();
    private final Set<String> keyedDone = new HashSet<>();
    private String key = Ids.newId();

    /**
     * New messages from which a flush publishes its key rather than marking each: the batches of an
     * import or a first sync publish one key for hundreds of messages, while a poll that found a few
     * new messages marks them and leaves no key document behind.
     */
    static final int PUBLISH_FROM = 8;

    PendingPublication(Steps steps) {
        this.steps = steps;
    }

    /** The key a new message of this batch is stored under until the next flush. */
    String key() {
        return key;
    }

    /** A message stored (new) under {@link #key}. */
    void storedUnderKey(String storedId) {
        keyed.add(storedId);
    }

    /**
     * One message's events and its marks: by stored id when the pipeline knows it (none needed when
     * it was stored under the key), else by Message-ID ({@code markByMessageId}, also a forward's own
     * Message-ID); {@code dedupeKeys} are the Message-IDs a later copy of this message would be known by.
     */
    void add(List<Object> messageEvents, String storedId, Collection<String> markByMessageId, Collection<String> dedupeKeys) {
        events.addAll(messageEvents);
        if (storedId != null) {
            if (keyed.contains(storedId)) {
                keyedDone.add(storedId);
            } else {
                storedIds.add(storedId);
            }
        }
        byMessageId.addAll(markByMessageId);
        held.addAll(dedupeKeys);
    }

    /** Whether a message with this Message-ID waits here for its mark. */
    boolean holds(String messageId) {
        return held.contains(messageId);
    }

    /** Writes the events, then the marks, and takes a new key; nothing when empty. */
    void write() {
        if (events.isEmpty() && storedIds.isEmpty() && byMessageId.isEmpty() && keyed.isEmpty()) {
            return;
        }
        Messages messages = steps.store().messages();
        List<String> done = keyed.stream().filter(keyedDone::contains).toList();
        boolean publishKey = done.size() >= PUBLISH_FROM;
        if (publishKey) {
            messages.unpublish(keyed.stream().filter(id -> !keyedDone.contains(id)).toList());
        }
        steps.events().append(List.copyOf(events));
        if (publishKey) {
            messages.published(key, done);
        } else {
            // A few messages (a poll that found new mail): marked one by one, and their key never published.
            storedIds.addAll(done);
        }
        messages.markEventsPublishedByIds(storedIds);
        byMessageId.forEach(messages::markEventsPublished);
        events.clear();
        storedIds.clear();
        byMessageId.clear();
        held.clear();
        keyed.clear();
        keyedDone.clear();
        key = Ids.newId();
    }
}
