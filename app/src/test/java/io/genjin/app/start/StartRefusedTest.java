package io.genjin.app.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.app.GenjinApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A start Genjin refuses is reported as what is wrong and what to do, in the log an operator reads,
 * without a stack trace: the app is started as {@code ./genjin} starts it, and its output is read.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartRefusedTest {
    private static final String TOKEN = "start-refused-token-0123456789abc";

    @TempDir
    Path dataDir;

    @Test
    void aSecondGenjinOnTheSameDataDirectoryIsRefusedWithWhatToDoAndNoStackTrace(CapturedOutput output) {
        try (ConfigurableApplicationContext first = start("--genjin.admin-token=" + TOKEN)) {
            int before = output.getOut().length();

            assertThatThrownBy(() -> start("--genjin.admin-token=" + TOKEN)).satisfies(e -> assertThat(refusal(e)).isNotNull());

            String report = output.getOut().substring(before);
            assertThat(report).contains("APPLICATION FAILED TO START")
                    .contains("the data file " + dataDir.toAbsolutePath().normalize().resolve("genjin.mv")
                            + " is in use by another Genjin process")
                    .contains("stop it, or start this one on another data directory (GENJIN_DATA_DIR)");
            // Said once: not again inside the web server's line of every nested cause's message.
            assertThat(report).doesNotContain("\tat ").doesNotContain("Caused by:").doesNotContain("Error creating bean");
        }
    }

    @Test
    void settingsGenjinDoesNotStartWithAreNamedWithWhatToDoAndNoStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> start("--genjin.admin-token=short")).isInstanceOf(StartRefused.class);

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("GENJIN_ADMIN_TOKEN (genjin.admin-token) is shorter than 32 characters")
                .contains("set them in the environment (or the configuration file) and start again");
        assertThat(output.getOut()).doesNotContain("\tat ").doesNotContain("Caused by:");
    }

    private static StartRefused refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartRefused refused) {
                return refused;
            }
        }
        return null;
    }

    private ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--genjin.store.data-dir=" + dataDir;
        return new SpringApplicationBuilder(GenjinApplication.class).run(all);
    }
}
