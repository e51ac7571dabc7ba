package io.genjin.gateway.imap;

import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStatus.State;
import io.genjin.store.mailbox.MailboxStore;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one mailbox in sync: a pass (bounded by the shared permits), then IDLE on INBOX until the
 * server reports a change, {@code pollInterval} passes or someone asks for a sync; without IDLE it
 * polls. A failure drops the connection and retries after an exponential backoff with jitter.
 */
final class MailboxWatch implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MailboxWatch.class);
    private final String accountId;
    private final MailboxStore store;
    private final AccountPass pass;
    private final SyncSettings settings;
    private final Semaphore permits;
    private final ScheduledExecutorService timer;
    private final Object signal = new Object();
    private volatile boolean stopped;
    private volatile boolean wakeRequested;
    private volatile IMAPFolder idling;
    private ImapSession session;

    MailboxWatch(String accountId, MailboxStore store, AccountPass pass, SyncSettings settings, Semaphore permits,
            ScheduledExecutorService timer) {
        this.accountId = accountId;
        this.store = store;
        this.pass = pass;
        this.settings = settings;
        this.permits = permits;
        this.timer = timer;
    }

    @Override
    public void run() {
        Duration backoff = settings.backoffMin();
        try {
            while (!stopped) {
                Optional<MailboxAccount> account = store.accounts().find(accountId).filter(MailboxAccount::enabled);
                if (account.isEmpty()) {
                    log.info("IMAP {}: account removed or disabled; watch ends", accountId);
                    return;
                }
                try {
                    permits.acquire();
                    try {
                        if (session == null) {
                            store.statuses().state(accountId, State.CONNECTING);
                            session = ImapSession.open(account.get(), store.accounts().secretOf(account.get()), settings);
                        }
                        pass.run(session, account.get(), settings.idle() && session.supportsIdle());
                    } finally {
                        permits.release();
                    }
                    backoff = settings.backoffMin();
                    waitForMail();
                } catch (MessagingException | RuntimeException e) {
                    closeSession();
                    if (stopped) {
                        return;
                    }
                    store.statuses().failed(accountId, describe(e));
                    Duration delay = jitter(backoff);
                    log.warn("IMAP {}: sync failed, retrying in {} s: {}", accountId, delay.toSeconds(), describe(e));
                    pause(delay);
                    backoff = backoff.multipliedBy(2).compareTo(settings.backoffMax()) > 0 ? settings.backoffMax()
                            : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSession();
        }
    }

    /** Ends the current wait (IDLE, poll or backoff) so a pass starts now. */
    void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
        abortIdle();
    }

    void stop() {
        stopped = true;
        wake();
    }

    private void waitForMail() throws MessagingException, InterruptedException {
        if (!(settings.idle() && session.supportsIdle())) {
            pause(settings.pollInterval());
            return;
        }
        IMAPFolder inbox = session.folder("INBOX");
        inbox.open(Folder.READ_ONLY);
        ScheduledFuture<?> deadline = null;
        try {
            // Mail that arrived between the pass and this EXAMINE would not be announced by IDLE.
            long uidNext = inbox.getUIDNext();
            long lastUid = store.checkpoints().find(accountId, "INBOX").map(c -> c.lastUid()).orElse(0L);
            if (uidNext <= 0 || uidNext - 1 > lastUid) {
                return;
            }
            idling = inbox;
            // A server may announce new mail (EXISTS) before its "+" to IDLE, which Angus's
            // idle(true) does not count as the event it waits for; the listener catches it.
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    wake();
                }
            });
            deadline = timer.schedule(this::wake, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            synchronized (signal) {
                if (wakeRequested || stopped) {
                    wakeRequested = false;
                    return;
                }
            }
            // Returns on the first untagged response (EXISTS for new mail) or when abortIdle runs.
            inbox.idle(true);
            synchronized (signal) {
                wakeRequested = false;
            }
        } finally {
            idling = null;
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (inbox.isOpen()) {
                inbox.close(false);
            }
        }
    }

    /**
     * Any command on the folder from another thread makes Angus end IDLE (it sends DONE). Asked
     * before IDLE has begun, that ends nothing, so it is repeated until the wait is over.
     */
    private void abortIdle() {
        IMAPFolder folder = idling;
        if (folder != null) {
            timer.execute(() -> {
                try {
                    folder.doCommand(p -> null);
                } catch (MessagingException | RuntimeException e) {
                    log.debug("IMAP {}: ending IDLE failed (the connection is gone?)", accountId, e);
                }
                if (idling == folder && (wakeRequested || stopped)) {
                    timer.schedule(this::abortIdle, 100, TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (signal) {
            while (!wakeRequested && !stopped) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
            wakeRequested = false;
        }
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private static Duration jitter(Duration base) {
        long millis = base.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    /**
     * The failure and its root cause, by class name and message: Angus wraps the socket's reason
     * (UnknownHostException, SSLHandshakeException, SocketTimeoutException) in a MessagingException
     * whose own text does not name it, and the mailbox page explains the failure by that reason.
     */
    static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            text += " (caused by " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage().strip()) + ")";
        }
        return text;
    }
}
