package io.genjin.app.tracking;

import io.genjin.app.store.StoreProperties;
import io.genjin.tracking.token.TrackingTokens;
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
 * Where the token-signing key comes from: {@code genjin.tracking.key} ({@code GENJIN_TRACKING_KEY});
 * on the embedded store only, a key file in the data directory made on first start. With a real
 * MongoDB every replica (API replicas that instrument, tracking replicas that verify) needs the same
 * key, so it must be configured. Rotate by making the old key a previous key and setting a new one
 * with another id: links in mail already sent keep working.
 */
final class TrackingKeys {
    static final String KEY_FILE = "tracking.key";
    private static final Logger log = LoggerFactory.getLogger(TrackingKeys.class);

    private TrackingKeys() {
    }

    static TrackingTokens tokens(TrackingProperties tracking, StoreProperties store) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String previous : tracking.previousKeys()) {
            put(keys, previous, "genjin.tracking.previous-keys");
        }
        String current;
        if (tracking.key() != null && !tracking.key().isBlank()) {
            current = put(keys, tracking.key().trim(), "genjin.tracking.key (GENJIN_TRACKING_KEY)");
        } else if (store.embedded()) {
            current = put(keys, fromFile(store.dataDir().resolve(KEY_FILE)), "the key file " + KEY_FILE);
        } else {
            throw new IllegalStateException("Tracking links are signed with a key you must provide when MONGODB_URI is set: "
                    + "set GENJIN_TRACKING_KEY (or genjin.tracking.key) to 32 random bytes in base64, the same on every "
                    + "replica, e.g. `openssl rand -base64 32`.");
        }
        return new TrackingTokens(keys, current);
    }

    private static String put(Map<String, byte[]> keys, String value, String where) {
        int colon = value.indexOf(':');
        String id = colon > 0 ? value.substring(0, colon) : "k1";
        try {
            keys.put(id, Base64.getDecoder().decode(value.substring(colon + 1).trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64 (expected at least 32 random bytes in base64)");
        }
        return id;
    }

    private static String fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                try {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                            java.nio.file.StandardOpenOption.CREATE_NEW);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: the data directory's own permissions protect it.
                    }
                    log.info("Tracking: made a new token-signing key in {}", file);
                } catch (FileAlreadyExistsException raced) {
                    // Another start made it first; read theirs.
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the tracking key file " + file, e);
        }
    }
}
