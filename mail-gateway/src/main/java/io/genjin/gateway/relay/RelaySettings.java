package io.genjin.gateway.relay;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the SMTP relay listens. Immutable and validated: a bad setting fails at start.
 *
 * @param host              the address to bind; loopback by default
 * @param port              the port to bind; 0 picks a free one (tests)
 * @param hostname          the name in the greeting, and in Message-IDs the relay has to add
 * @param keyStore          PKCS#12 key store with the TLS certificate and key for STARTTLS
 * @param keyStorePassword  its password
 * @param keyStoreBytes     the key store's content instead of a file (kept in the database); null: read {@code keyStore}
 * @param maxMessageBytes   larger messages are refused with 552
 * @param maxConnections    concurrent sessions
 * @param connectionTimeout an idle client is disconnected after this long
 * @param spoolDir          where a message waits on disk while it is sent upstream
 */
public record RelaySettings(String host, int port, String hostname, Path keyStore, String keyStorePassword,
        long maxMessageBytes, int maxConnections, Duration connectionTimeout, Path spoolDir, byte[] keyStoreBytes) {

    public RelaySettings(String host, int port, String hostname, Path keyStore, String keyStorePassword,
            long maxMessageBytes, int maxConnections, Duration connectionTimeout, Path spoolDir) {
        this(host, port, hostname, keyStore, keyStorePassword, maxMessageBytes, maxConnections, connectionTimeout,
                spoolDir, null);
    }

    public RelaySettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("genjin.relay.host must name an address to bind");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("genjin.relay.port must be 0..65535, was " + port);
        }
        if (keyStore == null && keyStoreBytes == null) {
            throw new IllegalArgumentException("the relay needs a TLS key store: it accepts logins only over TLS");
        }
        if (maxMessageBytes <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("genjin.relay max size and max connections must be positive");
        }
        if (connectionTimeout == null || connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("genjin.relay.connection-timeout must be positive");
        }
        hostname = hostname == null || hostname.isBlank() ? "genjin.local" : hostname;
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
        spoolDir = spoolDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "genjin-relay") : spoolDir;
        keyStoreBytes = keyStoreBytes == null ? null : keyStoreBytes.clone();
    }

    javax.net.ssl.SSLContext tls() {
        return keyStoreBytes != null
                ? RelayTls.context(new java.io.ByteArrayInputStream(keyStoreBytes), keyStorePassword)
                : RelayTls.context(keyStore, keyStorePassword);
    }

    /** Loopback, 25 MB, the given key store: what tests and a fresh install use. */
    public static RelaySettings defaults(int port, Path keyStore, String password) {
        return new RelaySettings("127.0.0.1", port, "genjin.local", keyStore, password, 25L * 1024 * 1024, 50,
                Duration.ofMinutes(5), null);
    }
}
