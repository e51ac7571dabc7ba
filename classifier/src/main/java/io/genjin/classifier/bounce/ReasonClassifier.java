package io.genjin.classifier.bounce;

import io.genjin.classifier.text.AnyOf;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps a remote server's diagnostic text and status code to a {@link BounceReason}.
 *
 * <p>Text first, status second: MTAs often send a generic status (5.0.0, or 5.1.1 for a full
 * mailbox), but their words are specific. The phrase lists are checked in the declared order, so a
 * "user unknown" that mentions a blocklist URL in passing is still an unknown user.
 */
final class ReasonClassifier {

    private record Rule(BounceReason reason, AnyOf phrases) {
    }

    private static final List<Rule> PHRASES = new ArrayList<>();
    private static final Pattern AFTER_DATA = Pattern.compile("(?i)after end of data|end of data command|after data\\b|smtp command data");

    static {
        // Our own sender or domain was refused (5.1.7/5.1.8, "after MAIL FROM"): the recipient is fine.
        rule(BounceReason.POLICY, "sender (address )?rejected", "domain of sender address", "after mail from",
                "sender (domain|address) (does not exist|must resolve|not found)", "bad sender", "sender verify failed");
        // A disabled or suspended account may come back; it is not (yet) a dead address.
        rule(BounceReason.OTHER, "(account|mailbox|user)( has been| is)? (disabled|suspended|deactivated|inactive|locked|frozen)",
                "suspended", "temporarily (disabled|deactivated)");
        rule(BounceReason.MAILBOX_FULL, String.join("|",
                "mailbox (is |was )?full", "mail ?box.{0,30}(full|exceeded|over)", "over ?quota", "quota",
                "exceed(ed|s)? (the |his |her |their )?(storage|mailbox)", "insufficient (disk|storage) space for",
                "too much mail", "full mailbox", "mailfolder is full", "postfach.{0,20}voll", "boite.{0,10}pleine",
                "out of storage", "not enough (space|storage)", "size limit.{0,30}mailbox", "user has exceeded",
                "account is full", "storage (space )?(limit|full)", "mail ?box size limit"));
        rule(BounceReason.HOST_UNKNOWN, String.join("|",
                "host (or domain name )?(not found|unknown)", "unknown host", "domain (not found|does not exist|unknown|name not found)",
                "no such domain", "name or service not known", "unrouteable mail domain", "no mx ", "mx (record|lookup)",
                "host not found", "dns (error|lookup fail)", "nodename nor servname", "unknown domain",
                "domain.{0,20}(isn't|is not|does not) (exist|accept)", "does not accept (e-?)?mail", "null mx",
                "non-existent domain", "bad destination system address", "could not be resolved",
                "no route to host"));
        rule(BounceReason.USER_UNKNOWN, String.join("|",
                "user unknown", "unknown user", "no such (user|recipient|mailbox|account|address|person)", "user not found",
                "user.{0,20}does ?n[o']t exist", "recipient (not found|unknown|does not exist|invalid)",
                "unknown (local[- ]part|recipient|address|mailbox)", "mailbox (not found|unavailable|does not exist|not available|is inactive)",
                "does not exist", "doesn't exist", "not a (known|valid) (user|mailbox|recipient)", "no mail ?box",
                "invalid (recipient|mailbox|address|user)", "address rejected", "not our customer", "unrouteable address",
                "no longer (on server|available|valid|active|in use|exists)", "addressee unknown", "bad destination mailbox",
                "nie istnieje", "account.{0,30}(does not exist|not exist|closed)", "address couldn't be found", "doesn't have an? .{0,30}account",
                "recipientnotfound", "user.{0,10}(not|isn't) (found|listed)", "no account by that name",
                "unknown or illegal alias", "not listed in", "undeliverable address", "mailbox has been (disabled|removed)",
                "has moved", "address (changed|has changed)", "no (valid )?recipients?", "unknown to this (system|server)"));
        rule(BounceReason.EXPIRED, String.join("|",
                "retry (time|timeout).{0,40}(exceeded|reached)", "message (has )?expired", "expired", "too long in (the )?queue",
                "giving up", "gave up", "delivery time", "could not be delivered (within|for) \\d", "timed? ?out.{0,40}(queue|giving)",
                "been undeliverable for", "maximum time", "deferred.{0,30}too long", "was not delivered within",
                "been failing for a long time", "will be retried", "not going to try again", "in the queue too long",
                "did not accept our requests to connect", "connection timed out", "establish an smtp connection",
                "has been in the queue"));
        rule(BounceReason.BLOCKED_SPAM, String.join("|",
                "spam", "junk", "black ?list", "block ?list", "blocked", "dnsbl", "\\brbl\\b", "listed (at|on|in)", "reputation",
                "virus", "malware", "reverse dns", "\\bptr\\b", "poor reputation", "bulk mail", "content (rejected|filter)",
                "message (content )?rejected", "filtered", "suspicious", "abuse", "not accepted due to",
                "\\bube\\b", "unsolicited", "unwanted (messages|mail|e-?mail)", "banned sending ip",
                "use the smtp server of your isp", "dynamic ip", "dial-?up"));
        rule(BounceReason.POLICY, String.join("|",
                "polic(y|ies)", "relay(ing)? (denied|not permitted|access denied|not allowed)", "not permitted", "\\bspf\\b",
                "dkim", "dmarc", "authenticat", "too (large|big)", "size (exceeds|limit)", "message size", "\\btls\\b",
                "sender (address )?rejected", "access denied", "not authori[sz]ed", "rate limit", "too many",
                "rejected", "refused", "denied", "not allowed"));
    }

