package io.genjin.classifier.bounce;

import io.genjin.classifier.text.AnyOf;
import io.genjin.classifier.text.Whitespace;
import io.genjin.classifier.Email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Non-standard delivery notices (qmail, Exchange, Domino, webmail providers): who failed is read from
 * the human-readable notice above the returned copy of the message.
 */
final class PlainBounceReader {

    /* RFC 3463 status, not part of an IP address or version number. */
    static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?!\\.?\\d)");
    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.:#/-])([245][0-5]\\d)(?=[ -]|$)(?![\\d.])", Pattern.MULTILINE);
    private static final AnyOf BOUNCE_SENDER = AnyOf.compile(
            "(?i)mailer[-_ ]?daemon|postmaster|mail ?delivery|delivery ?(status|subsystem|notification)|mail ?administrator|"
                    + "\\bmmdf\\b|mail ?system|nobody@|bounce|post_master");
    private static final AnyOf BOUNCE_SUBJECT = AnyOf.compile(String.join("|",
            "undeliver", "undelivered", "delivery (status notification|failure|failed|has failed|problem|notification|report|final failure)",
            "returned mail", "return(ed)? to sender", "failure notice", "mail delivery failed", "non[- ]?delivery", "could not be delivered",
            "not delivered", "nicht zustellbar", "unzustellbar", "non remis", "no (se )?(pudo|puede) entregar", "mail system error",
            "delivery error", "delivery warning", "warning: could not send", "delayed mail", "message delayed", "mail could not be delivered",
            "failed delivery", "delivery unsuccessful", "error sending message", "rejected", "permanent error", "mail error",
            "退信", "投递失败", "未送达", "无法投递", "無法投遞", "送信エラー", "配信エラー", "メールエラー", "未達", "returned e?mail",
            "delivery of your message", "message you sent", "nondeliverable", "unable to deliver", "mail failure",
            "failed mail", "delivery notification", "notificación de estado"), Pattern.CASE_INSENSITIVE);
    private static final AnyOf FAILURE_WORDS = AnyOf.compile(String.join("|",
            "could ?n[o']t be delivered", "undeliver", "delivery (to the following|has failed|failed|failure|problem)",
            "permanent(ly)? (error|fatal|failure)", "wasn't able to deliver", "was not able to deliver", "unable to deliver",
            "was not delivered", "were not delivered", "failed recipient", "not be delivered", "could not deliver", "couldn't deliver",
            "returned to (the )?sender", "delivery to .{0,80} failed", "message (was|could) not", "rejected", "bounced",
            "error", "failed", "no such", "unknown", "denied", "refused", "expired", "delay", "not delivered", "gave up",
            "giving up", "quota", "mailbox", "not a (valid|known)", "不存在", "失败", "退回", "エラー"), Pattern.CASE_INSENSITIVE);
    private static final AnyOf TEMPORARY = AnyOf.compile(String.join("|",
            "has been delayed", "delivery (is )?delayed", "not yet been delivered", "will (continue to )?(retry|try)",
            "still (trying|undelivered|be retried)", "delivery attempts will continue", "warning: message .{0,40}undelivered",
            "delay(ed)? (warning|notification|notice)", "temporar(y|ily) (failure|problem|deferred)"), Pattern.CASE_INSENSITIVE);
    private static final AnyOf PERMANENT = AnyOf.compile(
            "(?i)permanent|giving up|gave up|has been (returned|rejected)|could not be delivered|failed permanently|fatal");
    static final Pattern ORIGINAL_COPY = Pattern.compile(String.join("|",
            "(?im)^[ \\t]*[-=_*]{2,}.{0,20}(below this line|this is a copy|copy of (the|your) message|original message|returned message|"
                    + "message follows|header of the original|unsent message|undelivered message|message headers follow|included message|"
                    + "original (e-?mail|mail)|headers of the original)",
            "(?im)^[ \\t]*(original message follows|the original message was received|original message headers|"
                    + "\\[?original message\\]?|----- ?original message|your message (reads|was)[^\\n]{0,40}:\\s*$|"
                    + "below is a copy of the original message|a copy of the original message below)",
            "(?m)^(Return-Path|Received|DKIM-Signature|X-Received|MIME-Version|Content-Type): "), Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_LINE_WITH_ADDRESS = Pattern.compile(
            "(?im)^[ \\t>]*(from|sender|reply-to|return-path|message-id|references|in-reply-to|x-[a-z-]+|dkim-signature|received|by|id|envelope-from):.*$");
    private static final Pattern URL = Pattern.compile("(?i)(https?|mailto):[^\\s>\"]+|www\\.[^\\s>\"]+");
    private static final int BLOCK_LIMIT = 800;
    private static final Pattern TO_HEADER = Pattern.compile("(?im)^to:(.*)$");
    private static final Pattern FOLLOWING = Pattern.compile("(?i)following (recipients?|addresses?|users?)[^\\n]*:[ \\t]*\\n");
    private static final List<String> FAMILY_ORIGINALS = MtaFamilies.originalMarkers();
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*(re|aw|sv|vs|antw|回复|答复|回覆)\\s*[:：]");

    private PlainBounceReader() {
    }

    static boolean looksLikeBounce(Email email, Notice notice) {
        if (!email.header("x-failed-recipients").isBlank()) {
            return true;
        }
        boolean report = email.header("content-type").toLowerCase(Locale.ROOT).contains("multipart/report");
        // A null From ("<>") is what MTAs use for notices they must not get answers to (RFC 5321 §4.5.5).
        boolean nullSender = email.from().replaceAll("[<>\\s]", "").isEmpty() && email.header("return-path").strip().equals("<>");
        boolean sender = nullSender || BOUNCE_SENDER.foundIn(email.from());
        boolean subject = BOUNCE_SUBJECT.foundIn(email.subject());
        if (MtaFamilies.isNotice(email, notice.text())
                || (report || sender || subject) && MtaFamilies.hasNoticeSentence(email, notice.text())) {
            // A known MTA's own headers and notice sentences (or its notice under a bounce-like sender).
            return true;
        }
        if (!(report || sender || subject)) {
            return false;
        }
        String head = notice.head();
        if (!report && !sender) {
            // A person's "Re: delivery failed?" is not a bounce: subject-only evidence needs a machine trace too.
            boolean replyOrForward = REPLY_PREFIX.matcher(email.subject()).find();
            boolean machine = email.header("return-path").strip().equals("<>") || !email.header("auto-submitted").isBlank()
                    || STATUS.matcher(head).find() || head.length() < notice.text().length();
            if (replyOrForward || !machine) {
                return false;
            }
        }
        return FAILURE_WORDS.foundIn(head) || STATUS.matcher(head).find()
                || (sender && subject);
    }

    static Bounce read(Email email, Notice notice, String originalMessageId) {
        String head = notice.head();
        List<String> addresses = recipients(email, head);
        boolean temporary = TEMPORARY.foundIn(head) && !PERMANENT.foundIn(head);
        List<FailedRecipient> failed = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            String block = block(head, address, i + 1 < addresses.size() ? addresses.get(i + 1) : null);
            String status = firstMatch(STATUS, block);
            if (status.isEmpty() && addresses.size() == 1) {
                status = firstMatch(STATUS, head);
            }
            String diagnostic = block.isBlank() ? head : block;
            failed.add(recipient(address, status, diagnostic.length() < 40 && addresses.size() == 1 ? head : diagnostic,
                    temporary, block));
        }
        if (failed.isEmpty()) {
            // A notice with no readable recipient is still a bounce; the caller learns the reason at least.
            BounceReason reason = ReasonClassifier.classify(head, firstMatch(STATUS, head));
            failed.add(new FailedRecipient("", firstMatch(STATUS, head), firstMatch(REPLY_CODE, head), reason,
                    false, squash(head)));
        }
        return new Bounce(temporary ? Bounce.Kind.DELAYED : Bounce.Kind.FAILED, failed, originalMessageId);
    }

    static FailedRecipient recipient(String address, String status, String diagnostic, boolean temporary) {
        return recipient(address, status, diagnostic, temporary, "");
    }

    static FailedRecipient recipient(String address, String status, String diagnostic, boolean temporary, String context) {
        String text = squash(diagnostic);
        BounceReason reason = ReasonClassifier.classify(text, status, context);
        String replyCode = replyCode(text, status);
        boolean transientFailure = temporary || status.startsWith("4") || (status.isEmpty() && replyCode.startsWith("4"));
        if (status.isEmpty()) {
            status = ReasonClassifier.impliedStatus(reason, transientFailure);
        }
        boolean hard = reason.deadAddress() && !transientFailure;
        return new FailedRecipient(address, status, replyCode, reason, hard, text);
    }

    /** The notice text that mentions this address, for reports whose DSN part carries no diagnostic. */
    static String diagnosticNear(Notice notice, String address) {
        String head = notice.head();
        int at = head.toLowerCase(Locale.ROOT).indexOf(address);
        if (at < 0) {
            return "";
        }
        return head.substring(at, Math.min(head.length(), at + 400));
    }

    private static String replyCode(String text, String status) {
        Matcher m = REPLY_CODE.matcher(text);
        String first = "";
        while (m.find()) {
            if (first.isEmpty()) {
                first = m.group(1);
            }
            if (!status.isEmpty() && m.group(1).charAt(0) == status.charAt(0)) {
                return m.group(1);
            }
        }
        return first;
    }

    /** The human-readable part of the notice, before the returned copy of the original message. */
    static String head(String notice) {
        int end = originalCopyAt(notice);
        for (String marker : FAMILY_ORIGINALS) {
            int at = lineStart(notice, marker);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return notice.substring(0, end);
    }

    /**
     * Where the first match of ORIGINAL_COPY after the notice's first character starts (a match at 0 is
     * passed over, and the search goes on after it), else the notice's length: what {@code find()} in a
     * loop answers. Each of the pattern's forms opens with {@code ^} in multi-line mode, so a match starts
     * only where a line does; it is tried there alone (the bounds transparent and not anchoring, so that
     * {@code ^} reads the character before as it does in the whole text), not at every character of a
     * notice that can run to hundreds of lines.
     */
    static int originalCopyAt(String notice) {
        Matcher m = ORIGINAL_COPY.matcher(notice).useTransparentBounds(true).useAnchoringBounds(false);
        int p = 0;
        while (p < notice.length()) {
            m.region(p, notice.length());
            if (m.lookingAt()) {
                if (p > 0) {
                    return p;
                }
                // find() goes on after a match, from its end.
                p = m.end();
                if (p > 0 && !isLineBreak(notice.charAt(p - 1))) {
                    p = nextLineStart(notice, p);
                }
                continue;
            }
            p = nextLineStart(notice, p);
        }
        return notice.length();
    }

    /** The first position after {@code from} that follows a line terminator (as {@code ^} in multi-line mode knows them). */
    private static int nextLineStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (isLineBreak(text.charAt(i))) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /* Where a line starting (after blanks) with the marker begins, or -1. */
    private static int lineStart(String text, String marker) {
        int from = 0;
        while (true) {
            int at = text.indexOf(marker, from);
            if (at < 0) {
                return -1;
            }
            int lineBegin = text.lastIndexOf('\n', at - 1) + 1;
            if (text.substring(lineBegin, at).isBlank()) {
                return lineBegin;
            }
            from = at + 1;
        }
    }

    private static List<String> recipients(Email email, String head) {
        Set<String> result = new LinkedHashSet<>();
        for (String address : Addresses.in(email.header("x-failed-recipients"))) {
            result.add(address);
        }
        if (!result.isEmpty()) {
            return new ArrayList<>(result);
        }
        List<String> named = MtaFamilies.recipients(head);
        if (!named.isEmpty()) {
            return named;
        }
        Set<String> excluded = new LinkedHashSet<>();
        excluded.addAll(Addresses.in(email.header("to")));
        excluded.addAll(Addresses.in(email.header("from")));
        excluded.addAll(Addresses.in(email.header("reply-to")));
        excluded.addAll(Addresses.in(email.header("return-path")));
        String cleaned = URL.matcher(HEADER_LINE_WITH_ADDRESS.matcher(head).replaceAll("")).replaceAll(" ");
        cleaned = cleaned.replaceAll("(?i)\\bid <[^>]*>|message-id[^\\n]*", " ");
        for (String address : Addresses.in(cleaned)) {
            if (!excluded.contains(address) && !Addresses.isSystem(address)) {
                result.add(address);
            }
        }
        if (result.isEmpty()) {
            result.addAll(localPartsUnderList(email, head));
        }
        if (result.isEmpty()) {
            for (String type : List.of("message/rfc822", "text/rfc822-headers")) {
                for (Email.Part part : email.parts(type)) {
                    Matcher to = TO_HEADER.matcher(part.content());
                    if (to.find() && Addresses.in(to.group(1)).size() == 1) {
                        result.addAll(Addresses.in(to.group(1)));
                    }
                }
            }
        }
        return new ArrayList<>(result);
    }

    /**
     * AOL-style notices list bare mailbox names under "the following recipients:"; they belong to the
     * reporting domain (the notice's sender without its host part).
     */
    private static List<String> localPartsUnderList(Email email, String head) {
        List<String> found = new ArrayList<>();
        Matcher list = FOLLOWING.matcher(head);
        String sender = Addresses.first(email.from());
        if (!list.find() || sender.isEmpty()) {
            return found;
        }
        String domain = sender.substring(sender.indexOf('@') + 1);
        String[] labels = domain.split("\\.");
        if (labels.length > 2) {
            domain = labels[labels.length - 2] + "." + labels[labels.length - 1];
        }
        for (String line : head.substring(list.end()).split("\n")) {
            String token = line.strip();
            if (token.isEmpty()) {
                if (!found.isEmpty()) {
                    break;
                }
                continue;
            }
            if (!token.matches("[A-Za-z0-9._+-]{1,64}")) {
                break;
            }
            found.add(token.toLowerCase(Locale.ROOT) + "@" + domain);
        }
        return found;
    }

    private static String block(String head, String address, String next) {
        String lower = head.toLowerCase(Locale.ROOT);
        int start = lower.indexOf(address);
        if (start < 0) {
            return "";
        }
        int lineStart = lower.lastIndexOf('\n', start) + 1;
        int end = next == null ? -1 : lower.indexOf(next, start + address.length());
        if (end < 0) {
            end = Math.min(head.length(), start + BLOCK_LIMIT);
        } else {
            end = Math.max(lower.lastIndexOf('\n', end), start + address.length());
        }
        return head.substring(lineStart, end);
    }

    private static String firstMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    static String squash(String text) {
        return Whitespace.squash(text, 500);
    }
}
