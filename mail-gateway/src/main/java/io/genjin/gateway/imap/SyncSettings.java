package io.genjin.gateway.imap;

import io.genjin.store.outbound.OutboundGuard;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How mailboxes are synced.
 *
 * @param initialWindow      how far back the first sync of a folder reaches (IMAP SEARCH SINCE), newest first
 * @param maxConcurrentSyncs sync passes (connections fetching) running at once across all mailboxes
 * @param pollInterval       time between passes without IDLE; with IDLE, the longest wait before the
 *                           Sent folder is looked at again
 * @param idle               use IMAP IDLE (RFC 2177) on INBOX when the server offers it
 * @param chunkMessages      messages per checkpoint step (a crash re-ingests at most this many; the
 *                           pipeline de-duplicates them)
 * @param batchBytes         bytes of small messages fetched in one round trip
 * @param streamAbove        messages larger than this go to a temporary file in pieces of this size
 * @param timeout            connect and read timeout
 * @param backoffMin         first retry delay after a failure, doubled up to backoffMax
 * @param backoffMax         longest retry delay
 * @param tempDir            where large messages are spooled; null for the system temp dir
 * @param outbound           checks a mailbox's host before each connection (a user chose it, and its
 *                           name may point at the server's own network by now); null checks nothing,
 *                           for tools and tests that connect where they are told
 */
public record SyncSettings(Duration initialWindow, int maxConcurrentSyncs, Duration pollInterval, boolean idle,
        int chunkMessages, int batchBytes, int streamAbove, Duration timeout, Duration backoffMin, Duration backoffMax,
        Path tempDir, OutboundGuard outbound) {

    public SyncSettings {
        require(!initialWindow.isNegative(), "initialWindow must not be negative");
        require(maxConcurrentSyncs > 0, "maxConcurrentSyncs must be positive");
        require(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive");
        require(chunkMessages > 0, "chunkMessages must be positive");
        require(batchBytes >= 64 * 1024, "batchBytes must be at least 64 KB");
        require(streamAbove >= 16 * 1024 && streamAbove <= batchBytes, "streamAbove must be between 16 KB and batchBytes");
        require(backoffMin.compareTo(backoffMax) <= 0, "backoffMin must not exceed backoffMax");
    }

    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofDays(180), 4, Duration.ofMinutes(2), true, 1000, 8 << 20, 1 << 20,
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofMinutes(5), null, null);
    }

    public SyncSettings withOutbound(OutboundGuard guard) {
        return new SyncSettings(initialWindow, maxConcurrentSyncs, pollInterval, idle, chunkMessages, batchBytes, streamAbove,
                timeout, backoffMin, backoffMax, tempDir, guard);
    }

    public SyncSettings withPollInterval(Duration poll) {
        return new SyncSettings(initialWindow, maxConcurrentSyncs, poll, idle, chunkMessages, batchBytes, streamAbove,
                timeout, backoffMin, backoffMax, tempDir, outbound);
    }

    public SyncSettings withIdle(boolean on) {
        return new SyncSettings(initialWindow, maxConcurrentSyncs, pollInterval, on, chunkMessages, batchBytes, streamAbove,
                timeout, backoffMin, backoffMax, tempDir, outbound);
    }

    public SyncSettings withChunkMessages(int messages) {
        return new SyncSettings(initialWindow, maxConcurrentSyncs, pollInterval, idle, messages, batchBytes, streamAbove,
                timeout, backoffMin, backoffMax, tempDir, outbound);
    }

    public SyncSettings withBackoff(Duration min, Duration max) {
        return new SyncSettings(initialWindow, maxConcurrentSyncs, pollInterval, idle, chunkMessages, batchBytes, streamAbove,
                timeout, min, max, tempDir, outbound);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
