package io.genjin.gateway.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The relay's TLS identity. A team with a certificate for its relay host name configures that key
 * store; without one, Genjin makes a self-signed certificate on first start (built with Bouncy
 * Castle, since the JDK has no public API for it) and keeps it in the data directory, so clients see the same certificate every time
 * and can be told to trust it once.
 */
public final class RelayTls {
    private static final String ALIAS = "genjin-relay";
    private RelayTls() {
    }

    public static SSLContext context(Path keyStore, String password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            return context(in, password);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the relay's TLS key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    /** The same from the key store's bytes (a key store kept in the database rather than on disk). */
    public static SSLContext context(InputStream in, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the relay's TLS key store: " + e.getMessage(), e);
        }
    }

    /**
     * Creates a self-signed RSA certificate for {@code hostname} (and localhost, 127.0.0.1) unless the key
     * store exists: a PKCS #12 file holding the key and the certificate, valid for ten years. Written to a
     * file beside it first and moved into place, so a crash never leaves half a key store.
     */
    public static boolean generateIfMissing(Path keyStore, String password, String hostname) {
        if (Files.exists(keyStore)) {
            return false;
        }
        try {
            Path dir = Files.createDirectories(keyStore.toAbsolutePath().getParent());
            Path partial = Files.createTempFile(dir, keyStore.getFileName().toString(), ".partial");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    selfSigned(hostname, password).store(out, password.toCharArray());
                }
                Files.move(partial, keyStore, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the relay's TLS certificate in " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore selfSigned(String hostname, String password)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostname).build();
        Instant now = Instant.now();
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(1, serial),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, hostname), new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        return store;
    }
}
