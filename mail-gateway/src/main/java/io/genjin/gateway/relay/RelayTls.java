package io.genjin.gateway.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The relay's TLS identity. A team with a certificate for its relay host name configures that key
 * store; without one, Genjin makes a self-signed certificate on first start (the JDK's keytool, no
 * extra library) and keeps it in the data directory, so clients see the same certificate every time
 * and can be told to trust it once.
 */
public final class RelayTls {
    private static final String PASSWORD_VARIABLE = "GENJIN_RELAY_KEYSTORE_PASSWORD";
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

    /** Creates a self-signed RSA certificate for {@code hostname} (and 127.0.0.1) unless the key store exists. */
    public static boolean generateIfMissing(Path keyStore, String password, String hostname) {
        if (Files.exists(keyStore)) {
            return false;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try {
            Files.createDirectories(keyStore.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "genjin-relay",
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650", "-dname", "CN=" + hostname,
                    "-ext", "SAN=dns:" + hostname + ",dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass:env", PASSWORD_VARIABLE,
                    "-keypass:env", PASSWORD_VARIABLE)).redirectErrorStream(true);
            // Through the environment, not the command line, where any local user could read it.
            builder.environment().put(PASSWORD_VARIABLE, password);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make the relay certificate: " + output);
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + keytool + " to make the relay certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
