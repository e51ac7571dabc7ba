package io.genjin.gateway.smtp;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.MailSource.Dropbox.Mode;
import io.genjin.gateway.smtp.KnownSenders.Sender;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One SMTP mail transaction at the dropbox. The rules, in the order a client meets them:
 * <ol>
 * <li>MAIL FROM names a Genjin user, else 550 5.7.1 (a declared SIZE= over the limit was already
 *     answered 552 by the server, which advertises the limit in EHLO);</li>
 * <li>each RCPT TO is a BCC or forward dropbox address, else 550 5.1.1: nothing is ever relayed;</li>
 * <li>DATA is kept in memory, or in a spool file when large ({@link SpooledMessage}), counted: over the limit is 552;</li>
 * <li>optionally, the From: header must be one of the sender's own addresses, else 550 5.7.1;</li>
 * <li>the message goes to the ingestion pipeline once per dropbox mode among the recipients, and
 *     250 is sent only after every call returned, since each returns only when the message is durable
 *     (with the other sessions' messages of its group: {@link GroupedIngestion}). A pipeline exception
 *     answers 451 and acknowledges nothing; the client retries, and the pipeline's Message-ID
 *     de-duplication makes the retry of a half-done BCC+forward store nothing twice.</li>
 * </ol>
 * One log line per transaction says what happened.
 */
final class DropboxTransaction implements MessageHandler {
    private static final Logger log = LoggerFactory.getLogger(DropboxTransaction.class);
    private final DropboxSettings settings;
    private final KnownSenders senders;
    private final MailIngestion ingestion;
    private final MessageContext context;
    private final String queueId;
    private final Map<Mode, Set<String>> recipients = new EnumMap<>(Mode.class);
    private String envelopeFrom;
    private Sender sender;
    private String outcome;

    DropboxTransaction(DropboxSettings settings, KnownSenders senders, MailIngestion ingestion,
            MessageContext context, String queueId) {
        this.settings = settings;
        this.senders = senders;
        this.ingestion = ingestion;
        this.context = context;
        this.queueId = queueId;
    }

    @Override
    public void from(String from) throws RejectException {
        envelopeFrom = from;
        sender = senders.find(from).orElse(null);
        if (sender == null) {
            throw refuse(Reply.notAUser(from), "-");
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        Mode mode = settings.modeOf(recipient).orElse(null);
        if (mode == null) {
            // Logged at debug only: a refused recipient is not the end of the transaction.
            log.debug("dropbox queue={} from=<{}> rcpt=<{}> refused: not a dropbox address", queueId, envelopeFrom,
                    recipient);
            throw Reply.noSuchDropbox(recipient).reject();
        }
        recipients.computeIfAbsent(mode, m -> new LinkedHashSet<>()).add(recipient.toLowerCase(Locale.ROOT));
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        long started = System.nanoTime();
        try (SpooledMessage message = SpooledMessage.receive(data, settings.spoolDir(), settings.maxMessageBytes())) {
            if (message.tooBig()) {
                throw refuseData(Reply.tooBig(settings.maxMessageBytes()), "-");
            }
            String headers = message.headers();
            String messageId = HeaderFields.messageId(headers);
            if (settings.requireHeaderFrom() && !ownAddresses(HeaderFields.from(headers))) {
                throw refuseData(Reply.headerFromMismatch(envelopeFrom), messageId);
            }
            List<String> results = new ArrayList<>();
            for (Map.Entry<Mode, Set<String>> entry : recipients.entrySet()) {
                IngestResult result;
                try {
                    result = ingestion.ingest(message.raw(), new MailSource.Dropbox(entry.getKey(),
                            sender.userId(), envelopeFrom, List.copyOf(entry.getValue())));
                } catch (RuntimeException e) {
                    log.warn("dropbox queue={} ingestion failed, answering 451", queueId, e);
                    throw refuseData(Reply.tryLater(), messageId);
                }
                results.add(entry.getKey() + ":" + result.outcome());
                messageId = result.messageId() == null ? messageId : result.messageId();
            }
            outcome = "accepted size=" + message.size() + " messageId=<" + messageId + "> " + String.join(",", results)
                    + " in " + (System.nanoTime() - started) / 1_000_000 + " ms";
            return "2.0.0 Ok: logged to the CRM as " + queueId;
        }
    }

    @Override
    public void done() {
        if (outcome != null) {
            log.info("dropbox queue={} from=<{}> user={} rcpt={} {}", queueId, envelopeFrom,
                    sender == null ? "-" : sender.userId(),
                    recipients.values().stream().flatMap(Set::stream).toList(), outcome);
        }
    }

    private boolean ownAddresses(List<String> headerFrom) {
        return !headerFrom.isEmpty() && sender.addresses().containsAll(headerFrom);
    }

    private RejectException refuse(Reply reply, String messageId) {
        outcome = "refused " + reply.code() + " messageId=<" + messageId + ">";
        return reply.reject();
    }

    /**
     * A refusal that also ends the transaction. SubEthaSMTP 7.2 keeps a transaction open after a DATA
     * reply other than 250, so the client's next MAIL would get "503 sender already specified";
     * ending it here gives the clean state RFC 5321 §4.1.1.4 promises after the end of data.
     */
    private RejectException refuseData(Reply reply, String messageId) {
        RejectException refusal = refuse(reply, messageId);
        if (context instanceof Session session) {
            session.resetMailTransaction();
        }
        return refusal;
    }
}
