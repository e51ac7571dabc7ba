package io.genjin.tracking.classify;

import io.genjin.tracking.token.Token;
import java.time.Instant;
import java.util.List;

/**
 * Everything the rules look at for one hit. {@code others} are the same recipient's other hits
 * around it (opens and clicks, whatever their verdict); {@code senderIp} says the address was seen
 * opening the sender's own copy of some message of the same owner.
 */
public record HitFacts(Token.Kind kind, boolean head, boolean prefetch, boolean senderCopy, boolean senderIp,
        String ip, String ipHash, String userAgent, Instant at, Instant sentAt, int link, int linkCount,
        List<SeenHit> others) {

    public HitFacts {
        others = others == null ? List.of() : others;
    }
}
