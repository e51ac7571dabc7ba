package io.genjin.app.mailbox;

import io.genjin.gateway.imap.Replica;
import io.genjin.gateway.imap.SyncSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mailbox sync settings ({@code genjin.mailbox.*}).
 *
 * @param secretKey          the AES-256 key sealing mailbox passwords: base64 of 32 bytes, optionally
 *                           prefixed {@code id:} ({@code GENJIN_SECRET_KEY}); id {@code k1} when none is given
 * @param previousKeys       older keys, {@code id:base64}, still opened (key rotation)
 * @param sync               run the IMAP sync at all (needs the ingestion pipeline)
 * @param initialWindow      how far back a new mailbox is read
 * @param maxConcurrentSyncs sync passes fetching at once, across all mailboxes
 * @param pollInterval       between passes when the server has no IDLE; the longest IDLE wait
 * @param idle               use IMAP IDLE when offered
 * @param replicaId          this replica's name on the mailbox leases it holds (default: the host
 *                           name); must differ between replicas, so set it when two run on one host
 * @param leaseTtl           how long a replica's claim on a mailbox lasts without renewal (renewed
 *                           every third of it): how soon another replica takes over a dead one's mailboxes
 * @param chunkMessages      messages fetched and stored between two checkpoint moves: a crash re-reads
 *                           at most this many (dropped as duplicates); fewer means more round trips
 */
@ConfigurationProperties("genjin.mailbox")
public record MailboxProperties(String secretKey, @DefaultValue List<String> previousKeys,
        @DefaultValue("true") boolean sync, @DefaultValue("180d") Duration initialWindow,
        @DefaultValue("4") int maxConcurrentSyncs, @DefaultValue("2m") Duration pollInterval,
        @DefaultValue("true") boolean idle, String replicaId, @DefaultValue("60s") Duration leaseTtl,
        @DefaultValue("1000") int chunkMessages) {

    Replica replica() {
        return replicaId == null || replicaId.isBlank() ? Replica.thisHost(leaseTtl) : new Replica(replicaId, leaseTtl);
    }

    SyncSettings settings() {
        SyncSettings d = SyncSettings.defaults();
        return new SyncSettings(initialWindow, maxConcurrentSyncs, pollInterval, idle, chunkMessages, d.batchBytes(),
                d.streamAbove(), d.timeout(), d.backoffMin(), d.backoffMax(), d.tempDir(), null);
    }
}
