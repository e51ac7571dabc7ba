package io.genjin.classifier.autoreply;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An automatic answer: out-of-office, a generic auto-acknowledgement, or a challenge-response
 * ("verify you are human") system.
 *
 * @param returnDate the date the sender says they are back, when stated
 */
public record AutoReply(Kind kind, Optional<LocalDate> returnDate) {

    public enum Kind { NONE, OUT_OF_OFFICE, AUTO_REPLY, CHALLENGE_RESPONSE }

    public static final AutoReply NONE = new AutoReply(Kind.NONE, Optional.empty());

    public boolean isAutoReply() {
        return kind != Kind.NONE;
    }
}