    private ReasonClassifier() {
    }

    private static void rule(BounceReason reason, String... phrases) {
        PHRASES.add(new Rule(reason, AnyOf.compile(String.join("|", phrases), Pattern.CASE_INSENSITIVE)));
    }

    static BounceReason classify(String diagnostic, String status) {
        return classify(diagnostic, status, "");
    }

    /** @param context the notice text around the recipient, which may say at which SMTP stage it failed */
    static BounceReason classify(String diagnostic, String status, String context) {
        String text = diagnostic == null ? "" : diagnostic;
        BounceReason reason = byPhrases(text, status);
        // A server that accepted RCPT and refused only after DATA is filtering content; its
        // "user unknown" is a polite lie, not proof the address is dead (sisimai's "filtered").
        if (reason == BounceReason.USER_UNKNOWN && (AFTER_DATA.matcher(text).find() || AFTER_DATA.matcher(context).find())) {
            return BounceReason.BLOCKED_SPAM;
        }
        return reason;
    }

    private static BounceReason byPhrases(String text, String status) {
        java.util.Optional<BounceReason> family = MtaFamilies.reason(text);
        if (family.isPresent()) {
            return family.get();
        }
        for (Rule rule : PHRASES) {
            if (rule.phrases().foundIn(text)) {
                return rule.reason();
            }
        }
        return byStatus(status);
    }

    /** RFC 3463 subject/detail codes, for reports that carry a status and no telling words. */
    static BounceReason byStatus(String status) {
        if (status == null || status.length() < 5) {
            return BounceReason.OTHER;
        }
        String detail = status.substring(2);
        return switch (detail) {
            case "1.1", "1.0", "1.6", "1.3" -> BounceReason.USER_UNKNOWN;
            case "1.2", "4.4", "1.10" -> BounceReason.HOST_UNKNOWN;
            case "2.2", "3.1" -> BounceReason.MAILBOX_FULL;
            case "4.7" -> BounceReason.EXPIRED;
            case "7.1", "7.0", "7.606", "7.2" -> BounceReason.BLOCKED_SPAM;
            case "7.5", "7.7", "7.8", "7.9", "7.26", "7.23", "7.25", "3.4", "2.3", "5.3", "7.3" -> BounceReason.POLICY;
            default -> BounceReason.OTHER;
        };
    }

    /** The status a reason implies when the report carries none (keeps the field useful downstream). */
    static String impliedStatus(BounceReason reason, boolean temporary) {
        String cls = temporary ? "4" : "5";
        return switch (reason) {
            case USER_UNKNOWN -> cls + ".1.1";
            case HOST_UNKNOWN -> cls + ".1.2";
            case MAILBOX_FULL -> cls + ".2.2";
            case EXPIRED -> "4.4.7";
            default -> "";
        };
    }
}
