package io.genjin.classifier.autoreply;

import io.genjin.classifier.text.AnyOf;
import io.genjin.classifier.Email;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Recognises automatic replies, strongest evidence first:
 * <ol>
 *   <li>headers: RFC 3834 {@code Auto-Submitted: auto-replied}, {@code X-Autoreply}, {@code X-Autorespond},
 *       {@code Precedence: auto_reply}, Exchange's {@code X-MS-Exchange-Generated-Message-Source}/OOF markers;</li>
 *   <li>challenge-response wording (Boxbe, SpamArrest, "verify you are human");</li>
 *   <li>an out-of-office subject in one of the corpora languages;</li>
 *   <li>an out-of-office body, only for short messages (a long letter mentioning a holiday is not one).</li>
 * </ol>
 * Callers check bounces first: MTAs mark their notices {@code auto-replied} too.
 */
public final class AutoReplyDetector {

    private static final AnyOf OOO_SUBJECT = AnyOf.compile(String.join("|",
            "auto(matic|matisch|mated)?[- ]?(reply|response|answer|antwort|antwoord)", "autoreply", "auto:",
            "out of (the )?office", "\\booo\\b", "on vacation", "on holiday", "on leave", "vacation (reply|message|notice)",
            "away from (the )?office", "abwesen", "nicht im büro", "urlaub", "respuesta autom", "fuera de la oficina",
            "ausente", "réponse automatique", "absent", "absence", "автоматический ответ", "автоответ", "нет на месте",
            "в отпуске", "resposta automática", "fora do escritório", "risposta automatica", "fuori (ufficio|sede)",
            "afwezig", "autosvar", "frånvaro", "fravær", "odpowiedź automatyczna", "automatyczna odpowied", "nieobecn", "otomatik yanıt",
            "自动回复", "自動回覆", "自動回复", "自动答复", "自動応答", "自动应答", "休假", "不在办公室", "不在辦公室",
            "外出", "不在", "请假", "放假", "ausência", "rückantwort"));
    private static final AnyOf OOO_BODY = AnyOf.compile(String.join("|",
            "(i am|i'm|i will be|i'll be|currently) (currently )?(out of (the )?office|away|on (annual |parental |sick )?leave|"
                    + "on vacation|on holiday|travell?ing|on a business trip|attending)",
            "out of (the )?office (until|from|and|till|through)", "limited (access to )?(e-?mail|internet)",
            "will (be back|return) (on|in|to the office)", "back in the office", "this is an auto(matic|mated)?[- ]?(reply|response|generated)",
            "auto(matic|mated)? (reply|response)", "ich bin (bis|vom|ab|derzeit|zurzeit)", "abwesend", "nicht im büro",
            "estoy fuera", "estaré fuera", "estaré de vacaciones", "je suis absent", "je serai absent", "en congés",
            "я (в отпуске|нахожусь в отпуске|отсутствую)", "estou (fora|de férias|ausente)", "sono fuori",
            "休假", "不在办公室", "出差", "外出", "自动回复", "将于.{0,20}(返回|回来|回到)", "期间.{0,20}(无法|不能)",
            "休暇", "不在にして"));
    private static final AnyOf CHALLENGE = AnyOf.compile(String.join("|",
            "boxbe", "spamarrest", "mailblocks", "qurb", "requires confirmation", "confirm (that )?you are (a )?(human|real)", "sender verification", "verify (that )?you are (a )?human",
            "(verify|confirm) your (e-?mail|message|identity)", "approved senders?", "whitelist",
            "guest list", "challenge[- ]response", "to (complete|ensure) (the )?delivery of your (e-?mail|message)",
            "your (e-?mail|message) (is|has been) (being )?(held|quarantined|queued) (until|pending)",
            "i use .{0,40} to (protect|fight|block)", "click (on )?the (link|button) below to (verify|confirm|deliver)"),
            0);
    private static final int SHORT_BODY = 1_200;
    private static final AnyOf ACKNOWLEDGEMENT = AnyOf.compile(String.join("|",
            "thank you for (your|contacting)", "thanks for (your|contacting)", "we (have )?received your", "has been received",
            "will (get back|respond|reply) to you", "this is an automated", "do not reply to this", "感谢您的来信", "已收到您的"),
            0);

