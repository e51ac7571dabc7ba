package io.genjin.app.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.app.store.StoreProperties;
import io.genjin.store.mailbox.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxKeysTest {
    @TempDir
    Path dataDir;

    private static MailboxProperties key(String key, String... previous) {
        return new MailboxProperties(key, List.of(previous), true, Duration.ofDays(180), 4, Duration.ofMinutes(2), true, null, Duration.ofSeconds(60), 1000);
    }

    @Test
    void embeddedStoreWithoutAKeyMakesAnOwnerOnlyKeyFileAndKeepsUsingIt() throws Exception {
        StoreProperties embedded = new StoreProperties(null, dataDir, "genjin");
        SecretCipher first = MailboxKeys.cipher(key(null), embedded);
        Path file = dataDir.resolve(MailboxKeys.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = first.seal("pw", "acct");
        assertThat(MailboxKeys.cipher(key(null), embedded).open(sealed, "acct")).isEqualTo("pw");
    }

    @Test
    void realMongoDbWithoutAKeyRefusesToStartAndSaysWhatToSet() {
        StoreProperties mongo = new StoreProperties("mongodb://db:27017/genjin", dataDir, "genjin");
        assertThatThrownBy(() -> MailboxKeys.cipher(key(null), mongo)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GENJIN_SECRET_KEY");
        assertThat(dataDir.resolve(MailboxKeys.KEY_FILE)).doesNotExist();
    }

    @Test
    void configuredKeyWithAnIdSealsAndAPreviousKeyStillOpens() {
        StoreProperties mongo = new StoreProperties("mongodb://db:27017/genjin", dataDir, "genjin");
        String oldKey = "old:" + Base64.getEncoder().encodeToString(new byte[32]);
        byte[] bytes = new byte[32];
        bytes[0] = 9;
        String newKey = "new:" + Base64.getEncoder().encodeToString(bytes);
        String sealedWithOld = MailboxKeys.cipher(key(oldKey), mongo).seal("pw", "a");
        SecretCipher rotated = MailboxKeys.cipher(key(newKey, oldKey), mongo);
        assertThat(rotated.open(sealedWithOld, "a")).isEqualTo("pw");
        assertThat(rotated.seal("pw", "a")).startsWith("new:");
    }

    @Test
    void keyOfTheWrongSizeIsRefusedWithoutEchoingIt() {
        StoreProperties mongo = new StoreProperties("mongodb://db:27017/genjin", dataDir, "genjin");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MailboxKeys.cipher(key(shortKey), mongo)).hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
    }
}
