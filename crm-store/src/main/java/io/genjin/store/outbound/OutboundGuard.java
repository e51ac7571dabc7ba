package io.genjin.store.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether the server may open a connection a user aimed (a webhook or robot URL, a mailbox's
 * IMAP or SMTP host): without it, any signed-in user could make the server reach its own loopback
 * services, the private network behind it or the cloud metadata endpoint (169.254.169.254).
 *
 * <p>The host is resolved first and <em>every</em> address it resolves to is checked, so a public
 * name pointing at a private address is refused too, and a name with one public and one private
 * address cannot be used to reach the private one. Refused: loopback, unspecified, private
 * (RFC 1918, shared 100.64/10), link-local (169.254/16, fe80::/10), unique-local (fc00::/7),
 * multicast, broadcast and reserved ranges, and IPv6 forms embedding such an IPv4 address. A network
 * an admin allow-lists ({@code genjin.outbound.allowed-networks}) is let through: an intranet
 * webhook, a mail server on the LAN. What remains: a name re-resolved by the connecting library can
 * change between this check and the connect (DNS rebinding); callers check right before connecting
 * to keep that window short.
 */
public final class OutboundGuard {
    private static final String UNRESOLVED = "the name does not resolve";
    private final List<Network> allowed;
    private final Resolver resolver;

    public OutboundGuard(List<String> allowedNetworks, Resolver resolver) {
        this.allowed = allowedNetworks == null ? List.of()
                : allowedNetworks.stream().filter(s -> s != null && !s.isBlank()).map(Network::parse).toList();
        this.resolver = resolver;
    }

    /** No network allow-listed, the system's DNS. */
    public static OutboundGuard strict() {
        return new OutboundGuard(List.of(), Resolver.SYSTEM);
    }

    /** The addresses {@code host} resolves to, all of them allowed; else {@link Refused}. */
    public List<InetAddress> check(String host) {
        if (host == null || host.isBlank()) {
            throw new Refused(host, "no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused(host, UNRESOLVED);
        }
        if (addresses.isEmpty()) {
            throw new Refused(host, UNRESOLVED);
        }
        for (InetAddress address : addresses) {
            String why = forbidden(address.getAddress());
            if (why != null && allowed.stream().noneMatch(n -> n.contains(address.getAddress()))) {
                throw new Refused(host, why);
            }
        }
        return addresses;
    }

    /** As {@link #check(String)} for the host of a URL. */
    public List<InetAddress> check(URI uri) {
        return check(uri.getHost());
    }

    /** Why connecting to this address is refused by default, or null when it is a public address. */
    static String forbidden(byte[] ip) {
        if (ip.length == 16) {
            byte[] v4 = embeddedIpv4(ip);
            if (v4 != null) {
                return forbidden(v4);
            }
            int first = ip[0] & 0xff;
            if (Arrays.equals(ip, new byte[16])) {
                return "unspecified address";
            }
            if (isLoopback6(ip)) {
                return "loopback address";
            }
            if (first == 0xff) {
                return "multicast address";
            }
            if (first == 0xfe && (ip[1] & 0xc0) == 0x80) {
                return "link-local address";
            }
            if (first == 0xfe && (ip[1] & 0xc0) == 0xc0) {
                return "site-local address";
            }
            if ((first & 0xfe) == 0xfc) {
                return "unique-local address";
            }
            if (first == 0x20 && (ip[1] & 0xff) == 0x01 && ip[2] == 0x0d && (ip[3] & 0xff) == 0xb8) {
                return "documentation address";
            }
            return null;
        }
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        if (a == 0) {
            return "unspecified address";
        }
        if (a == 127) {
            return "loopback address";
        }
        if (a == 10 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168) {
            return "private address";
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return "shared (carrier-grade NAT) address";
        }
        if (a == 169 && b == 254) {
            return "link-local address (cloud metadata lives here)";
        }
        if (a == 192 && b == 0 && (ip[2] & 0xff) == 0) {
            return "reserved address";
        }
        if (a == 198 && (b == 18 || b == 19)) {
            return "reserved address";
        }
        if (a >= 224 && a <= 239) {
            return "multicast address";
        }
        if (a >= 240) {
            return "reserved address";
        }
        return null;
    }

    /** The IPv4 address inside IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) forms. */
    private static byte[] embeddedIpv4(byte[] ip) {
        boolean zeros80 = allZero(ip, 0, 10);
        if (zeros80 && (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(ip, 12, 16);
        }
        if (zeros80 && ip[10] == 0 && ip[11] == 0 && !allZero(ip, 12, 15)) {
            return Arrays.copyOfRange(ip, 12, 16);
        }
        if (ip[0] == 0 && (ip[1] & 0xff) == 0x64 && (ip[2] & 0xff) == 0xff && (ip[3] & 0xff) == 0x9b && allZero(ip, 4, 12)) {
            return Arrays.copyOfRange(ip, 12, 16);
        }
        if ((ip[0] & 0xff) == 0x20 && ip[1] == 0x02) {
            return Arrays.copyOfRange(ip, 2, 6);
        }
        return null;
    }

    private static boolean isLoopback6(byte[] ip) {
        return allZero(ip, 0, 15) && ip[15] == 1;
    }

    private static boolean allZero(byte[] ip, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Turns a host name into addresses; tests stub it so they never reach a real DNS. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The host may not be connected to; {@code reason} says which kind of address it is (never a port state). */
    public static final class Refused extends RuntimeException {
        private final String host;
        private final String reason;

        public Refused(String host, String reason) {
            super("outbound connection to " + host + " refused: " + reason);
            this.host = host;
            this.reason = reason;
        }

        public String host() {
            return host;
        }

        public String reason() {
            return reason;
        }

        /** Refused only because the name does not resolve (now): nothing was learnt about where it points. */
        public boolean unresolved() {
            return UNRESOLVED.equals(reason);
        }
    }
}
