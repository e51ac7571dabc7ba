package io.genjin.tracking.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingTokensTest {
    private static final String ID = "65a1b2c3d4e5f60718293a4b";
    private static final byte[] K1 = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] K2 = "fedcba9876543210fedcba9876543210".getBytes();
    private final TrackingTokens tokens = new TrackingTokens(Map.of("k1", K1), "k1");

    @Test
    void openTokenVerifiesToItsMessageAndRecipient() {
        Token token = tokens.verify(Token.Kind.OPEN, tokens.open(ID, 3)).orElseThrow();
        assertThat(token).isEqualTo(new Token(Token.Kind.OPEN, ID, 3, -1));
    }

    @Test
    void clickTokenVerifiesToItsLink() {
        assertThat(tokens.verify(Token.Kind.CLICK, tokens.click(ID, 0, 41))).contains(new Token(Token.Kind.CLICK, ID, 0, 41));
    }

    @Test
    void anOpenTokenIsNotAClickTokenNorTheOtherWayRound() {
        assertThat(tokens.verify(Token.Kind.CLICK, tokens.open(ID, 0))).isEmpty();
        assertThat(tokens.verify(Token.Kind.OPEN, tokens.click(ID, 0, 0))).isEmpty();
    }

    @Test
    void changingAnyPartOfTheTokenBreaksTheSignature() {
        String genuine = tokens.click(ID, 1, 2);
        assertThat(tokens.verify(Token.Kind.CLICK, genuine.replace(ID + ".1.2", ID + ".1.3"))).isEmpty();
        assertThat(tokens.verify(Token.Kind.CLICK, genuine.replace(ID, "65a1b2c3d4e5f60718293a4c"))).isEmpty();
        char last = genuine.charAt(genuine.length() - 1);
        assertThat(tokens.verify(Token.Kind.CLICK, genuine.substring(0, genuine.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
    }

    @Test
    void aSentHeaderVerifiesToItsTrackedMessageAndIsNoPixelOrLinkToken() {
        String header = tokens.sent(ID);
        assertThat(tokens.verifySent(header)).contains(ID);
        assertThat(tokens.verifySent(" " + header + " ")).contains(ID);
        assertThat(tokens.verifySent(header.replace(ID, "65a1b2c3d4e5f60718293a4c"))).isEmpty();
        assertThat(tokens.verifySent(new TrackingTokens(Map.of("k1", K2), "k1").sent(ID))).isEmpty();
        assertThat(tokens.verifySent(tokens.open(ID, 0))).isEmpty();
        assertThat(tokens.verify(Token.Kind.OPEN, header)).isEmpty();
        assertThat(tokens.verifySent(null)).isEmpty();
        assertThat(tokens.verifySent(ID + ".k1.")).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsForged() {
        TrackingTokens attacker = new TrackingTokens(Map.of("k1", K2), "k1");
        assertThat(tokens.verify(Token.Kind.OPEN, attacker.open(ID, 0))).isEmpty();
    }

    @Test
    void afterRotationOldTokensStillVerifyAndNewOnesUseTheNewKey() {
        String old = tokens.open(ID, 0);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", K1);
        keys.put("k2", K2);
        TrackingTokens rotated = new TrackingTokens(keys, "k2");
        assertThat(rotated.verify(Token.Kind.OPEN, old)).isPresent();
        String fresh = rotated.open(ID, 0);
        assertThat(fresh).contains(".k2.");
        assertThat(tokens.verify(Token.Kind.OPEN, fresh)).as("a retired key's holder cannot verify new tokens").isEmpty();
        TrackingTokens retired = new TrackingTokens(Map.of("k2", K2), "k2");
        assertThat(retired.verify(Token.Kind.OPEN, old)).as("once k1 is removed its tokens are dead").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "abc", "x.k1.y", "//evil.example", "javascript:alert(1)", "%2F%2Fevil",
            "65a1b2c3d4e5f60718293a4b.0.k1.", "65a1b2c3d4e5f60718293a4b.0.nokey.AAAAAAAAAAAAAAAAAAAAAA",
            "65a1b2c3d4e5f60718293a4b.0.k1.!!!notbase64!!!", "65A1B2C3D4E5F60718293A4B.0.k1.AAAAAAAAAAAAAAAAAAAAAA"})
    void malformedTokensAreRefusedWithoutAnError(String token) {
        assertThat(tokens.verify(Token.Kind.OPEN, token)).isEmpty();
        assertThat(tokens.verify(Token.Kind.CLICK, token)).isEmpty();
    }

    @Test
    void overlongTokensAreRefused() {
        assertThat(tokens.verify(Token.Kind.OPEN, "a".repeat(10_000))).isEmpty();
    }

    @Test
    void shortKeysAreRefusedAtStart() {
        assertThatThrownBy(() -> new TrackingTokens(Map.of("k1", new byte[16]), "k1")).hasMessageContaining("32 bytes");
    }

    @Test
    void addressHashesAreStableAndDoNotContainTheAddress() {
        assertThat(tokens.hashIp("203.0.113.7")).isEqualTo(tokens.hashIp("203.0.113.7")).doesNotContain("203")
                .isNotEqualTo(tokens.hashIp("203.0.113.8"));
    }
}
