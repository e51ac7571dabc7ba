package io.genjin.gateway.imap;

import io.genjin.gateway.MailIngestion;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMAP sync for every enabled mailbox: one watch per mailbox (a pass, then IDLE or polling), with
 * at most {@code maxConcurrentSyncs} passes fetching at once. Messages go to {@link MailIngestion};
 * checkpoints move only after it returns.
 *
 * <p>One process syncs each mailbox; several replicas need a lease per mailbox first (not built yet).
 */
public final class MailboxSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);
    private final MailboxStore store;
    private final SyncSettings settings;
    private final AccountPass pass;
    private final Semaphore permits;
    private final ScheduledExecutorService timer;
    private final Map<String, Running> watches = new ConcurrentHashMap<>();

    public MailboxSync(MailboxStore store, MailIngestion ingestion, SyncSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.pass = new AccountPass(store, ingestion, settings, clock);
        this.permits = new Semaphore(settings.maxConcurrentSyncs(), true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching every enabled mailbox. */
    public void start() {
        List<MailboxAccount> accounts = store.accounts().enabled();
        log.info("IMAP sync: watching {} mailboxes, {} passes at once, initial window {} days", accounts.size(),
                settings.maxConcurrentSyncs(), settings.initialWindow().toDays());
        accounts.forEach(a -> watch(a.id()));
    }

    /** Starts watching one mailbox (just added, or re-enabled); does nothing when already watched. */
    public void watch(String accountId) {
        watches.computeIfAbsent(accountId, id -> {
            MailboxWatch watch = new MailboxWatch(id, store, pass, settings, permits, timer);
            Thread thread = newThread("imap-" + id, () -> {
                try {
                    watch.run();
                } finally {
                    watches.remove(id);
                }
            });
            Running running = new Running(watch, thread);
            thread.start();
            return running;
        });
    }

    /** Asks for a pass now; false when the mailbox is not watched (removed, disabled, or sync is off). */
    public boolean syncNow(String accountId) {
        Running running = watches.get(accountId);
        if (running == null) {
            return false;
        }
        running.watch().wake();
        return true;
    }

    /** Stops watching a mailbox (before it is removed or disabled). */
    public void forget(String accountId) {
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
        watches.values().forEach(r -> r.watch().stop());
        for (Running running : watches.values()) {
            try {
                running.thread().join(settings.timeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
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
