package io.genjin.app.scenario;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** A generated message as later messages need it: to reply to it, quote it, forward it or bounce it. */
record Written(String messageId, Addr from, List<Addr> to, List<Addr> cc, ZonedDateTime date, String subject, String text,
        List<String> references, byte[] raw) {

    /** The References a reply to this message carries: this message's own chain, then this message. */
    List<String> chainForReply() {
        List<String> chain = new ArrayList<>(references);
        chain.add(messageId);
        // Clients trim long chains to the first and the last few (RFC 5322 §3.6.4 leaves it open).
        return chain.size() > 8 ? List.of(chain.get(0), chain.get(chain.size() - 3), chain.get(chain.size() - 2),
                chain.get(chain.size() - 1)) : chain;
    }
}
