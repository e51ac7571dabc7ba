package io.genjin.app.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.genjin.app.gateway.smtp.SmtpDropboxConfiguration.DropboxLifecycle;
import io.genjin.app.store.StoreProperties;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the dropbox listens: only when enabled and only when there is a pipeline to take the mail. */
class SmtpDropboxConfigurationTest {
    private final ApplicationContextRunner runner = runner(Durability.WRITE_CONCERN);

    @TempDir
    Path data;

    @Test
    void withoutAnIngestionPipelineTheDropboxStaysClosedAndTheAppStillStarts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DropboxLifecycle.class).isRunning()).isFalse();
            assertThat(context.getBean(DropboxLifecycle.class).port()).isEqualTo(-1);
        });
    }

    @Test
    void withAPipelineTheDropboxListensOnLoopback() {
        runner.withBean(MailIngestion.class, () -> (mail, source) -> new IngestResult(IngestResult.Outcome.STORED, "m",
                        "s", null, null))
                .run(context -> {
                    DropboxLifecycle dropbox = context.getBean(DropboxLifecycle.class);
                    assertThat(dropbox.isRunning()).isTrue();
                    assertThat(dropbox.port()).isPositive();
                });
    }

    @Test
    void disabledMeansNoDropboxAtAll() {
        runner.withPropertyValues("genjin.dropbox.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DropboxLifecycle.class));
    }

    @Test
    void aBadSettingStopsTheStartWithItsName() {
        runner.withBean(MailIngestion.class, () -> (mail, source) -> null)
                .withPropertyValues("genjin.dropbox.allowed-networks=office-lan")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("office-lan"));
    }

    /** Over the embedded store (a flush that commits its file), acknowledged mail goes to a journal in the data directory. */
    @Test
    void overTheEmbeddedStoreTheDropboxJournalsInTheDataDirectoryAndOverMongoDbItDoesNot() {
        MailIngestion pipeline = (mail, source) -> new IngestResult(IngestResult.Outcome.STORED, "m", "s", null, null);
        runner.withBean(MailIngestion.class, () -> pipeline).withPropertyValues("genjin.store.data-dir=" + data)
                .run(context -> assertThat(context.getBean(DropboxLifecycle.class).isRunning()).isTrue());
        assertThat(data.resolve("dropbox-journal")).doesNotExist();

        runner(() -> { }).withBean(MailIngestion.class, () -> pipeline).withPropertyValues("genjin.store.data-dir=" + data)
                .run(context -> {
                    assertThat(context.getBean(DropboxLifecycle.class).isRunning()).isTrue();
                    assertThat(data.resolve("dropbox-journal")).isDirectory();
                });
    }

    @Test
    void aCheckpointIntervalThatIsNotPositiveStopsTheStartWithItsName() {
        runner(() -> { }).withBean(MailIngestion.class, () -> (mail, source) -> null)
                .withPropertyValues("genjin.store.data-dir=" + data, "genjin.dropbox.checkpoint-every=0s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("genjin.dropbox.checkpoint-every must be positive"));
    }

    private static ApplicationContextRunner runner(Durability durability) {
        return new ApplicationContextRunner()
                .withUserConfiguration(SmtpDropboxConfiguration.class, Properties.class)
                .withBean(CrmStore.class, () -> mock(CrmStore.class))
                .withBean(Durability.class, () -> durability)
                .withPropertyValues("genjin.dropbox.port=0");
    }

    @EnableConfigurationProperties({SmtpDropboxProperties.class, StoreProperties.class})
    static class Properties {
    }
}
