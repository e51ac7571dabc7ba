package io.genjin.store.linking;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises bulk and automated mail before anything is created from it. The signals, in the order
 * they are tried (the first one found is the reason recorded):
 * <ol>
 * <li>the classifier read a bounce or an auto-reply;
 * <li>mailing-list and bulk headers: {@code List-Unsubscribe}, {@code List-Id} (RFC 2369, 2919),
 * {@code Precedence: bulk|list|junk}, {@code Auto-Submitted} other than {@code no} (RFC 3834),
 * {@code Feedback-ID} (the bulk senders' feedback loop), and a {@code multipart/report} (RFC 6522:
 * delivery, read-receipt and abuse reports);
 * <li>an email service provider's infrastructure in {@code Return-Path} or a DKIM {@code d=} that is
 * not the From domain (mail sent on someone's behalf by SendGrid, SES, Mailchimp …);
 * <li>a role local part that no person writes from: no-reply, mailer-daemon, postmaster, notifications …;
 * <li>a platform or service domain from {@link AutomatedSenders};
 * <li>the classifier read a system's wording in the text ("do not reply to this message").
 * </ol>
 * The result is a reason code a person can read ({@code list-unsubscribe}, {@code precedence:bulk},
 * {@code esp:sendgrid.net}, {@code role:noreply}, {@code platform:alibaba.com} …).
 */
final class AutomatedMail {
    private static final Pattern ROLE = Pattern.compile(
            "(.*no[-_.]?reply.*|do[-_.]?not[-_.]?reply.*|mailer[-_.]?daemon|post[-_.]?master|hostmaster|bounces?|notifications?|notify|"
                    + "newsletters?|news|alerts?|automailer|auto[-_.]?(reply|responder|confirm|mail)|daemon|edm|promotions?|"
                    + "unsubscribe|listserv|majordomo)([-_.+].*)?"
                    // Mailing-list managers' addresses (Mailman, Majordomo): owner-x, x-request, x-bounces, x-admin.
                    + "|owner-.+|.+-(owner|request|bounces?|admin)");
    private static final Pattern DKIM_DOMAIN = Pattern.compile("(?:^|;)\\s*d\\s*=\\s*([^;\\s]+)");
    private static final Pattern ANGLE = Pattern.compile("<([^>]*)>");
    private static final Pattern REPORT_TYPE = Pattern.compile("report-type\\s*=\\s*\"?([a-z-]+)");
    private final AutomatedSenders senders;

    AutomatedMail(AutomatedSenders senders) {
        this.senders = senders;
    }

    /** Why this message from an outside sender is machine mail, or empty for a person's mail. */
    Optional<String> reason(LinkRequest request) {
        if (request.machine().bounce()) {
            return Optional.of("bounce");
        }
        if (request.machine().autoReply()) {
            return Optional.of("auto-reply");
        }
        if (request.header("list-unsubscribe") != null) {
            return Optional.of("list-unsubscribe");
        }
        if (request.header("list-id") != null) {
            return Optional.of("list-id");
        }
        String precedence = lower(request.header("precedence"));
        if (precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk")) {
            return Optional.of("precedence:" + precedence);
        }
        String autoSubmitted = lower(request.header("auto-submitted"));
        if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
            return Optional.of("auto-submitted:" + autoSubmitted.split("[;\\s]")[0]);
        }
        if (request.header("feedback-id") != null) {
            return Optional.of("feedback-id");
        }
        // RFC 6522: delivery, disposition (read receipts) and feedback (ARF) reports are written by machines.
        String contentType = lower(request.header("content-type"));
        if (contentType.startsWith("multipart/report")) {
            Matcher type = REPORT_TYPE.matcher(contentType);
            return Optional.of("report:" + (type.find() ? type.group(1) : "unknown"));
        }
        String fromDomain = request.from() == null ? null : request.from().domain();
        Optional<String> esp = esp(request, fromDomain);
        if (esp.isPresent()) {
            return esp;
        }
        Optional<String> sender = request.from() == null ? Optional.empty() : sender(request.from().address());
        return sender.isPresent() || !request.machine().notice() ? sender : Optional.of("notice-text");
    }

    /** Why an address is no person's (a role local part or a platform domain), or empty. */
    Optional<String> sender(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        if (ROLE.matcher(local.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of("role:" + local);
        }
        String domain = MailDomains.domainOf(address);
        String platform = senders.platform(domain);
        if (platform == null) {
            // Mail from an email service provider's own domain is that service's notice.
            platform = senders.esp(domain);
        }
        return platform == null ? Optional.empty() : Optional.of("platform:" + platform);
    }

    boolean isPlatform(String domain) {
        return senders.platform(domain) != null;
    }

    private Optional<String> esp(LinkRequest request, String fromDomain) {
        String returnPath = request.header("return-path");
        if (returnPath != null) {
            Matcher m = ANGLE.matcher(returnPath);
            String path = m.find() ? m.group(1) : returnPath.trim();
            Optional<String> found = espOtherThan(MailDomains.domainOf(path), fromDomain);
            if (found.isPresent()) {
                return found;
            }
        }
        for (String signature : request.headers().getOrDefault("dkim-signature", List.of())) {
            Matcher m = DKIM_DOMAIN.matcher(signature);
            while (m.find()) {
                Optional<String> found = espOtherThan(m.group(1), fromDomain);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> espOtherThan(String domain, String fromDomain) {
        String esp = senders.esp(domain);
        if (esp == null || fromDomain != null && (fromDomain.equals(esp) || fromDomain.endsWith("." + esp))) {
            return Optional.empty();
        }
        return Optional.of("esp:" + esp);
    }

    private static String lower(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
