package io.genjin.app.mailbox;

import io.genjin.app.store.StoreProperties;
import io.genjin.store.mailbox.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key that seals mailbox secrets comes from, in this order: {@code genjin.mailbox.secret-key}
 * ({@code GENJIN_SECRET_KEY}); on the embedded store only, a key file in the data directory, made
 * on first start with owner-only permissions. With a real MongoDB and no key Genjin refuses to
 * start: a generated key on one replica's disk would not open secrets on the others, and lost with
 * the disk it would lose every mailbox password.
 */
public final class MailboxKeys {
    static final String KEY_FILE = "mailbox-secret.key";
    private static final Logger log = LoggerFactory.getLogger(MailboxKeys.class);

    private MailboxKeys() {
    }

    public static SecretCipher cipher(MailboxProperties mailbox, StoreProperties store) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String previous : mailbox.previousKeys()) {
            put(keys, previous, "genjin.mailbox.previous-keys");
        }
        String current;
        if (mailbox.secretKey() != null && !mailbox.secretKey().isBlank()) {
            current = put(keys, mailbox.secretKey().trim(), "genjin.mailbox.secret-key (GENJIN_SECRET_KEY)");
        } else if (store.embedded()) {
            current = put(keys, fromFile(store.dataDir().resolve(KEY_FILE)), "the key file " + KEY_FILE);
        } else {
            throw new IllegalStateException("Mailbox passwords are encrypted with a key you must provide when MONGODB_URI "
                    + "is set: set GENJIN_SECRET_KEY (or genjin.mailbox.secret-key) to 32 random bytes in base64, the same "
                    + "on every replica, e.g. `openssl rand -base64 32`. Keep it safe: without it no stored mailbox "
                    + "password can be read.");
        }
        return new SecretCipher(keys, current);
    }

    private static String put(Map<String, byte[]> keys, String value, String where) {
        int colon = value.indexOf(':');
        String id = colon > 0 ? value.substring(0, colon) : "k1";
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64 (expected 32 random bytes in base64)");
        }
        if (key.length != 32) {
            throw new IllegalStateException(where + " decodes to " + key.length + " bytes; AES-256 needs 32");
        }
        keys.put(id, key);
        return id;
    }

    private static String fromFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, "k1:" + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                    log.warn("Generated the mailbox secret key in {} (owner-only). Back it up with the data directory: "
                            + "mailbox passwords cannot be read without it.", file);
                } catch (FileAlreadyExistsException raced) {
                    log.debug("another start made the key file first");
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, "k1:" + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the mailbox key file " + file, e);
        }
    }
}
