package io.genjin.store.mailbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals mailbox secrets (passwords, OAuth tokens) with AES-256-GCM. A sealed value reads
 * {@code <keyId>:<base64(nonce ‖ ciphertext ‖ tag)>}: the key id lets keys rotate (seal with the
 * newest, open with whichever sealed it). The caller's context (the account id) is bound as
 * associated data, so a sealed secret copied onto another account does not open.
 */
public final class SecretCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final Map<String, SecretKeySpec> keys;
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys         key id → 32-byte AES key; the ids must not contain ':'
     * @param currentKeyId the key new secrets are sealed with
     */
    public SecretCipher(Map<String, byte[]> keys, String currentKeyId) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (id.isBlank() || id.contains(":")) {
                throw new IllegalArgumentException("A key id must be non-blank and free of ':' (got '" + id + "').");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("Key '" + id + "' has " + key.length + " bytes; AES-256 needs 32.");
            }
            specs.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!specs.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("No key '" + currentKeyId + "' to seal with.");
        }
        this.keys = Map.copyOf(specs);
        this.currentKeyId = currentKeyId;
    }

    /** One key, id {@code k1}. */
    public static SecretCipher withKey(byte[] key) {
        return new SecretCipher(Map.of("k1", key), "k1");
    }

    public String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Opens a sealed secret; throws {@link SecretUnreadable} when it was altered, or sealed for another context or key. */
    public String open(String sealed, String context) {
        int colon = sealed == null ? -1 : sealed.indexOf(':');
        if (colon <= 0) {
            throw new SecretUnreadable("not a sealed secret");
        }
        SecretKeySpec key = keys.get(sealed.substring(0, colon));
        if (key == null) {
            throw new SecretUnreadable("sealed with key '" + sealed.substring(0, colon) + "', which is not configured");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadable("not base64");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadable("too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(in, NONCE_BYTES), context);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadable("altered, or sealed for another account");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Was this sealed with an older key? Re-seal it then (key rotation). */
    public boolean isStale(String sealed) {
        return sealed == null || !sealed.startsWith(currentKeyId + ":");
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretCipher[keys=" + keys.keySet() + ", current=" + currentKeyId + "]";
    }

    /** A sealed secret that cannot be opened: tampered with, or its key is gone. */
    public static class SecretUnreadable extends RuntimeException {
        public SecretUnreadable(String why) {
            super("Mailbox secret cannot be opened: " + why);
        }
    }
}
