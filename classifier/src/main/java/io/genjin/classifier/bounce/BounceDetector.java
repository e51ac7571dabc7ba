package io.genjin.classifier.bounce;

import io.genjin.classifier.Email;
import io.genjin.classifier.autoreply.AutoReplyDetector;
import io.genjin.classifier.text.HtmlText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads delivery reports, in this order:
 * <ol>
 *   <li>ARF feedback reports (RFC 5965) are complaints, not bounces;</li>
 *   <li>RFC 3464 DSNs: the machine-readable part decides, the human part only fills in the diagnostic;</li>
 *   <li>non-standard MTA notices (qmail, Exchange, Domino, webmail providers): a bounce-looking sender or
 *       subject plus a failure notice naming recipients, read by {@link PlainBounceReader}.</li>
 * </ol>
 */
public final class BounceDetector {

    private static final Pattern RECIPIENT_FIELD = Pattern.compile("(?im)^(final|original)-recipient:");
    private static final Pattern ACTION_FIELD = Pattern.compile("(?im)^(action|status):");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^\\s*message-id:\\s*(<[^>\\s]+>|\\S+)");

    public Bounce detect(Email email) {
        return detect(email, noticeText(email));
    }

    /** {@link #detect(Email)} with the message's {@link #noticeText} already worked out (an HTML body's text is not cheap). */
    public Bounce detect(Email email, String text) {
        if (isFeedbackReport(email)) {
            return new Bounce(Bounce.Kind.FEEDBACK, List.of(), originalMessageId(email, ""));
        }
        if (!email.header("x-amz-sns-message-id").isBlank() || text.stripLeading().startsWith("{")) {
            java.util.Optional<Bounce> ses = SesNotification.read(email, text);
            if (ses.isPresent()) {
                return ses.get();
            }
        }
        Notice notice = new Notice(text);
        List<Email.Part> dsn = new ArrayList<>(email.parts("message/delivery-status"));
        dsn.addAll(email.parts("message/global-delivery-status"));
        if (dsn.isEmpty() && !PlainBounceReader.looksLikeBounce(email, notice)) {
            return Bounce.NONE;
        }
        String reports = String.join("\n", dsn.stream().map(Email.Part::content).toList());
        if (AutoReplyDetector.isChallenge(email.from(), notice.head() + "\n" + reports)) {
            // Boxbe and friends dress their "verify you are human" request up as a DSN.
            return Bounce.NONE;
        }
        if (!dsn.isEmpty()) {
            Bounce fromDsn = fromDsn(email, dsn, notice);
            if (fromDsn != null) {
                return fromDsn;
            }
            if (!PlainBounceReader.looksLikeBounce(email, notice)) {
                return Bounce.NONE;
            }
        }
        Bounce embedded = fromEmbeddedDsn(email, notice);
        if (embedded != null) {
            return embedded;
        }
        return PlainBounceReader.read(email, notice, originalMessageId(email, text));
    }

    private static boolean isFeedbackReport(Email email) {
        String type = email.header("content-type").toLowerCase(Locale.ROOT);
        return type.contains("feedback-report") || !email.parts("message/feedback-report").isEmpty();
    }

    static String noticeText(Email email) {
        String text = email.text();
        if (text.isBlank() && !email.html().isBlank()) {
            text = HtmlText.toText(email.html());
        }
        return text;
    }

    private Bounce fromDsn(Email email, List<Email.Part> parts, Notice notice) {
        List<FailedRecipient> failed = new ArrayList<>();
        boolean delayed = false;
        boolean anyRecipient = false;
        String reportingStatus = "";
        for (Email.Part part : parts) {
            for (Map<String, String> group : DeliveryStatusFields.groups(part.content())) {
                String address = Addresses.first(DeliveryStatusFields.typed(
                        group.getOrDefault("final-recipient", group.getOrDefault("original-recipient", ""))));
                if (address.isEmpty()) {
                    continue;
                }
                anyRecipient = true;
                String action = group.getOrDefault("action", "").toLowerCase(Locale.ROOT);
                String rawStatus = group.getOrDefault("status", "").strip();
                if (action.startsWith("delivered") || action.startsWith("relayed") || action.startsWith("expanded")
                        || action.startsWith("deliverable") || rawStatus.startsWith("2.")) {
                    // "deliverable" is an address verification (sendmail -bv), and a 2.x.x status is a success.
                    continue;
                }
                String status = statusCode(group.getOrDefault("status", ""));
                boolean isDelayed = action.startsWith("delayed");
                delayed |= isDelayed;
                String diagnostic = DeliveryStatusFields.typed(group.getOrDefault("diagnostic-code", ""));
                if (diagnostic.isBlank()) {
                    diagnostic = PlainBounceReader.diagnosticNear(notice, address);
                }
                status = refine(status, diagnostic);
                failed.add(PlainBounceReader.recipient(address, status, diagnostic, isDelayed,
                        PlainBounceReader.diagnosticNear(notice, address)));
                reportingStatus = status;
            }
        }
        if (!anyRecipient) {
            return null;
        }
        String originalId = originalMessageId(email, notice.text());
        if (failed.isEmpty()) {
            return new Bounce(Bounce.Kind.DELIVERED, List.of(), originalId);
        }
        boolean allDelayed = delayed && failed.stream().allMatch(r -> !r.hard() && r.status().startsWith("4"));
        return new Bounce(allDelayed ? Bounce.Kind.DELAYED : Bounce.Kind.FAILED, dedupe(failed), originalId);
    }

    /** Some MTAs paste the DSN fields into the text body instead of a delivery-status part. */
    private Bounce fromEmbeddedDsn(Email email, Notice notice) {
        if (!RECIPIENT_FIELD.matcher(notice.text()).find() || !ACTION_FIELD.matcher(notice.text()).find()) {
            return null;
        }
        return fromDsn(email, List.of(new Email.Part("message/delivery-status", notice.text())), notice);
    }

    private static List<FailedRecipient> dedupe(List<FailedRecipient> recipients) {
        List<FailedRecipient> unique = new ArrayList<>();
        for (FailedRecipient r : recipients) {
            if (unique.stream().noneMatch(u -> u.address().equals(r.address()))) {
                unique.add(r);
            }
        }
        return unique;
    }

    /**
     * Many MTAs put a generic status (5.0.0) in the DSN but the remote server's exact one in the
     * diagnostic ("550 5.7.1 blocked"); the remote's is the better answer when the class agrees.
     */
    static String refine(String status, String diagnostic) {
        String specific = statusCode(diagnostic);
        if (specific.isEmpty() || specific.endsWith(".0.0")) {
            return status;
        }
        if (status.isEmpty() || status.endsWith(".0.0") && status.charAt(0) == specific.charAt(0)) {
            return specific;
        }
        return status;
    }

    static String statusCode(String value) {
        Matcher m = PlainBounceReader.STATUS.matcher(value);
        return m.find() ? m.group(1) : "";
    }

    /** The bounced message's id: from the returned message or headers part, else from the quoted copy in the text. */
    static String originalMessageId(Email email, String notice) {
        for (String type : List.of("message/rfc822", "text/rfc822-headers", "message/rfc822-headers")) {
            for (Email.Part part : email.parts(type)) {
                Matcher m = MESSAGE_ID.matcher(part.content());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        String own = email.header("message-id");
        Matcher m = MESSAGE_ID.matcher(notice);
        while (m.find()) {
            if (!m.group(1).equals(own)) {
                return m.group(1);
            }
        }
        return "";
    }
}
