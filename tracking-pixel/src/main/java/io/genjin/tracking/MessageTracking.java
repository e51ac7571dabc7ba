package io.genjin.tracking;

import io.genjin.tracking.message.Counters;
import io.genjin.tracking.token.Token;
import java.time.Instant;
import java.util.List;

/**
 * What tracking knows about one message, as a salesperson may see it: counters for the message and
 * each recipient, how many hits the log holds ({@code storedHits}), and the latest hits with their verdicts (client addresses are not shown).
 */
public record MessageTracking(String trackedId, String messageId, String companyId, String ownerId, boolean quote,
        String subject, Instant sentAt, List<String> links, Counters counters, long storedHits, List<Recipient> recipients,
        List<Hit> recentHits) {

    public record Recipient(String address, boolean senderCopy, Counters counters) {
    }

    public record Hit(String recipient, Token.Kind kind, String url, Instant at, String userAgent, boolean head,
            boolean prefetch, boolean human, String reason, double confidence) {
    }
}
