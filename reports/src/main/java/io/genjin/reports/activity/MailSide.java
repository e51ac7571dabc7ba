package io.genjin.reports.activity;

import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One stored message as each user it belongs to sees it (docs/reports.md, "Mail sent and
 * received"): the sender's user sent it; every user whose mailbox holds it and who did not send it
 * received it. The counterpart says who was on the other side: a customer (the message is on a
 * customer's timeline), someone else outside the team, or only colleagues.
 */
public record MailSide(String userId, boolean sent, Counterpart counterpart, List<String> companyIds, Instant at) {

    public enum Counterpart { CUSTOMER, OTHER_EXTERNAL, INTERNAL }

    /** @param userByAddress every team member's addresses, lower-case, to their user id */
    public static List<MailSide> of(StoredMessage message, Map<String, String> userByAddress) {
        Counterpart counterpart = message.direction() == Direction.INTERNAL ? Counterpart.INTERNAL
                : message.companyIds().isEmpty() ? Counterpart.OTHER_EXTERNAL : Counterpart.CUSTOMER;
        Instant at = message.sentAt() != null ? message.sentAt() : message.storedAt();
        String sender = message.from() == null ? null : userByAddress.get(message.from().address());
        if (sender == null && message.direction() == Direction.OUTBOUND) {
            // Sent from an address nobody registered (an alias): the mailbox it was found in is the sender's.
            sender = message.mailboxes().stream().map(MailboxRef::userId).findFirst().orElse(null);
        }
        List<MailSide> sides = new ArrayList<>();
        if (sender != null) {
            sides.add(new MailSide(sender, true, counterpart, message.companyIds(), at));
        }
        Set<String> receivers = new LinkedHashSet<>();
        message.mailboxes().stream().map(MailboxRef::userId).forEach(receivers::add);
        if (message.direction() == Direction.INTERNAL) {
            message.to().forEach(p -> addIfUser(receivers, userByAddress.get(p.address())));
            message.cc().forEach(p -> addIfUser(receivers, userByAddress.get(p.address())));
        }
        receivers.remove(sender);
        receivers.remove(null);
        receivers.forEach(user -> sides.add(new MailSide(user, false, counterpart, message.companyIds(), at)));
        return sides;
    }

    private static void addIfUser(Set<String> users, String user) {
        if (user != null) {
            users.add(user);
        }
    }
}
