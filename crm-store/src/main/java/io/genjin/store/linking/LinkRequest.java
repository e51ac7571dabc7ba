package io.genjin.store.linking;

import io.genjin.store.message.Participant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What linking needs from a message: its Message-ID (without angle brackets), participants (Bcc as
 * the rep's own Sent copy or the relay's envelope tells it), thread headers, and whose mailbox it was
 * found in ({@code mailboxOwnerId}, a user id; null when the mail came in through a shared address
 * and belongs to no one's mailbox).
 *
 * @param headers the top-level headers under lower-case names; linking reads only the ones that
 *                mark bulk and automated mail (List-*, Precedence, Auto-Submitted, Feedback-ID,
 *                Return-Path, DKIM-Signature)
 * @param machine what the classifier read: an auto-reply, or a bounce and what it carried
 * @param carried messages this one carries: an inline or attached forward's original
 */
public record LinkRequest(String messageId, Participant from, List<Participant> to, List<Participant> cc,
        List<Participant> bcc, String inReplyTo, List<String> references, String mailboxOwnerId,
        Map<String, List<String>> headers, Machine machine, List<CarriedMessage> carried) {

    public LinkRequest {
        Objects.requireNonNull(messageId, "messageId");
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        references = references == null ? List.of() : List.copyOf(references);
        headers = headers == null ? Map.of() : headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue()), (a, b) -> a));
        machine = machine == null ? Machine.NONE : machine;
        carried = carried == null ? List.of() : List.copyOf(carried);
    }

    /** A person's message: no Bcc, headers, machine reading or carried original known. */
    public LinkRequest(String messageId, Participant from, List<Participant> to, List<Participant> cc, String inReplyTo,
            List<String> references, String mailboxOwnerId) {
        this(messageId, from, to, cc, List.of(), inReplyTo, references, mailboxOwnerId, Map.of(), Machine.NONE, List.of());
    }

    public LinkRequest withBcc(List<Participant> list) {
        return new LinkRequest(messageId, from, to, cc, list, inReplyTo, references, mailboxOwnerId, headers, machine, carried);
    }

    public LinkRequest withHeaders(Map<String, List<String>> map) {
        return new LinkRequest(messageId, from, to, cc, bcc, inReplyTo, references, mailboxOwnerId, map, machine, carried);
    }

    public LinkRequest withMachine(Machine m) {
        return new LinkRequest(messageId, from, to, cc, bcc, inReplyTo, references, mailboxOwnerId, headers, m, carried);
    }

    public LinkRequest withCarried(List<CarriedMessage> list) {
        return new LinkRequest(messageId, from, to, cc, bcc, inReplyTo, references, mailboxOwnerId, headers, machine, list);
    }

    /** The first value of a header (any case), or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * What the classifier read from the message.
     *
     * @param bouncedMessageId for a bounce, the Message-ID of the original it reports on (null: not found)
     * @param bouncedAddresses for a bounce, the recipients it names as failed
     * @param notice    the text reads as a system's notice ("this is an automatically generated message")
     */
    public record Machine(boolean autoReply, boolean bounce, String bouncedMessageId, List<String> bouncedAddresses,
            boolean notice) {
        public static final Machine NONE = new Machine(false, false, null, List.of(), false);

        public Machine {
            bouncedAddresses = bouncedAddresses == null ? List.of() : List.copyOf(bouncedAddresses);
            bouncedMessageId = bouncedMessageId == null || bouncedMessageId.isBlank() ? null : bouncedMessageId;
        }

        public static Machine autoReplied() {
            return new Machine(true, false, null, List.of(), false);
        }

        public static Machine bounced(String originalMessageId, List<String> failedAddresses) {
            return new Machine(false, true, originalMessageId, failedAddresses, false);
        }

        public static Machine noticed() {
            return new Machine(false, false, null, List.of(), true);
        }
    }

    /** A message carried inside this one (a forward's original): its Message-ID when known, and its parties. */
    public record CarriedMessage(String messageId, Participant from, List<Participant> to, List<Participant> cc) {
        public CarriedMessage {
            to = to == null ? List.of() : List.copyOf(to);
            cc = cc == null ? List.of() : List.copyOf(cc);
        }
    }
}
