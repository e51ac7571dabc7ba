package io.genjin.gateway.pipeline;

import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.ParsedMail;

/**
 * What the classifier makes of a message. The gateway asks through this port only; until the
 * classifier module is wired in (by the app) nothing is understood.
 */
@FunctionalInterface
public interface Understanding {
    Understanding NONE = mail -> Result.NOTHING;

    Result understand(ParsedMail mail);

    /** The same, with the raw message at hand for parts the parse does not keep (report parts). */
    default Result understand(ParsedMail mail, RawMail raw) {
        return understand(mail);
    }

    /**
     * @param visibleText the reply without quotes and signature (null: use the text as is)
     * @param intent      inquiry, quotation, sample, order, payment, complaint, other (null: unknown)
     */
    record Result(boolean bounce, boolean autoReply, boolean quote, String intent, String visibleText) {
        public static final Result NOTHING = new Result(false, false, false, null, null);
    }
}
