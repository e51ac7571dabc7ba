package io.genjin.classifier.reply;

import java.util.List;

/**
 * A forwarded message found inside a body.
 *
 * @param message what the forwarder wrote above the forwarded block, or empty
 */
public record Forwarded(String fromName, String fromAddress, List<Mailbox> to, List<Mailbox> cc, String date,
                        String subject, String body, String message) {

    public Forwarded {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }
}
