package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.customer.Grade;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.customer.Stage;
import io.genjin.store.message.Direction;
import io.genjin.store.task.Priority;
import io.genjin.store.task.TaskType;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every text exists in English and in Chinese, including a label for every enum value the pages show. */
class UiMessagesTest {

    private static final List<String> BUNDLES = List.of("messages", "conflicts", "mailsetup", "admin", "search", "live", "addin", "export", "imports", "mailimport", "reports", "weekly");

    @Test
    void englishAndChineseBundlesHaveTheSameKeys() throws IOException {
        for (String bundle : BUNDLES) {
            assertThat(load("i18n/" + bundle + "_zh_CN.properties").stringPropertyNames()).as(bundle)
                    .isEqualTo(load("i18n/" + bundle + ".properties").stringPropertyNames());
        }
    }

    @Test
    void noKeyIsDefinedInTwoBundles() throws IOException {
        Set<String> seen = new HashSet<>();
        for (String bundle : BUNDLES) {
            for (String key : load("i18n/" + bundle + ".properties").stringPropertyNames()) {
                assertThat(seen.add(key)).as(key + " in " + bundle + " is already defined").isTrue();
            }
        }
    }

    @Test
    void theAppReadsEveryBundle() throws IOException {
        try (InputStream in = UiMessagesTest.class.getClassLoader().getResourceAsStream("application.yml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String bundle : BUNDLES) {
                assertThat(text).contains("i18n/" + bundle);
            }
        }
    }

    @Test
    void everyEnumShownInThePagesHasALabelInBothLanguages() throws IOException {
        Properties english = load("i18n/messages.properties");
        Stream.of(prefixed("stage.", Stage.values()), prefixed("grade.", Grade.values()),
                        prefixed("activity.", ActivityType.values()), prefixed("priority.", Priority.values()),
                        prefixed("taskType.", TaskType.values()), prefixed("direction.", Direction.values()),
                        prefixed("role.", Role.values()), prefixed("orderStatus.", OrderStatus.values()))
                .flatMap(s -> s)
                .forEach(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
    }

    @Test
    void chineseBundleIsReadAsUtf8() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        assertThat(messages.getMessage("stage.QUOTED", null, Locale.SIMPLIFIED_CHINESE)).isEqualTo("已报价");
        assertThat(messages.getMessage("stage.QUOTED", null, Locale.ENGLISH)).isEqualTo("Quoted");
    }

    @Test
    void anyChineseVariantGetsTheSimplifiedChineseBundleAndEverythingElseEnglish() {
        assertThat(UiLocales.supported(Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(UiLocales.supported(Locale.forLanguageTag("zh"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(UiLocales.supported(Locale.GERMAN)).isEqualTo(Locale.ENGLISH);
        assertThat(UiLocales.supported(null)).isEqualTo(Locale.ENGLISH);
    }

    private static Stream<String> prefixed(String prefix, Enum<?>[] values) {
        return Stream.of(values).map(v -> prefix + v.name());
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = UiMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
