package io.genjin.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.gateway.MailSource.Dropbox.Mode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropboxSettingsTest {

    @Test
    void recipientsMatchTheDropboxAddressesWhateverTheirCase() {
        DropboxSettings settings = DropboxSettings.defaults(2525);
        assertThat(settings.modeOf(" BCC@CRM.local")).contains(Mode.BCC);
        assertThat(settings.modeOf("fwd@crm.local")).contains(Mode.FORWARD);
        assertThat(settings.modeOf("buyer@acme-imports.com")).isEmpty();
    }

    @Test
    void anAddressCannotBeBothABccAndAForwardDropbox() {
        assertThatThrownBy(() -> settings(List.of("crm@x.cn"), List.of("CRM@x.cn"), List.of()))
                .hasMessageContaining("both a BCC and a forward");
    }

    @Test
    void aDropboxWithoutAnyAddressIsRefusedAtStart() {
        assertThatThrownBy(() -> settings(List.of(), List.of(" "), List.of()))
                .hasMessageContaining("at least one");
    }

    @Test
    void aMalformedAllowedNetworkIsRefusedAtStart() {
        assertThatThrownBy(() -> settings(List.of("bcc@x.cn"), List.of(), List.of("office.example.com/24")))
                .hasMessageContaining("office.example.com/24");
        assertThatThrownBy(() -> settings(List.of("bcc@x.cn"), List.of(), List.of("10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void allowedNetworksMatchByPrefixForIpv4AndIpv6() throws Exception {
        ClientNetworks networks = ClientNetworks.parse(List.of("192.168.8.0/22", "fd00:1::/32", "127.0.0.1"));
        assertThat(networks.allows(InetAddress.getByName("192.168.11.200"))).isTrue();
        assertThat(networks.allows(InetAddress.getByName("192.168.12.1"))).isFalse();
        assertThat(networks.allows(InetAddress.getByName("fd00:1:ffff::7"))).isTrue();
        assertThat(networks.allows(InetAddress.getByName("fd00:2::7"))).isFalse();
        assertThat(networks.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(networks.allows(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(ClientNetworks.parse(List.of()).allows(InetAddress.getByName("203.0.113.9"))).isTrue();
    }

    private static DropboxSettings settings(List<String> bcc, List<String> fwd, List<String> networks) {
        return new DropboxSettings("127.0.0.1", 0, null, bcc, fwd, 1000, 10, Duration.ofMinutes(1), null, false,
                networks);
    }
}
