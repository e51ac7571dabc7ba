package io.genjin.app.relay;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP relay and outbound sending ({@code genjin.relay.*}); docs/relay.md explains each.
 *
 * @param enabled            run the relay listener (sending for sequences works without it)
 * @param host               bind address ({@code GENJIN_RELAY_HOST}); loopback by default
 * @param port               bind port ({@code GENJIN_RELAY_PORT}); 0 picks a free one
 * @param hostname           the name in the greeting and in Message-IDs Genjin adds
 * @param keyStore           PKCS#12 key store with the relay's certificate; empty: a self-signed one in the data dir
 * @param keyStorePassword   its password; with no key store configured, generated beside the generated one
 * @param maxSize            larger messages are refused with 552
 * @param maxConnections     concurrent relay sessions
 * @param connectionTimeout  idle sessions are closed after this
 * @param spoolDir           where a message waits on disk while it is sent; the system temp dir by default
 * @param upstreamTimeout    connect/read/write timeout towards the user's SMTP server
 * @param retryInterval      how often the retry queue is looked at; 0 turns the scan off (tests)
 * @param deliveryLease      how long a claim on a message being sent holds: a send interrupted by a
 *                           crash is retried (by the client or the queue) once it has lapsed
 */
@ConfigurationProperties("genjin.relay")
public record RelayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2587") int port,
        @DefaultValue("genjin.local") String hostname,
        Path keyStore,
        String keyStorePassword,
        @DefaultValue("25MB") DataSize maxSize,
        @DefaultValue("50") int maxConnections,
        @DefaultValue("5m") Duration connectionTimeout,
        Path spoolDir,
        @DefaultValue("60s") Duration upstreamTimeout,
        @DefaultValue("30s") Duration retryInterval,
        @DefaultValue("5m") Duration deliveryLease) {
}
