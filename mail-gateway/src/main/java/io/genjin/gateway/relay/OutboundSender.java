package io.genjin.gateway.relay;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawKeys;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.gateway.relay.SendResult.Status;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.customer.Contact;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.SignInAgain;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.relay.OutboundMail;
import io.genjin.store.relay.OutboundMail.Origin;
import io.genjin.store.relay.OutboundQueue.Claim;
import io.genjin.store.relay.RelayStore;
import io.genjin.store.relay.Tracking;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message for a user through their own SMTP server, the one path the relay and sequences
 * share. In order:
 * <ol>
 * <li>the Message-ID: the client's, else one derived from the content (so a client re-sending the
 *     same bytes is recognised);</li>
 * <li>the sending account: the user's mailbox with an SMTP server, preferring the envelope sender's;</li>
 * <li>a claim on (user, Message-ID): a message already sent is not sent again, one being sent
 *     elsewhere is refused for now;</li>
 * <li>tracking per the user's setting (quotes as the classifier sees them, all, or none);</li>
 * <li>delivery upstream; then, only once it was accepted, the message as the user wrote it goes
 *     through the ingestion pipeline as their sent mail (timeline, linking, events). It is kept raw
 *     before it is sent, and the acceptance records that its timeline entry is owed: a sender that
 *     dies between the two leaves that to {@link #logUnlogged}, which the retry scan runs;</li>
 * <li>a temporary failure keeps the prepared message in the retry queue; a permanent one is recorded
 *     as failed. Everything is durable before the result returns.</li>
 * </ol>
 * One log line per message says what happened.
 */
public final class OutboundSender {
    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    /** A sent message that could not be logged to its timeline for this long is left to a Sent-folder sync. */
    private static final Duration GIVE_UP_LOGGING = Duration.ofDays(1);
    private final CrmStore crm;
    private final MailboxStore mailboxes;
    private final RelayStore relay;
    private final MailArchive archive;
    private final Upstream upstream;
    private final Instrumentation instrumentation;
    private final Understanding understanding;
    private final MailIngestion ingestion;
    private final Durability durability;
    private final RetryPolicy retries;
    private final String hostname;
    private final Clock clock;
    private final MailParser parser = new MailParser();

    public OutboundSender(CrmStore crm, MailboxStore mailboxes, RelayStore relay, MailArchive archive, Upstream upstream,
            Instrumentation instrumentation, Understanding understanding, MailIngestion ingestion,
            Durability durability, RetryPolicy retries, String hostname, Clock clock) {
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.relay = relay;
        this.archive = archive;
        this.upstream = upstream;
        this.instrumentation = instrumentation;
        this.understanding = understanding;
        this.ingestion = ingestion;
        this.durability = durability;
        this.retries = retries;
        this.hostname = hostname;
        this.clock = clock;
    }

    public SendResult send(Submission submission) {
        Identified message = identify(submission.message());
        Optional<MailboxAccount> account = mailboxes.accounts().sendingAccount(submission.userId(),
                submission.envelopeFrom());
        if (account.isEmpty()) {
            log.info("outbound {} user={} from=<{}> NO_ACCOUNT", message.messageId(), submission.userId(),
                    submission.envelopeFrom());
            return new SendResult(Status.NO_ACCOUNT, 550, "5.7.0 Genjin knows no SMTP server for your mailbox: add "
                    + "one to your mailbox account in Genjin", message.messageId(), null);
        }
        Claim claim = relay.outbound().claim(submission.userId(), account.get().id(), message.messageId(),
                submission.via() == MailSource.Sent.Via.RELAY ? Origin.RELAY : Origin.SEQUENCE,
                submission.envelopeFrom(), submission.recipients(), message.subject(), retries.lease());
        if (claim instanceof Claim.AlreadySent sent) {
            log.info("outbound {} user={} ALREADY_SENT at {}", message.messageId(), submission.userId(),
                    sent.mail().sentAt());
            return new SendResult(Status.ALREADY_SENT, 250, "2.0.0 Ok: already sent by Genjin at "
                    + sent.mail().sentAt(), message.messageId(), sent.mail().id());
        }
        if (claim instanceof Claim.Busy busy) {
            return new SendResult(Status.BUSY, 451, "4.3.0 This message is being sent right now; try again in a"
                    + " few minutes", message.messageId(), busy.mail().id());
        }
        OutboundMail mail = ((Claim.Claimed) claim).mail();
        RawMail prepared = prepare(submission, message, mail.id());
        String timelineKey = keepForTimeline(message.raw());
        Delivery delivery = deliver(account.get(), submission.envelopeFrom(), submission.recipients(), prepared);
        return settle(mail, delivery, message.raw(), prepared, submission.via(), timelineKey);
    }

    /**
     * Tries the queued messages whose time has come, one by one, each under its own claim (so
     * replicas share the work without sending anything twice). Returns how many it tried.
     */
    public int retryDue(int max) {
        int tried = 0;
        for (Optional<OutboundMail> next = relay.outbound().claimDue(retries.lease()); next.isPresent() && tried < max;
                next = tried < max ? relay.outbound().claimDue(retries.lease()) : Optional.empty()) {
            tried++;
            retry(next.get());
        }
        return tried;
    }

    private void retry(OutboundMail mail) {
        RawMail prepared = kept(mail.rawKey());
        Optional<MailboxAccount> account = mailboxes.accounts().find(mail.accountId()).filter(MailboxAccount::canSend)
                .or(() -> mailboxes.accounts().sendingAccount(mail.userId(), mail.envelopeFrom()));
        if (prepared == null || account.isEmpty()) {
            String why = prepared == null ? "5.3.0 the prepared message is gone" : "5.7.0 no SMTP server to send from";
            relay.outbound().failed(mail.id(), 550, why);
            durability.flush();
            log.warn("outbound {} user={} retry impossible: {}", mail.messageId(), mail.userId(), why);
            return;
        }
        RawMail original = Optional.ofNullable(kept(mail.rawKey() + "/original")).orElse(prepared);
        String timelineKey = keepForTimeline(original);
        Delivery delivery = deliver(account.get(), mail.envelopeFrom(), mail.recipients(), prepared);
        settle(mail, delivery, original, prepared, via(mail), timelineKey);
    }

    /**
     * Logs to the timeline the sent messages accepted before {@code sentBefore} whose sender stopped
     * (a crash, a kill) between the upstream's acceptance and their timeline entry. Idempotent: one
     * that made it after all is found a duplicate. Returns how many it looked at.
     */
    public int logUnlogged(Instant sentBefore, int max) {
        List<OutboundMail> owed = relay.outbound().unlogged(sentBefore, max);
        for (OutboundMail mail : owed) {
            RawMail original = kept(mail.timelineKey());
            String logged = original == null ? "NOT_LOGGED (the kept message is gone)"
                    : logToTimeline(mail, original, via(mail));
            if (original == null || mail.sentAt().isBefore(clock.instant().minus(GIVE_UP_LOGGING))) {
                relay.outbound().logged(mail.id()); // never to be logged here: left to a Sent-folder sync
            }
            log.info("outbound {} user={} sent at {} timeline={} (owed since the sender stopped)", mail.messageId(),
                    mail.userId(), mail.sentAt(), logged);
        }
        if (!owed.isEmpty()) {
            durability.flush();
        }
        return owed.size();
    }

    private static MailSource.Sent.Via via(OutboundMail mail) {
        return mail.origin() == Origin.RELAY ? MailSource.Sent.Via.RELAY : MailSource.Sent.Via.SEQUENCE;
    }

    /** Keeps the message as the user wrote it, under the key the pipeline gives it, so one raw serves both. */
    private String keepForTimeline(RawMail original) {
        String key = RawKeys.of(original);
        archive.raw().keep(key, original::open);
        return key;
    }

    private SendResult settle(OutboundMail mail, Delivery delivery, RawMail original, RawMail prepared,
            MailSource.Sent.Via via, String timelineKey) {
        String messageId = mail.messageId();
        switch (delivery.kind()) {
            case ACCEPTED -> {
                relay.outbound().sent(mail.id(), delivery.code(), delivery.reply(), timelineKey);
                // Durable before anything else: from the upstream's 250 until this commit, a crash
                // makes the message go out again (SMTP has no idempotent submission). The timeline
                // entry can wait: the commit says it is owed, and the retry scan logs it if this
                // process does not live to.
                durability.flush();
                String logged = logToTimeline(mail, original, via);
                durability.flush();
                log.info("outbound {} user={} via={} rcpt={} SENT attempt={} upstream=\"{} {}\" timeline={}", messageId,
                        mail.userId(), via, mail.recipients(), mail.attempts() + 1, delivery.code(), delivery.reply(),
                        logged);
                return new SendResult(Status.SENT, 250, "2.0.0 Ok: sent and logged to the CRM (" + mail.id() + ")",
                        messageId, mail.id());
            }
            case TEMPORARY -> {
                Duration delay = retries.after(mail.attempts());
                if (delay != null) {
                    String rawKey = keep(mail, original, prepared);
                    relay.outbound().deferred(mail.id(), rawKey, delivery.code(), delivery.reply(),
                            clock.instant().plus(delay));
                    durability.flush();
                    log.info("outbound {} user={} DEFERRED attempt={} upstream=\"{} {}\" retry in {}", messageId,
                            mail.userId(), mail.attempts() + 1, delivery.code(), delivery.reply(), delay);
                    return new SendResult(Status.QUEUED, delivery.code(), delivery.reply()
                            + " (upstream; Genjin keeps the message and retries it, it will not be sent twice)",
                            messageId, mail.id());
                }
                relay.outbound().failed(mail.id(), delivery.code(), delivery.reply());
                durability.flush();
                log.warn("outbound {} user={} FAILED after {} attempts: {} {}", messageId, mail.userId(),
                        mail.attempts() + 1, delivery.code(), delivery.reply());
                return new SendResult(Status.REFUSED, delivery.code(), delivery.reply(), messageId, mail.id());
            }
            default -> {
                relay.outbound().failed(mail.id(), delivery.code(), delivery.reply());
                durability.flush();
                log.info("outbound {} user={} REFUSED upstream=\"{} {}\"", messageId, mail.userId(), delivery.code(),
                        delivery.reply());
                return new SendResult(Status.REFUSED, delivery.code(), delivery.reply() + " (upstream)", messageId,
                        mail.id());
            }
        }
    }

    /**
     * Logs the sent message to the timeline and settles what its sending owed; says what happened. It
     * was sent: a failure here must not undo that, and leaves the entry owed for the retry scan.
     */
    private String logToTimeline(OutboundMail mail, RawMail original, MailSource.Sent.Via via) {
        try {
            IngestResult result = ingestion.ingest(original, new MailSource.Sent(via, mail.userId(), mail.envelopeFrom(),
                    mail.recipients()));
            relay.outbound().logged(mail.id());
            return result.outcome() + (result.companyId() == null ? "" : " company=" + result.companyId());
        } catch (RuntimeException e) {
            log.warn("outbound {} sent but not logged yet (the retry scan tries again)", mail.messageId(), e);
            return "NOT_LOGGED";
        }
    }

    private String keep(OutboundMail mail, RawMail original, RawMail prepared) {
        String key = "outbound/" + mail.id();
        if (mail.rawKey() == null) {
            archive.raw().keep(key, prepared::open);
            if (original != prepared) {
                archive.raw().keep(key + "/original", original::open);
            }
        }
        return key;
    }

    private RawMail kept(String key) {
        if (key == null || !archive.raw().has(key)) {
            return null;
        }
        return new RawMail() {
            @Override
            public InputStream open() {
                return archive.raw().open(key).orElseThrow(() -> new IllegalStateException("raw " + key + " is gone"));
            }

            @Override
            public long size() {
                return archive.raw().size(key).orElse(-1L);
            }
        };
    }

    private RawMail prepare(Submission submission, Identified message, String outboundId) {
        Tracking tracking = relay.trackingOf(submission.userId());
        if (tracking == Tracking.NONE) {
            return message.raw();
        }
        try {
            ParsedMail parsed;
            try (InputStream in = message.raw().open()) {
                parsed = parser.parse(in, AttachmentSink.DISCARD);
            }
            boolean quote = understanding.understand(parsed).quote();
            // A sequence step is outreach whose opens are the point: tracked unless the user turned tracking off.
            if (tracking == Tracking.QUOTES && !quote && submission.via() != MailSource.Sent.Via.SEQUENCE) {
                return message.raw();
            }
            String companyId = companyOf(submission.recipients());
            Optional<byte[]> rewritten;
            try (InputStream in = message.raw().open()) {
                rewritten = TrackedBodies.rewrite(in, bodies -> instrumentation.instrument(
                        new Instrumentation.Outgoing(message.messageId(), submission.userId(), submission.envelopeFrom(),
                                message.subject(), companyId, submission.recipients(), quote, bodies.html(), bodies.text())));
            }
            return rewritten.map(RawMail::of).orElse(message.raw());
        } catch (IOException | RuntimeException e) {
            // Tracking is a bonus; the mail itself matters more. Send it as written.
            log.warn("outbound {} ({}) sent without tracking: {}", message.messageId(), outboundId, e.toString());
            return message.raw();
        }
    }

    private String companyOf(List<String> recipients) {
        for (String rcpt : recipients) {
            Optional<String> company = crm.contacts().byAddress(rcpt).map(Contact::companyId);
            if (company.isPresent()) {
                return company.get();
            }
        }
        for (String rcpt : recipients) {
            String domain = rcpt.substring(rcpt.indexOf('@') + 1);
            Optional<String> company = crm.companies().byDomain(domain).map(c -> c.id());
            if (company.isPresent()) {
                return company.get();
            }
        }
        return null;
    }

    /**
     * Signs in to the user's SMTP server and sends. An OAuth mailbox whose token cannot be had now is
     * a temporary failure: the message waits in the queue until its owner signs in again (RFC 4954
     * §6: 454 is a temporary authentication failure) or the token endpoint answers again.
     */
    private Delivery deliver(MailboxAccount account, String envelopeFrom, List<String> recipients, RawMail prepared) {
        UpstreamLogin login;
        try {
            login = login(account);
        } catch (SignInAgain e) {
            log.warn("outbound user={} mailbox={}: {}", account.userId(), account.id(), e.getMessage());
            return new Delivery(Delivery.Kind.TEMPORARY, 454,
                    "4.7.0 Your mailbox needs you to sign in to it again in Genjin (Settings, Mailboxes)");
        } catch (RuntimeException e) {
            log.warn("outbound user={} mailbox={}: no sign-in token now: {}", account.userId(), account.id(), e.toString());
            return new Delivery(Delivery.Kind.TEMPORARY, 451, "4.4.0 Could not get a sign-in token for your mailbox; "
                    + "trying again later");
        }
        return upstream.deliver(login, envelopeFrom, recipients, prepared);
    }

    private UpstreamLogin login(MailboxAccount account) {
        return new UpstreamLogin(account.smtp().host(), account.smtp().port(), account.smtp().security(),
                account.username(), mailboxes.accounts().secretOf(account), account.auth());
    }

    /** The message with its Message-ID (added when missing) and subject. */
    private Identified identify(RawMail raw) {
        Map<String, List<String>> headers;
        try (InputStream in = raw.open()) {
            headers = parser.headers(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String subject = first(headers, "subject");
        String id = first(headers, "message-id");
        if (id != null && id.replaceAll("[<>\\s]", "").contains("@")) {
            return new Identified(id.replaceAll("[<>\\s]", ""), subject, raw);
        }
        String derived = digest(raw).substring(0, 32) + ".genjin@" + hostname;
        byte[] header = ("Message-ID: <" + derived + ">\r\n").getBytes(StandardCharsets.US_ASCII);
        RawMail withId = new RawMail() {
            @Override
            public InputStream open() throws IOException {
                return new SequenceInputStream(new ByteArrayInputStream(header), raw.open());
            }

            @Override
            public long size() {
                return raw.size() < 0 ? -1 : raw.size() + header.length;
            }
        };
        return new Identified(derived, subject, withId);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0).trim();
    }

    /**
     * SHA-256 of the message without its Received fields: those carry the time of each hop (the
     * relay adds one), so the same message sent again by the client would otherwise hash differently.
     */
    private static String digest(RawMail raw) {
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(raw.open(),
                StandardCharsets.ISO_8859_1))) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            boolean header = true;
            boolean skipping = false;
            for (String line; (line = in.readLine()) != null; ) {
                if (header) {
                    if (line.isEmpty()) {
                        header = false;
                    } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                        if (skipping) {
                            continue;
                        }
                    } else {
                        skipping = line.regionMatches(true, 0, "Received:", 0, 9);
                        if (skipping) {
                            continue;
                        }
                    }
                }
                sha.update(line.getBytes(StandardCharsets.ISO_8859_1));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Identified(String messageId, String subject, RawMail raw) {
    }
}
