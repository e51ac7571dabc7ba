package io.genjin.gateway.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Keeps the raw bytes, keyed by their SHA-256, before anything can go wrong: replay needs them. */
final class KeepRaw implements Step {
    private final Steps steps;

    KeepRaw(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        String key = "sha256-" + sha256(m);
        boolean kept = steps.archive().raw().keep(key, () -> m.raw().open());
        return StepResult.next(m.withRawKey(key), kept ? "raw kept " + key : "raw already kept " + key);
    }

    static String sha256(InboundMessage m) {
        try (InputStream in = new DigestInputStream(m.raw().open(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
