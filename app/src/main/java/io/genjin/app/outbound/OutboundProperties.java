package io.genjin.app.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connections a user can aim: webhook and robot URLs, mailbox IMAP and SMTP hosts
 * ({@code genjin.outbound.*}).
 *
 * @param allowedNetworks networks (CIDR, IP literals only) that may be reached although they are
 *                        loopback, private or link-local: an intranet webhook, a mail server on the
 *                        LAN ({@code GENJIN_OUTBOUND_ALLOWED_NETWORKS}, comma-separated). Empty by default.
 */
@ConfigurationProperties("genjin.outbound")
public record OutboundProperties(@DefaultValue List<String> allowedNetworks) {
}
