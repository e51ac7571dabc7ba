package io.genjin.app.ui;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.store.CrmStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a page test in headless Chromium needs: the real app on a fresh embedded store, its port,
 * the store, and mail put in through the product's own ingestion pipeline. Subclasses carry their
 * own {@code @SpringBootTest} (settings differ) and {@code @DirtiesContext}.
 */
abstract class ChromiumAppTest {
    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    IngestionPipeline pipeline;

    @DynamicPropertySource
    static void embeddedStoreInTempDir(DynamicPropertyRegistry registry) {
        registry.add("genjin.store.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A raw message written with \n line ends, imported into this user's mailbox. */
    IngestResult ingestAs(String userId, String raw) {
        return pipeline.ingest(RawMail.of(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(userId, "ui-test"));
    }
}
