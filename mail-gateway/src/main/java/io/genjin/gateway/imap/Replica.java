package io.genjin.gateway.imap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/**
 * This process as one of possibly several gateway replicas: its lease holder id and how long a
 * mailbox lease lasts. Leases are renewed every third of {@code leaseTtl}, so one missed renewal
 * (a long GC pause, a slow store) does not hand the mailbox to another replica.
 */
public record Replica(String id, Duration leaseTtl) {

    public Replica {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("replica id must not be blank");
        }
        if (leaseTtl.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("leaseTtl must be at least 3 seconds");
        }
    }

    /**
     * Named after the host: a replica restarted on the same host (a crashed process, a restarted
     * container in the same pod) takes its mailboxes back at once instead of waiting for its own old
     * leases to lapse. Two replicas on one host need distinct ids set in configuration.
     */
    public static Replica thisHost(Duration leaseTtl) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException | RuntimeException e) {
                host = "genjin-" + UUID.randomUUID().toString().substring(0, 8);
            }
        }
        return new Replica(host, leaseTtl);
    }

    Duration renewEvery() {
        return leaseTtl.dividedBy(3);
    }
}
