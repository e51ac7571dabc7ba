package io.genjin.app.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.genjin.app.gateway.smtp.SmtpDropboxConfiguration.DropboxLifecycle;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.store.CrmStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the dropbox listens: only when enabled and only when there is a pipeline to take the mail. */
class SmtpDropboxConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SmtpDropboxConfiguration.class, Properties.class)
            .withBean(CrmStore.class, () -> mock(CrmStore.class))
            .withPropertyValues("genjin.dropbox.port=0");

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

    @EnableConfigurationProperties(SmtpDropboxProperties.class)
    static class Properties {
    }
}
