package io.genjin.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key a raw message is kept under in the archive: its SHA-256. The same bytes kept twice (by the
 * pipeline, or by the sender before it hands a sent message to the pipeline) are one raw.
 */
public final class RawKeys {
    private RawKeys() {
    }

    public static String of(RawMail raw) {
        try (InputStream in = new DigestInputStream(raw.open(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha256-" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
