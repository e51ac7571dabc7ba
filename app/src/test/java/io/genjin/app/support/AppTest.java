package io.genjin.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings shared by tests that run the whole app: a fresh embedded store and a known admin token. */
public final class AppTest {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789-abcdefghij";

    private AppTest() {
    }

    public static void freshStore(DynamicPropertyRegistry registry) {
        try {
            // Under the module's build folder, which a clean build removes: a store is not empty at exit.
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-stores")).toAbsolutePath(),
                    "store-");
            registry.add("genjin.store.data-dir", dir::toString);
            registry.add("genjin.admin-token", () -> ADMIN_TOKEN);
            // The tests' mail servers and robots listen on 127.0.0.1 only; everything else stays refused.
            registry.add("genjin.outbound.allowed-networks", () -> "127.0.0.1/32");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
