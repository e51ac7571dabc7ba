package io.genjin.gateway.relay;

import io.genjin.gateway.RawMail;
import java.util.List;

/** The user's own SMTP server (Exmail, NetEase, Aliyun, Gmail, Microsoft 365…): where mail really leaves. */
@FunctionalInterface
public interface Upstream {

    /**
     * Hands one message to the server with this envelope. Never throws for what the server or the
     * network does: every outcome is a {@link Delivery}.
     */
    Delivery deliver(UpstreamLogin login, String envelopeFrom, List<String> recipients, RawMail message);
}
