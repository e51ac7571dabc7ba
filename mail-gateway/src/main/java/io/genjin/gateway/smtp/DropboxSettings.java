package io.genjin.gateway.smtp;

import io.genjin.gateway.MailSource.Dropbox.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the SMTP dropbox listens and what it accepts. Immutable and validated: a bad setting fails
 * at start, not on the first message.
 *
 * @param host               the address to bind; loopback by default, so nothing outside the host reaches it
 * @param port               the port to bind; 0 picks a free one (tests)
 * @param hostname           the name in the greeting and in the Received: header
 * @param bccAddresses       dropbox addresses whose mail is logged as it is (BCC-to-CRM)
 * @param forwardAddresses   dropbox addresses whose mail carries a forwarded original (forward-to-CRM)
 * @param maxMessageBytes    larger messages are refused with 552, declared (SIZE=) or counted
 * @param maxConnections     concurrent SMTP sessions; more are answered 421 by the server
 * @param connectionTimeout  an idle client is disconnected after this long
 * @param spoolDir           where a message waits on disk between DATA and the pipeline's answer
 * @param requireHeaderFrom  also demand that the From: header is one of the sender's own addresses
 * @param allowedNetworks    client networks (CIDR) allowed to connect; empty allows any that can reach the bind address
 */
public record DropboxSettings(
        String host,
        int port,
        String hostname,
        List<String> bccAddresses,
        List<String> forwardAddresses,
        long maxMessageBytes,
        int maxConnections,
        Duration connectionTimeout,
        Path spoolDir,
        boolean requireHeaderFrom,
        List<String> allowedNetworks) {

    public DropboxSettings {
        bccAddresses = normalized(bccAddresses);
        forwardAddresses = normalized(forwardAddresses);
        allowedNetworks = allowedNetworks == null ? List.of()
                : allowedNetworks.stream().filter(n -> n != null && !n.isBlank()).map(String::trim).toList();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("genjin.dropbox.host must name an address to bind");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("genjin.dropbox.port must be 0..65535, was " + port);
        }
        if (bccAddresses.isEmpty() && forwardAddresses.isEmpty()) {
            throw new IllegalArgumentException("the dropbox needs at least one BCC or forward address");
        }
        if (bccAddresses.stream().anyMatch(forwardAddresses::contains)) {
            throw new IllegalArgumentException("an address cannot be both a BCC and a forward dropbox: "
                    + bccAddresses + " / " + forwardAddresses);
        }
        if (maxMessageBytes <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("genjin.dropbox max size and max connections must be positive");
        }
        if (connectionTimeout == null || connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("genjin.dropbox.connection-timeout must be positive");
        }
        hostname = hostname == null || hostname.isBlank() ? "genjin.local" : hostname;
        spoolDir = spoolDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "genjin-dropbox") : spoolDir;
        ClientNetworks.parse(allowedNetworks); // fails here on a malformed CIDR
    }

    /** Loopback only, 25 MB, the two usual addresses: what the tests and a fresh install use. */
    public static DropboxSettings defaults(int port) {
        return new DropboxSettings("127.0.0.1", port, "genjin.local", List.of("bcc@crm.local"),
                List.of("fwd@crm.local"), 25L * 1024 * 1024, 100, Duration.ofMinutes(5), null, false, List.of());
    }

    /** Which dropbox a recipient address is, if it is one. */
    public Optional<Mode> modeOf(String recipient) {
        String address = recipient.trim().toLowerCase(Locale.ROOT);
        if (bccAddresses.contains(address)) {
            return Optional.of(Mode.BCC);
        }
        return forwardAddresses.contains(address) ? Optional.of(Mode.FORWARD) : Optional.empty();
    }

    public DropboxSettings withMaxMessageBytes(long bytes) {
        return new DropboxSettings(host, port, hostname, bccAddresses, forwardAddresses, bytes, maxConnections,
                connectionTimeout, spoolDir, requireHeaderFrom, allowedNetworks);
    }

    public DropboxSettings withRequireHeaderFrom(boolean require) {
        return new DropboxSettings(host, port, hostname, bccAddresses, forwardAddresses, maxMessageBytes,
                maxConnections, connectionTimeout, spoolDir, require, allowedNetworks);
    }

    public DropboxSettings withAllowedNetworks(List<String> networks) {
        return new DropboxSettings(host, port, hostname, bccAddresses, forwardAddresses, maxMessageBytes,
                maxConnections, connectionTimeout, spoolDir, requireHeaderFrom, networks);
    }

    private static List<String> normalized(List<String> addresses) {
        return addresses == null ? List.of()
                : addresses.stream().filter(a -> a != null && !a.isBlank())
                        .map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
