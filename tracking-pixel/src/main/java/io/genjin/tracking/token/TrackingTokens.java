package io.genjin.tracking.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens in pixel and link URLs. A token is {@code <payload>.<keyId>.<mac>}: the
 * payload names a tracked message, a recipient and (for a click) a link by position; the MAC is the
 * first 128 bits of HMAC-SHA256 over the kind ({@code o} or {@code c}) and the payload, so an open token
 * is not a click token. The URL a click leads to is never in the token: it is looked up in the store.
 *
 * <p>Keys rotate: new tokens are signed with the current key, and tokens signed with any of the
 * previous keys still verify until that key is removed from configuration (mail is read for years).
 */
public final class TrackingTokens {
    private static final Pattern PAYLOAD = Pattern.compile("[0-9a-f]{24}\\.[0-9a-z]{1,4}(\\.[0-9a-z]{1,4})?");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Pattern TRACKED_ID = Pattern.compile("[0-9a-f]{24}");
    private static final byte SENT = 's';
    private static final int MAC_BYTES = 16;
    private static final int MAX_LENGTH = 120;
    private final Map<String, SecretKeySpec> keys;
    private final String currentKeyId;

    /** @param keys key id → secret (at least 32 bytes each); {@code currentKeyId} signs new tokens */
    public TrackingTokens(Map<String, byte[]> keys, String currentKeyId) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, secret) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("tracking key id '" + id + "' must be 1-16 letters, digits, - or _");
            }
            if (secret.length < 32) {
                throw new IllegalArgumentException("tracking key '" + id + "' is shorter than 32 bytes");
            }
            specs.put(id, new SecretKeySpec(secret, "HmacSHA256"));
        });
        if (!specs.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no tracking key with the id '" + currentKeyId + "'");
        }
        this.keys = Map.copyOf(specs);
        this.currentKeyId = currentKeyId;
    }

    public String open(String trackedId, int recipient) {
        return sign(Token.Kind.OPEN, trackedId + "." + Integer.toString(recipient, 36));
    }

    public String click(String trackedId, int recipient, int link) {
        return sign(Token.Kind.CLICK, trackedId + "." + Integer.toString(recipient, 36) + "." + Integer.toString(link, 36));
    }

    /**
     * The value of the {@code X-Genjin-Track} header a salesperson's mail client puts on a message
     * instrumented before it had a Message-ID (the Outlook add-in): {@code <trackedId>.<keyId>.<mac>},
     * its MAC over the kind {@code s}, so no pixel or link token is a header and the reverse.
     */
    public String sent(String trackedId) {
        return trackedId + "." + currentKeyId + "." + encode(mac(keys.get(currentKeyId), SENT, trackedId));
    }

    /** The tracked message's id when {@code value} is a header {@link #sent} made with a known key; empty otherwise. */
    public Optional<String> verifySent(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = value.trim().split("\\.", -1);
        if (parts.length != 3 || !TRACKED_ID.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            return Optional.empty();
        }
        byte[] expected = encode(mac(key, SENT, parts[0])).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII)) ? Optional.of(parts[0])
                : Optional.empty();
    }

    /** The token's meaning when it is well formed, of this kind, and signed by a known key; empty otherwise. */
    public Optional<Token> verify(Token.Kind kind, String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int macDot = token.lastIndexOf('.');
        int keyDot = macDot <= 0 ? -1 : token.lastIndexOf('.', macDot - 1);
        if (keyDot <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, keyDot);
        SecretKeySpec key = keys.get(token.substring(keyDot + 1, macDot));
        if (key == null || !PAYLOAD.matcher(payload).matches()) {
            return Optional.empty();
        }
        // Compare the encoded text, not decoded bytes: a lenient base64 decoder ignores the last
        // character's spare bits, and a token that differs from the one issued must not verify.
        byte[] expected = encode(mac(key, kind, payload)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(macDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.");
        boolean click = parts.length == 3;
        if (click != (kind == Token.Kind.CLICK)) {
            return Optional.empty();
        }
        return Optional.of(new Token(kind, parts[0], Integer.parseInt(parts[1], 36), click ? Integer.parseInt(parts[2], 36) : -1));
    }

    private String sign(Token.Kind kind, String payload) {
        byte[] mac = mac(keys.get(currentKeyId), kind, payload);
        return payload + "." + currentKeyId + "." + encode(mac);
    }

    private static String encode(byte[] mac) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** One Mac per thread: {@code Mac.getInstance} looks the provider up each time, a measurable cost per hit. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(TrackingTokens::newMac);
    private static final ThreadLocal<Mac> IP_MAC = ThreadLocal.withInitial(TrackingTokens::newMac);

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] mac(SecretKeySpec key, Token.Kind kind, String payload) {
        return mac(key, kind.code(), payload);
    }

    private static byte[] mac(SecretKeySpec key, byte kind, String payload) {
        try {
            Mac mac = MAC.get();
            mac.init(key);
            mac.update(kind);
            mac.update((byte) ':');
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A keyed one-way digest of an IP address: comparable between hits, not reversible without the key. */
    public String hashIp(String ip) {
        try {
            Mac mac = IP_MAC.get();
            mac.init(keys.get(currentKeyId));
            mac.update((byte) 'i');
            byte[] digest = mac.doFinal(ip.getBytes(StandardCharsets.US_ASCII));
            return "h:" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
