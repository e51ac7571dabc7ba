package io.genjin.store.linking;

import io.genjin.store.message.Participant;
import java.util.List;
import java.util.Objects;

/**
 * What linking needs from a message: its Message-ID (without angle brackets), participants, thread
 * headers, and whose mailbox it was found in ({@code mailboxOwnerId}, a user id; null when the mail
 * came in through a shared address and belongs to no one's mailbox).
 */
public record LinkRequest(String messageId, Participant from, List<Participant> to, List<Participant> cc,
        String inReplyTo, List<String> references, String mailboxOwnerId) {

    public LinkRequest {
        Objects.requireNonNull(messageId, "messageId");
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        references = references == null ? List.of() : List.copyOf(references);
    }
}