    public AutoReply detect(Email email, String text, LocalDate sentOn) {
        return detect(email, text, () -> sentOn);
    }

    /** @param sentOn the message date, asked for only when a return date has to be placed in a year */
    public AutoReply detect(Email email, String text, Supplier<LocalDate> sentOn) {
        // The phrase patterns are written in lower case and matched against lower-cased text: Unicode
        // case-insensitive alternations are several times slower.
        String subject = lower(email.subject());
        String body = lower(text);
        boolean headerSays = autoHeaders(email);
        // Long letters are never judged by their body alone, so scanning them would be wasted work.
        boolean bodyCounts = headerSays || body.length() < SHORT_BODY;
        boolean challengeSender = CHALLENGE.foundIn(lower(email.from()))
                || email.parts("message/delivery-status").stream().anyMatch(p -> CHALLENGE.foundIn(lower(p.content())));
        if (challengeSender || CHALLENGE.foundIn(subject)
                || ((headerSays || body.length() < 4_000) && CHALLENGE.foundIn(body))) {
            // Boxbe answers with "Re: <your subject>", so a known challenge service outranks the reply prefix.
            if (challengeSender || !looksLikeOrdinaryMail(email)) {
                return new AutoReply(AutoReply.Kind.CHALLENGE_RESPONSE, Optional.empty());
            }
        }
        if (OOO_SUBJECT.foundIn(subject) || bodyCounts && OOO_BODY.foundIn(body)) {
            return new AutoReply(AutoReply.Kind.OUT_OF_OFFICE, ReturnDates.find(body, sentOn.get()));
        }
        if (headerSays || bulkAcknowledgement(email, body)) {
            return new AutoReply(AutoReply.Kind.AUTO_REPLY, ReturnDates.find(body, sentOn.get()));
        }
        return AutoReply.NONE;
    }

    /** Challenge-response wording ("verify you are human", approved-senders lists); bounce reading defers to it. */
    public static boolean isChallenge(String subject, String body) {
        String b = lower(body);
        // Challenge notices are short; their wording is in the first few kilobytes.
        return CHALLENGE.foundIn(lower(subject)) || CHALLENGE.foundIn(b.length() > 4_000 ? b.substring(0, 4_000) : b);
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    /** RFC 3834 §5 and the de-facto headers of Exchange, qmail's autoresponder and vacation(1). */
    static boolean autoHeaders(Email email) {
        String autoSubmitted = email.header("auto-submitted").toLowerCase(Locale.ROOT);
        if (autoSubmitted.startsWith("auto-replied")) {
            return true;
        }
        String precedence = email.header("precedence").toLowerCase(Locale.ROOT);
        return !email.header("x-autoreply").isBlank() || !email.header("x-autorespond").isBlank()
                || !email.header("x-autoresponder").isBlank() || !email.header("x-vacation").isBlank()
                || precedence.contains("auto_reply") || precedence.contains("auto-reply")
                || email.header("x-ms-exchange-generated-message-source").toLowerCase(Locale.ROOT).contains("oof")
                || email.header("x-auto-response-suppress").toLowerCase(Locale.ROOT).contains("oof")
                   && !email.header("in-reply-to").isBlank() && autoSubmitted.startsWith("auto");
    }

    /**
     * Auto-acknowledgements that set only {@code Precedence: bulk/junk} (older autoresponders): the
     * header alone also marks newsletters, so the words must say "we received your message".
     */
    private static boolean bulkAcknowledgement(Email email, String body) {
        String precedence = email.header("precedence").toLowerCase(Locale.ROOT);
        if (!(precedence.contains("bulk") || precedence.contains("junk"))) {
            return false;
        }
        return ACKNOWLEDGEMENT.foundIn(lower(email.subject()))
                || body.length() < SHORT_BODY && ACKNOWLEDGEMENT.foundIn(lower(body));
    }

    /** A person's reply that quotes a challenge notice is not itself a challenge. */
    private static boolean looksLikeOrdinaryMail(Email email) {
        String subject = email.subject().toLowerCase(Locale.ROOT);
        return subject.startsWith("re:") && email.header("auto-submitted").isBlank() && !autoHeaders(email);
    }
}
