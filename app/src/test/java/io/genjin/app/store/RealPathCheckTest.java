package io.genjin.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealPathCheckTest {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void theEmbeddedStoreNeedsNothingAndAnUnsetAdminTokenIsFine() {
        assertThat(RealPathCheck.problems(Map.of("genjin.tracking.base-url", "http://localhost:8080")::get)).isEmpty();
    }

    @Test
    void theRealPathNamesEveryMissingSetting() {
        String problems = String.join("\n", RealPathCheck.problems(Map.of("genjin.store.mongodb-uri", "mongodb://db/genjin")::get));
        for (RequiredSetting setting : RequiredSetting.values()) {
            if (setting != RequiredSetting.MONGODB_URI) {
                assertThat(problems).contains(setting.named() + " is not set");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "https://LOCALHOST", "http://127.0.0.1:8080", "http://127.1.2.3",
            "http://[::1]:8080", "http://0.0.0.0", "https://genjin.example.com", "https://crm.example", "https://x.invalid",
            "not a url", "ftp://t.factory-mail.cn"})
    void theRealPathRefusesAPublicUrlCustomersCannotReach(String url) {
        Map<String, String> settings = realPath();
        settings.put("genjin.tracking.base-url", url);
        assertThat(RealPathCheck.problems(settings::get)).singleElement().asString()
                .startsWith("GENJIN_TRACKING_BASE_URL (genjin.tracking.base-url) is ");
    }

    @Test
    void aStoreOnThisMachinesLoopbackTakesLocalUrlsButStillNeedsTheSharedKeys() {
        for (String uri : new String[] {"mongodb://127.0.0.1:27017/genjin", "mongodb://localhost:40001,127.0.0.2/genjin",
                "mongodb://[::1]:27017"}) {
            Map<String, String> settings = realPath();
            settings.put("genjin.store.mongodb-uri", uri);
            settings.put("genjin.tracking.base-url", "http://127.0.0.1:8080");
            settings.put("genjin.sequences.public-url", "http://localhost:8080");
            assertThat(RealPathCheck.problems(settings::get)).as(uri).isEmpty();
            settings.remove("genjin.tracking.key");
            assertThat(RealPathCheck.problems(settings::get)).as(uri).singleElement().asString()
                    .contains("GENJIN_TRACKING_KEY").contains("not set");
        }
        Map<String, String> elsewhere = realPath();
        elsewhere.put("genjin.store.mongodb-uri", "mongodb://127.0.0.1,db.internal/genjin");
        elsewhere.put("genjin.tracking.base-url", "http://127.0.0.1:8080");
        assertThat(RealPathCheck.problems(elsewhere::get)).as("one host elsewhere").hasSize(1);
    }

    @Test
    void realSettingsStartAndAShortAdminTokenDoesNotOnAnyPath() {
        assertThat(RealPathCheck.problems(realPath()::get)).isEmpty();
        assertThat(RealPathCheck.problems(Map.of("genjin.admin-token", "short-token-0123456789")::get)).singleElement()
                .asString().contains("GENJIN_ADMIN_TOKEN").contains("32");
    }

    private static Map<String, String> realPath() {
        Map<String, String> settings = new HashMap<>();
        settings.put("genjin.store.mongodb-uri", "mongodb://db/genjin");
        settings.put("genjin.tracking.key", KEY);
        settings.put("genjin.mailbox.secret-key", KEY);
        settings.put("genjin.tracking.base-url", "https://t.factory-mail.cn");
        settings.put("genjin.sequences.public-url", "https://crm.factory-mail.cn");
        settings.put("genjin.admin-token", "0123456789abcdef0123456789abcdef");
        return settings;
    }
}
