package io.genjin.app.gateway.smtp;

import io.genjin.gateway.smtp.DropboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP dropbox ({@code genjin.dropbox.*}); docs/dropbox.md explains each setting. On by default
 * on the loopback address only: a team exposes it on purpose, by setting {@code host} and, best,
 * {@code allowed-networks}.
 *
 * @param enabled           listen at all
 * @param host              bind address ({@code GENJIN_DROPBOX_HOST})
 * @param port              bind port ({@code GENJIN_DROPBOX_PORT}); 0 picks a free one
 * @param hostname          the name in the greeting and the Received: trace field
 * @param bccAddresses      BCC-to-CRM addresses
 * @param forwardAddresses  forward-to-CRM addresses
 * @param maxSize           larger messages are refused with 552
 * @param maxConnections    concurrent sessions
 * @param connectionTimeout idle sessions are closed after this
 * @param spoolDir          where a message waits on disk until the pipeline has it; the system temp dir by default
 * @param requireHeaderFrom refuse mail whose From: header is not one of the sender's addresses
 * @param allowedNetworks   client networks (CIDR) allowed to connect; empty allows any that reach {@code host}
 * @param checkpointEvery   over the embedded store, how often at most under load the store is made durable and the
 *                          dropbox's journal of acknowledged mail emptied (and whenever a second passes without mail)
 */
@ConfigurationProperties("genjin.dropbox")
public record SmtpDropboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2525") int port,
        @DefaultValue("genjin.local") String hostname,
        @DefaultValue("bcc@crm.local") List<String> bccAddresses,
        @DefaultValue("fwd@crm.local") List<String> forwardAddresses,
        @DefaultValue("25MB") DataSize maxSize,
        @DefaultValue("100") int maxConnections,
        @DefaultValue("5m") Duration connectionTimeout,
        Path spoolDir,
        @DefaultValue("false") boolean requireHeaderFrom,
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("5s") Duration checkpointEvery) {

    DropboxSettings settings() {
        return new DropboxSettings(host, port, hostname, bccAddresses, forwardAddresses, maxSize.toBytes(),
                maxConnections, connectionTimeout, spoolDir, requireHeaderFrom, allowedNetworks);
    }
}
