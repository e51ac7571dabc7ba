package io.genjin.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayTlsTest {
    @TempDir
    Path dir;

    @Test
    void theSelfSignedKeyStoreHoldsAServerCertificateForTheHostLocalhostAndLoopback() throws Exception {
        Path file = dir.resolve("keys").resolve("relay.p12");
        assertThat(RelayTls.generateIfMissing(file, "s3cret", "relay.team.example")).isTrue();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "s3cret".toCharArray());
        }
        String alias = store.aliases().nextElement();
        X509Certificate cert = (X509Certificate) store.getCertificate(alias);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=relay.team.example");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        List<String> names = cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertThat(names).containsExactlyInAnyOrder("relay.team.example", "localhost", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // TLS server
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        cert.checkValidity();
        cert.checkValidity(Date.from(Instant.now().plus(Duration.ofDays(9 * 365))));
        cert.verify(cert.getPublicKey());
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");

        // The private key belongs to the certificate.
        PrivateKey key = (PrivateKey) store.getKey(alias, "s3cret".toCharArray());
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(key);
        sign.update("relay".getBytes());
        byte[] signature = sign.sign();
        sign.initVerify(cert);
        sign.update("relay".getBytes());
        assertThat(sign.verify(signature)).isTrue();

        assertThat(RelayTls.context(file, "s3cret").getProtocol()).isEqualTo("TLS");
        assertThat(Files.list(file.getParent()).toList()).as("no partial file left").containsExactly(file);
    }

    @Test
    void anExistingKeyStoreIsKept() throws Exception {
        Path file = dir.resolve("relay.p12");
        assertThat(RelayTls.generateIfMissing(file, "one", "a.example")).isTrue();
        byte[] first = Files.readAllBytes(file);
        assertThat(RelayTls.generateIfMissing(file, "two", "b.example")).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        assertThat(List.of(RelayTls.context(file, "one"))).hasSize(1);
    }
}
