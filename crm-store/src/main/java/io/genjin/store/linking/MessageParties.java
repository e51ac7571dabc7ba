package io.genjin.store.linking;

import io.genjin.store.message.Direction;
import io.genjin.store.message.Participant;
import io.genjin.store.user.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message's participants seen from the team. {@code external} holds the possible customers in the
 * order linking tries them: for inbound mail the sender first (the customer wrote), then To, Cc and Bcc;
 * for outbound mail To, then Cc, then Bcc. {@code senderUserId} is set when a user sent it.
 */
record MessageParties(Direction direction, List<Participant> external, Set<String> addresses, String senderUserId) {

    static MessageParties of(LinkRequest request, InternalAddresses internal) {
        Participant from = usable(request.from()) ? request.from() : null;
        String senderUserId = from == null ? null : internal.user(from.address()).map(User::id).orElse(null);
        boolean sentByTeam = from != null && (senderUserId != null || internal.isInternal(from.address()));
        Map<String, Participant> everyone = new LinkedHashMap<>();
        if (from != null) {
            everyone.put(from.address(), from);
        }
        for (List<Participant> list : List.of(request.to(), request.cc(), request.bcc())) {
            for (Participant p : list) {
                if (usable(p)) {
                    everyone.putIfAbsent(p.address(), p);
                }
            }
        }
        List<Participant> external = new ArrayList<>();
        for (Participant p : everyone.values()) {
            boolean isSender = from != null && p.address().equals(from.address());
            if (isSender ? !sentByTeam : !internal.isInternal(p.address())) {
                external.add(p);
            }
        }
        // No usable From counts as received mail: it sits in a mailbox, and no user claims to have sent it.
        Direction direction = external.isEmpty() ? Direction.INTERNAL : sentByTeam ? Direction.OUTBOUND : Direction.INBOUND;
        return new MessageParties(direction, List.copyOf(external), Set.copyOf(everyone.keySet()), senderUserId);
    }

    private static boolean usable(Participant p) {
        return p != null && MailDomains.domainOf(p.address()) != null && p.address().indexOf('@') > 0;
    }
}
