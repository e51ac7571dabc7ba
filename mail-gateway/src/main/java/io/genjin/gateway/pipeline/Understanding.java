package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.ParsedMail;
import io.genjin.store.message.MailReading;
import java.time.LocalDate;
import java.util.List;

/**
 * What the classifier makes of a message. The gateway asks through this port only; until the
 * classifier module is wired in (by the app) nothing is understood.
 */
@FunctionalInterface
public interface Understanding {
    Understanding NONE = mail -> Result.NOTHING;

    Result understand(ParsedMail mail);

    /**
     * Tone, dissatisfaction and topics of a customer's own words, asked only for inbound mail linked to a
     * customer that is neither a bounce nor an auto-reply; null when nothing reads it.
     *
     * @param understood what {@link #understand} said of the message (its intent is carried over)
     * @param visibleText the new text, quotes and signature removed
     */
    default MailReading read(Result understood, String visibleText) {
        return null;
    }

    /**
     * @param visibleText the reply without quotes and signature (null: use the text as is)
     * @param intent      inquiry, quotation, sample, order, payment, logistics, complaint, other (null: unknown or not confident enough)
     * @param bouncedAddresses for a bounce, the recipients the report names
     * @param hardBounce  for a bounce, whether some address is dead (unknown user or domain)
     * @param returnDate  for an auto-reply, the day the sender says they are back (null: not stated)
     * @param bouncedMessageId for a bounce, the Message-ID of the original it reports on (null: not found)
     * @param notice      the new text reads as a system's notice ("do not reply to this message")
     * @param forwarded   the original of an inline forwarded block in the text (its parties), or null
     */
    record Result(boolean bounce, boolean autoReply, boolean quote, String intent, String visibleText,
            List<String> bouncedAddresses, boolean hardBounce, LocalDate returnDate, String bouncedMessageId, boolean notice,
            ParsedMail forwarded) {
        public static final Result NOTHING = new Result(false, false, false, null, null);

        public Result {
            bouncedAddresses = bouncedAddresses == null ? List.of() : List.copyOf(bouncedAddresses);
        }

        public Result(boolean bounce, boolean autoReply, boolean quote, String intent, String visibleText) {
            this(bounce, autoReply, quote, intent, visibleText, List.of(), false, null, null, false, null);
        }

        public Result(boolean bounce, boolean autoReply, boolean quote, String intent, String visibleText,
                List<String> bouncedAddresses, boolean hardBounce, LocalDate returnDate) {
            this(bounce, autoReply, quote, intent, visibleText, bouncedAddresses, hardBounce, returnDate, null, false, null);
        }
    }
}
