package io.genjin.gateway.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch's events and "events published" marks, written together when the batch flushes instead
 * of three store round trips per message (the outbox's sequence, its insert, the mark): one
 * sequence block and one insert for all the batch's events, then one bulk write of the marks.
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

    PendingPublication(Steps steps) {
        this.steps = steps;
    }

    /**
     * One message's events and its marks: by stored id when the pipeline knows it, else by
     * Message-ID ({@code markByMessageId}, also a forward's own Message-ID); {@code dedupeKeys} are
     * the Message-IDs a later copy of this message would be known by.
     */
    void add(List<Object> messageEvents, String storedId, Collection<String> markByMessageId, Collection<String> dedupeKeys) {
        events.addAll(messageEvents);
        if (storedId != null) {
            storedIds.add(storedId);
        }
        byMessageId.addAll(markByMessageId);
        held.addAll(dedupeKeys);
    }

    /** Whether a message with this Message-ID waits here for its mark. */
    boolean holds(String messageId) {
        return held.contains(messageId);
    }

    /** Writes the events, then the marks; nothing when empty. */
    void write() {
        if (events.isEmpty() && storedIds.isEmpty() && byMessageId.isEmpty()) {
            return;
        }
        steps.events().append(List.copyOf(events));
        steps.store().messages().markEventsPublishedByIds(storedIds);
        byMessageId.forEach(id -> steps.store().messages().markEventsPublished(id));
        events.clear();
        storedIds.clear();
        byMessageId.clear();
        held.clear();
    }
}
