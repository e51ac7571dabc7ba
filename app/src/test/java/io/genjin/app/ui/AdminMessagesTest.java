package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.followup.notify.Attempt;
import io.genjin.followup.notify.ChannelKind;
import io.genjin.followup.sequence.Enrollment;
import io.genjin.followup.sequence.SequenceMailer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every value the set-up pages name through a key built from an enum (channel kinds, test outcomes,
 * enrolment states, stop and postponement reasons, week days, step outcomes) has a label in English
 * and 中文, and no text of the admin bundle has a bare apostrophe, which MessageFormat would swallow.
 */
class AdminMessagesTest {

    @Test
    void everyEnumTheSetUpPagesShowHasALabelInBothLanguages() throws IOException {
        for (String bundle : new String[] {"i18n/admin.properties", "i18n/admin_zh_CN.properties"}) {
            Properties texts = load(bundle);
            Stream.of(keys("channels.kind.", ChannelKind.values()), keys("channels.test.", Attempt.Outcome.values()),
                            keys("seq.status.", Enrollment.Status.values()), keys("seq.stop.", Enrollment.StopReason.values()),
                            keys("seq.postponed.", Enrollment.Postponement.Reason.values()), keys("seq.day.", DayOfWeek.values()),
                            Stream.of("seq.outcome." + SequenceMailer.Outcome.Kind.SENT, "seq.outcome." + SequenceMailer.Outcome.Kind.QUEUED,
                                    "seq.postponed.OUT_OF_OFFICE_UNTIL"))
                    .flatMap(s -> s)
                    .forEach(key -> assertThat(texts.getProperty(key)).as(bundle + " " + key).isNotBlank());
        }
    }

    @Test
    void noAdminTextHasAnApostropheThatMessageFormatWouldEat() throws IOException {
        load("i18n/admin.properties").forEach((key, value) ->
                assertThat(value.toString()).as(key.toString()).doesNotContain("'"));
    }

    private static Stream<String> keys(String prefix, Enum<?>[] values) {
        return Stream.of(values).map(v -> prefix + v.name());
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AdminMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
