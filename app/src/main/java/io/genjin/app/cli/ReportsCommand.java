package io.genjin.app.cli;

import io.genjin.app.GenjinApplication;
import io.genjin.reports.store.Rollups;
import io.genjin.store.CrmStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code genjin reports rebuild}: recomputes the reports' rollups from every stored message and the
 * customers' stage changes (docs/reports.md). Starts the application without its web server on the
 * configured store (stop a running server first when it uses the embedded store: its data file is
 * locked), and stops it afterwards.
 */
final class ReportsCommand {
    private ReportsCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty() || !args.get(0).equals("rebuild")) {
            throw new IllegalArgumentException("usage: genjin reports rebuild [--spring.property=value...]");
        }
        List<String> springArgs = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.threshold.console=WARN",
                "--logging.level.org.springframework=WARN", "--logging.level.de.bwaldvogel.mongo.backend=ERROR",
                "--genjin.reports.rebuild-at-start=false"));
        for (String a : args.subList(1, args.size())) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("unknown argument " + a + "; usage: genjin reports rebuild");
            }
            springArgs.add(a);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GenjinApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs.toArray(String[]::new))) {
            CrmStore store = context.getBean(CrmStore.class);
            Rollups rollups = context.getBean(Rollups.class);
            long started = System.nanoTime();
            long n = rollups.rebuildFromStore(store.messages(), store.users().all());
            out.printf("reports: rollups rebuilt from %d messages in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }
}
