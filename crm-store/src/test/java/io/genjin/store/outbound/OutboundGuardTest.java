package io.genjin.store.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Literal addresses and a stubbed resolver only: nothing here reaches a real DNS or network. */
class OutboundGuardTest {
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example", List.of("203.0.113.10"),
            "sneaky.example", List.of("203.0.113.11", "10.0.0.5"),
            "metadata.example", List.of("169.254.169.254"));
    private static final OutboundGuard.Resolver STUB = host -> {
        if (host.matches("[0-9a-fA-F:.]+")) {
            return List.of(InetAddress.getByName(host));
        }
        List<String> found = DNS.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found.stream().map(OutboundGuardTest::literal).toList();
    };

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "169.254.169.254", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "[::1]"})
    void refusesAddressesInsideTheServersOwnNetworks(String ip) {
        assertThatThrownBy(() -> new OutboundGuard(List.of(), STUB).check(ip)).isInstanceOf(OutboundGuard.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.10", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "hooks.example"})
    void letsPublicAddressesThrough(String host) {
        assertThat(new OutboundGuard(List.of(), STUB).check(host)).isNotEmpty();
    }

    @Test
    void checksEveryAddressANameResolvesToAfterResolution() {
        OutboundGuard guard = new OutboundGuard(List.of(), STUB);
        assertThatThrownBy(() -> guard.check("metadata.example"))
                .isInstanceOfSatisfying(OutboundGuard.Refused.class, e -> assertThat(e.reason()).contains("link-local"));
        assertThatThrownBy(() -> guard.check("sneaky.example")).isInstanceOf(OutboundGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("nowhere.example"))
                .isInstanceOfSatisfying(OutboundGuard.Refused.class, e -> assertThat(e.reason()).contains("does not resolve"));
    }

    @Test
    void anAllowListedNetworkIsLetThroughAndNothingElse() {
        OutboundGuard guard = new OutboundGuard(List.of("10.0.0.0/8", "127.0.0.1/32", "fd00:1::/64"), STUB);
        assertThat(guard.check("sneaky.example")).hasSize(2);
        assertThat(guard.check("127.0.0.1")).hasSize(1);
        assertThat(guard.check("fd00:1::5")).hasSize(1);
        assertThatThrownBy(() -> guard.check("127.0.0.2")).isInstanceOf(OutboundGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("169.254.169.254")).isInstanceOf(OutboundGuard.Refused.class);
    }

    @Test
    void anAllowListEntryThatIsNotAnIpNetworkIsRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> new OutboundGuard(List.of("intranet.example/8"), STUB))
                .hasMessageContaining("genjin.outbound.allowed-networks");
        assertThatThrownBy(() -> new OutboundGuard(List.of("10.0.0.0/33"), STUB))
                .hasMessageContaining("genjin.outbound.allowed-networks");
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
