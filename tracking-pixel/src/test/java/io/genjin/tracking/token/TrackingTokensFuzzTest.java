package io.genjin.tracking.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed or refused: whatever text arrives where a token belongs, {@link TrackingTokens#verify}
 * either refuses it or returns the meaning of a token that signing that meaning produces exactly,
 * with the key the token names (current or rotated out of signing). It never throws. The fuzzer
 * edits genuine tokens (so inputs get past the syntax checks) as well as writing its own text.
 */
class TrackingTokensFuzzTest {
    private static final byte[] OLD = "fedcba9876543210fedcba9876543210".getBytes();
    private static final byte[] CURRENT = "0123456789abcdef0123456789abcdef".getBytes();
    private static final TrackingTokens TOKENS = new TrackingTokens(keys(), "k1");
    private static final TrackingTokens SIGNED_BEFORE_ROTATION = new TrackingTokens(keys(), "k0");
    private static final String HEX = "0123456789abcdef";

    private static Map<String, byte[]> keys() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k0", OLD);
        keys.put("k1", CURRENT);
        return keys;
    }

    @FuzzTest(maxDuration = "10s")
    void anyTextVerifiesOnlyAsATokenThatWasSigned(FuzzedDataProvider data) {
        Token.Kind kind = data.consumeBoolean() ? Token.Kind.OPEN : Token.Kind.CLICK;
        String text;
        if (data.consumeBoolean()) {
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 24; i++) {
                id.append(HEX.charAt(data.consumeInt(0, 15)));
            }
            TrackingTokens signer = data.consumeBoolean() ? TOKENS : SIGNED_BEFORE_ROTATION;
            int recipient = data.consumeInt(0, 2_000_000);
            StringBuilder genuine = new StringBuilder(data.consumeBoolean() ? signer.open(id.toString(), recipient)
                    : signer.click(id.toString(), recipient, data.consumeInt(0, 2_000_000)));
            // A few edits: replace, insert or delete a character, or cut the token short.
            for (int edits = data.consumeInt(0, 3); edits > 0 && !genuine.isEmpty(); edits--) {
                int at = data.consumeInt(0, genuine.length() - 1);
                switch (data.consumeInt(0, 3)) {
                    case 0 -> genuine.setCharAt(at, data.consumeChar());
                    case 1 -> genuine.insert(at, data.consumeChar());
                    case 2 -> genuine.deleteCharAt(at);
                    default -> genuine.setLength(at);
                }
            }
            text = genuine.toString();
        } else {
            text = data.consumeRemainingAsString();
        }
        Optional<Token> verified = TOKENS.verify(kind, text);
        if (verified.isPresent()) {
            Token t = verified.get();
            assertThat(t.kind()).isEqualTo(kind);
            String keyId = text.split("\\.")[kind == Token.Kind.OPEN ? 2 : 3];
            TrackingTokens signer = keyId.equals("k1") ? TOKENS : SIGNED_BEFORE_ROTATION;
            String resigned = kind == Token.Kind.OPEN ? signer.open(t.trackedId(), t.recipient())
                    : signer.click(t.trackedId(), t.recipient(), t.link());
            assertThat(text).as("a verified token is exactly one that was signed").isEqualTo(resigned);
        }
    }
}
