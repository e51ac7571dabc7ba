package io.genjin.followup.sequence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unsubscribe tokens: the enrolment id and an HMAC-SHA256 of it (128 bits kept), base64url. The link
 * carries no address, so a forwarded mail leaks nothing, and a forged or altered token opens nothing.
 * The signature is compared as the exact text Genjin wrote, so a variant that decodes to the same bytes
 * (base64's unused low bits changed) is refused too.
 */
public final class UnsubscribeTokens {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;

    public UnsubscribeTokens(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String tokenFor(String enrollmentId) {
        return enrollmentId + "." + ENCODE.encodeToString(mac(enrollmentId));
    }

    /** The enrolment id a genuine token names. */
    public Optional<String> verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || token.length() > 200) {
            return Optional.empty();
        }
        String id = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = ENCODE.encodeToString(mac(id)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? Optional.of(id) : Optional.empty();
    }

    private byte[] mac(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(("unsubscribe:" + id).getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(full, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
