package io.genjin.gateway.imap;

import io.genjin.gateway.MailIngestion;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxLeases;
import io.genjin.store.mailbox.MailboxStore;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMAP sync for every enabled mailbox: one watch per mailbox (a pass, then IDLE or polling), with
 * at most {@code maxConcurrentSyncs} passes fetching at once. Messages go to {@link MailIngestion};
 * checkpoints move only after it returns.
 *
 * <p>Several replicas may run this: each syncs only the mailboxes whose lease it holds
 * ({@code MailboxLeases}). Every third of the lease time it claims or renews a lease for each
 * enabled mailbox, starts watching those it got, stops watching those another replica now holds,
 * and releases leases of mailboxes no longer enabled. On close it releases what it holds, so the
 * others take over at their next round instead of after the lease runs out.
 */
public final class MailboxSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);
    private final MailboxStore store;
    private final SyncSettings settings;
    private final AccountPass pass;
    private final Semaphore permits;
    private final ScheduledExecutorService timer;
    private final Map<String, Running> watches = new ConcurrentHashMap<>();
    private final Replica replica;
    private volatile ScheduledFuture<?> leaseRounds;

    /** As this host's replica, with a one-minute lease. */
    public MailboxSync(MailboxStore store, MailIngestion ingestion, SyncSettings settings, Clock clock) {
        this(store, ingestion, settings, Replica.thisHost(Duration.ofMinutes(1)), clock);
    }

    public MailboxSync(MailboxStore store, MailIngestion ingestion, SyncSettings settings, Replica replica, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.replica = replica;
        this.pass = new AccountPass(store, ingestion, settings, clock);
        this.permits = new Semaphore(settings.maxConcurrentSyncs(), true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching every enabled mailbox this replica gets the lease of, and keeps the leases. */
    public void start() {
        log.info("IMAP sync as replica {}: {} enabled mailboxes, {} passes at once, initial window {} days, lease {} s",
                replica.id(), store.accounts().enabled().size(), settings.maxConcurrentSyncs(),
                settings.initialWindow().toDays(), replica.leaseTtl().toSeconds());
        long every = replica.renewEvery().toMillis();
        leaseRounds = timer.scheduleWithFixedDelay(this::tendLeases, 0, every, TimeUnit.MILLISECONDS);
    }

    /** One round: claim or renew a lease per enabled mailbox, and follow what the leases say. */
    void tendLeases() {
        try {
            Set<String> enabled = new HashSet<>();
            for (MailboxAccount account : store.accounts().enabled()) {
                enabled.add(account.id());
                MailboxLeases.Claim claim = store.leases().take(account.id(), replica.id(), replica.leaseTtl());
                if (claim.held()) {
                    startWatch(account.id());
                    if (claim.syncRequested()) {
                        syncNow(account.id());
                    }
                } else if (watches.containsKey(account.id())) {
                    log.info("IMAP {}: another replica holds the lease now; this one stops syncing it", account.id());
                    stopWatch(account.id());
                }
            }
            for (String watched : List.copyOf(watches.keySet())) {
                if (!enabled.contains(watched)) {
                    forget(watched);
                }
            }
        } catch (RuntimeException e) {
            // The store is unreachable: keep what runs; a lease not renewed lapses, and the next round sorts it out.
            log.warn("IMAP sync: lease round failed: {}", e.toString());
        }
    }

    /**
     * Starts watching one mailbox (just added, or re-enabled) when this replica gets its lease; does
     * nothing when already watched, or when another replica holds it (that one picks it up).
     */
    public void watch(String accountId) {
        if (store.leases().claim(accountId, replica.id(), replica.leaseTtl())) {
            startWatch(accountId);
        }
    }

    private void startWatch(String accountId) {
        watches.computeIfAbsent(accountId, id -> {
            MailboxWatch watch = new MailboxWatch(id, store, pass, settings, permits, timer);
            Running[] self = new Running[1];
            Thread thread = newThread("imap-" + id, () -> {
                try {
                    watch.run();
                } finally {
                    watches.remove(id, self[0]); // not a newer watch of the same mailbox
                }
            });
            self[0] = new Running(watch, thread);
            thread.start();
            return self[0];
        });
    }

    /**
     * Asks for a pass now; false when the mailbox is not watched here (removed, disabled, or another
     * replica holds it: see {@link #requestSync}).
     */
    public boolean syncNow(String accountId) {
        Running running = watches.get(accountId);
        if (running == null) {
            return false;
        }
        running.watch().wake();
        return true;
    }

    /**
     * A pass as soon as possible, whichever replica syncs the mailbox: at once when it is this one
     * (or this one gets the lease now), else at the holder's next lease round.
     */
    public void requestSync(String accountId) {
        if (syncNow(accountId)) {
            return;
        }
        watch(accountId);
        if (!syncNow(accountId)) {
            store.leases().requestSync(accountId);
        }
    }

    /** Stops watching a mailbox (before it is removed or disabled) and gives its lease up. */
    public void forget(String accountId) {
        stopWatch(accountId);
        store.leases().release(accountId, replica.id());
    }

    private void stopWatch(String accountId) {
        Running running = watches.remove(accountId);
        if (running != null) {
            running.watch().stop();
        }
    }

    public boolean watching(String accountId) {
        return watches.containsKey(accountId);
    }

    /** One pass over one mailbox in the caller's thread, outside any watch: for tools and tests. */
    public int syncOnce(String accountId) throws MessagingException {
        MailboxAccount account = store.accounts().get(accountId);
        try (ImapSession session = ImapSession.open(account, store.accounts().secretOf(account), settings)) {
            return pass.run(session, account, false);
        } catch (MessagingException | RuntimeException e) {
            store.statuses().failed(accountId, MailboxWatch.describe(e));
            throw e;
        }
    }

    /**
     * Logs in and lists the folders, to check an account before it is saved. Empty when it works,
     * else what went wrong (the server's words; never the secret).
     */
    public static Optional<String> verify(MailboxAccount account, String secret, SyncSettings settings) {
        try (ImapSession session = ImapSession.open(account, secret, settings)) {
            session.folders();
            return Optional.empty();
        } catch (MessagingException | RuntimeException e) {
            return Optional.of(MailboxWatch.describe(e).replace(secret, "***"));
        }
    }

    @Override
    public void close() {
        if (leaseRounds != null) {
            leaseRounds.cancel(false);
        }
        List<String> held = List.copyOf(watches.keySet());
        List<Running> stopping = List.copyOf(watches.values());
        stopping.forEach(r -> r.watch().stop());
        for (Running running : stopping) {
            try {
                running.thread().join(settings.timeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
        for (String accountId : held) {
            try {
                store.leases().release(accountId, replica.id());
            } catch (RuntimeException e) {
                log.warn("IMAP {}: lease not released ({}); it lapses in {} s", accountId, e, replica.leaseTtl().toSeconds());
            }
        }
    }

    /**
     * Virtual threads from JDK 24 on (JEP 491): Angus blocks inside {@code synchronized}, which pins
     * a virtual thread's carrier on JDK 21–23, and a few hundred idling mailboxes would pin them all.
     */
    private static Thread newThread(String name, Runnable task) {
        if (Runtime.version().feature() >= 24) {
            try {
                // Through the public Thread.Builder interface: the builder classes are not exported.
                Class<?> builderType = Class.forName("java.lang.Thread$Builder");
                Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                builder = builderType.getMethod("name", String.class).invoke(builder, name);
                return (Thread) builderType.getMethod("unstarted", Runnable.class).invoke(builder, task);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("virtual threads unavailable; using a platform thread", e);
            }
        }
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private record Running(MailboxWatch watch, Thread thread) {
    }
}
