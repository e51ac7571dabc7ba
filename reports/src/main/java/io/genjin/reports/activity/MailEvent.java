package io.genjin.reports.activity;

import io.genjin.store.message.Direction;
import java.time.Instant;
import java.util.Objects;

/**
 * One customer mail as the reports see it: when, which way, and which user it belongs to — the
 * sender of outbound mail, the mailbox owner who received inbound mail. Credit in every report goes
 * to this user, not to the customer's owner today.
 */
public record MailEvent(String companyId, Instant at, Direction direction, String userId) {

    public MailEvent {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(direction, "direction");
    }
}
