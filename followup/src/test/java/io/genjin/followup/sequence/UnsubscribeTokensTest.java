package io.genjin.followup.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(key('k'));

    @Test
    void aGenuineTokenNamesItsEnrollment() {
        assertThat(tokens.verify(tokens.tokenFor("6b1571b52d22c9eea6c4b5b4"))).contains("6b1571b52d22c9eea6c4b5b4");
    }

    @Test
    void everyOneCharacterChangeOfTheSignatureIsRefused() {
        for (int n = 0; n < 50; n++) {
            String token = tokens.tokenFor("enrollment-" + n);
            int from = token.indexOf('.') + 1;
            for (int i = from; i < token.length(); i++) {
                for (char c : ALPHABET.toCharArray()) {
                    if (c != token.charAt(i)) {
                        String altered = token.substring(0, i) + c + token.substring(i + 1);
                        assertThat(tokens.verify(altered)).as(altered).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void forgedSignaturesOtherIdsAndOtherKeysAreRefused() {
        String token = tokens.tokenFor("a");
        String signature = token.substring(2);
        assertThat(tokens.verify("b." + signature)).isEmpty();
        assertThat(tokens.verify(new UnsubscribeTokens(key('x')).tokenFor("a"))).isEmpty();
        assertThat(tokens.verify(token + "=")).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.verify(".abc")).isEmpty();
        assertThat(tokens.verify("no-dot")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("a." + "A".repeat(300))).isEmpty();
    }

    private static byte[] key(char c) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) c);
        return key;
    }
}
