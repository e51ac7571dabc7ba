package io.genjin.gateway.relay;

import io.genjin.gateway.MailSource.Sent.Via;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.smtp.SpooledMessage;
import io.genjin.store.user.User;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One mail transaction at the relay. The server itself refuses everything before STARTTLS and AUTH
 * (530); what is left, in the order a client meets it:
 * <ol>
 * <li>MAIL FROM must be one of the signed-in user's own addresses, else 553 5.7.1;</li>
 * <li>RCPT TO may be anyone (the user is known and accountable); syntax only;</li>
 * <li>DATA is spooled to disk, counted: over the limit is 552; the From: header must be the user's
 *     own address too, else 553 5.7.1 (no sending as a colleague);</li>
 * <li>the message goes to {@link OutboundSender}; the client gets 250 only once the user's upstream
 *     server accepted it, and otherwise the upstream's own code and text.</li>
 * </ol>
 */
final class RelayTransaction implements MessageHandler {
    private static final Logger log = LoggerFactory.getLogger(RelayTransaction.class);
    private final RelaySettings settings;
    private final RelayLogin login;
    private final OutboundSender sender;
    private final MessageContext context;
    private final List<String> recipients = new ArrayList<>();
    private User user;
    private String envelopeFrom;

    RelayTransaction(RelaySettings settings, RelayLogin login, OutboundSender sender, MessageContext context) {
        this.settings = settings;
        this.login = login;
        this.sender = sender;
        this.context = context;
    }

    @Override
    public void from(String from) throws RejectException {
        user = login.userOf(context).orElseThrow(() -> new RejectException(530, "5.7.0 Authentication required"));
        String address = from == null ? "" : from.trim().toLowerCase(Locale.ROOT);
        if (!user.addresses().contains(address)) {
            log.info("relay user={} MAIL FROM:<{}> refused: not one of {}", user.id(), address, user.addresses());
            throw new RejectException(553, "5.7.1 <" + address + ">: sender address is not one of your own ("
                    + String.join(", ", user.addresses()) + ")");
        }
        envelopeFrom = address;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        String address = recipient == null ? "" : recipient.trim().toLowerCase(Locale.ROOT);
        if (!address.matches("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+")) {
            throw new RejectException(501, "5.1.3 <" + address + ">: not a valid address");
        }
        recipients.add(address);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        try (SpooledMessage message = SpooledMessage.receive(data, settings.spoolDir(), settings.maxMessageBytes())) {
            if (message.tooBig()) {
                throw endWith(new RejectException(552, "5.3.4 Message too big for the relay (limit "
                        + settings.maxMessageBytes() + " bytes)"));
            }
            List<String> headerFrom = headerFrom(message);
            if (headerFrom.isEmpty() || !user.addresses().containsAll(headerFrom)) {
                throw endWith(new RejectException(553, "5.7.1 The From: header " + headerFrom
                        + " is not one of your own addresses"));
            }
            SendResult result;
            try {
                result = sender.send(new Submission(user.id(), Via.RELAY, envelopeFrom, recipients,
                        message.raw()));
            } catch (RuntimeException e) {
                // The store is unreachable, say: nothing was acknowledged, the client keeps the message.
                log.warn("relay user={} from=<{}> failed, answering 451", user.id(), envelopeFrom, e);
                throw endWith(new RejectException(451, "4.3.0 Temporary failure: the message was not sent; please"
                        + " try again later"));
            }
            if (result.accepted()) {
                return result.reply();
            }
            throw endWith(new RejectException(result.code(), result.reply()));
        }
    }

    private List<String> headerFrom(SpooledMessage message) throws IOException {
        Map<String, List<String>> headers;
        try (InputStream in = message.raw().open()) {
            headers = new MailParser().headers(in);
        }
        // An entry without an address (a bare name, a broken encoded word) is not one of the user's
        // addresses either: kept as "", it fails the check instead of being skipped.
        return headers.getOrDefault("from", List.of()).stream().flatMap(v -> MailParser.addresses(v).stream())
                .map(ParsedMail.Address::address).map(a -> a == null ? "" : a.toLowerCase(Locale.ROOT)).toList();
    }

    /** SubEthaSMTP keeps the transaction open after a refused DATA; RFC 5321 §4.1.1.4 says it ended. */
    private RejectException endWith(RejectException refusal) {
        if (context instanceof Session session) {
            session.resetMailTransaction();
        }
        return refusal;
    }

    @Override
    public void done() {
    }
}
