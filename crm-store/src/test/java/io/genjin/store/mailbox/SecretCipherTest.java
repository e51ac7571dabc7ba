package io.genjin.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.mailbox.SecretCipher.SecretUnreadable;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final byte[] KEY1 = new byte[32];
    private static final byte[] KEY2 = new byte[32];

    static {
        KEY2[0] = 7;
    }

    private final SecretCipher cipher = SecretCipher.withKey(KEY1);

    @Test
    void sealedSecretOpensToTheSameTextAndDoesNotContainIt() {
        String sealed = cipher.seal("app-密码-1234", "acct1");
        assertThat(sealed).startsWith("k1:").doesNotContain("app-");
        assertThat(cipher.open(sealed, "acct1")).isEqualTo("app-密码-1234");
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.seal("same", "a")).isNotEqualTo(cipher.seal("same", "a"));
    }

    @Test
    void flippedBitIsDetected() {
        String sealed = cipher.seal("password", "acct1");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 20] ^= 1;
        String tampered = "k1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.open(tampered, "acct1")).isInstanceOf(SecretUnreadable.class)
                .hasMessageNotContaining("password");
    }

    @Test
    void secretCopiedToAnotherAccountDoesNotOpen() {
        String sealed = cipher.seal("password", "acct1");
        assertThatThrownBy(() -> cipher.open(sealed, "acct2")).isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void wrongKeyOrGarbageIsUnreadable() {
        String sealed = cipher.seal("password", "a");
        SecretCipher other = new SecretCipher(Map.of("k1", KEY2), "k1");
        assertThatThrownBy(() -> other.open(sealed, "a")).isInstanceOf(SecretUnreadable.class);
        assertThatThrownBy(() -> cipher.open("k9:AAAA", "a")).hasMessageContaining("k9");
        assertThatThrownBy(() -> cipher.open("plain-password", "a")).isInstanceOf(SecretUnreadable.class);
        assertThatThrownBy(() -> cipher.open("k1:AAAA", "a")).isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void rotatedKeyRingOpensOldSecretsAndSealsWithTheNewKey() {
        String old = cipher.seal("password", "a");
        SecretCipher rotated = new SecretCipher(Map.of("k1", KEY1, "k2", KEY2), "k2");
        assertThat(rotated.open(old, "a")).isEqualTo("password");
        assertThat(rotated.isStale(old)).isTrue();
        String fresh = rotated.seal("password", "a");
        assertThat(fresh).startsWith("k2:");
        assertThat(rotated.isStale(fresh)).isFalse();
    }

    @Test
    void keysOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> SecretCipher.withKey(new byte[16])).hasMessageContaining("32");
    }
}
