package io.genjin.app.cli;

import io.genjin.app.GenjinApplication;
import io.genjin.app.events.Backlog;
import io.genjin.gateway.mbox.MailImport;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.store.CrmStore;
import io.genjin.store.user.User;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.genjin.gateway.pst.PstArchive;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code genjin import --mbox FILE --owner rep@company}, {@code --eml DIR} or {@code --pst FILE}: the
 * mail goes through the same ingestion pipeline as synced mail, as the owner's mailbox. When a server
 * runs on the same data directory, the archive is handed to it ({@link LocalHandOff}); otherwise the
 * application starts here without its web server, its SMTP dropbox or its relay on the configured
 * store, and stops afterwards.
 */
final class ImportCommand {
    /** How long the end of an import waits for background work that makes no progress. */
    static final Duration STALL = Duration.ofSeconds(60);

    private ImportCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        Path mbox = null;
        Path eml = null;
        Path pst = null;
        String owner = null;
        // The console shows the progress bar and warnings only; the one-line-per-step decision log
        // (and linking's) goes to a file beside the data, where it can be read after the import.
        List<String> springArgs = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.threshold.console=WARN",
                "--logging.file.name=${genjin.store.data-dir:./data}/import.log", "--logging.level.org.springframework=WARN",
                "--logging.level.de.bwaldvogel.mongo.backend=ERROR"));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--mbox" -> mbox = Path.of(value(args, ++i, a));
                case "--eml" -> eml = Path.of(value(args, ++i, a));
                case "--pst" -> pst = Path.of(value(args, ++i, a));
                case "--owner" -> owner = value(args, ++i, a);
                default -> {
                    if (!a.startsWith("--") || !a.contains("=")) {
                        throw new IllegalArgumentException("unknown argument " + a + "; usage: genjin import "
                                + "(--mbox FILE | --eml DIR | --pst FILE) --owner ADDRESS [--spring.property=value...]");
                    }
                    springArgs.add(a);
                }
            }
        }
        // An import listens on nothing: the dropbox and the relay would take the ports of a server on
        // the same machine (and their start-up is the import's to wait for). It makes only the beans its
        // work reaches (the pipeline, the event consumers, what runs on its own): the pages, the API and
        // the web's endpoints stay unmade, about a fifth of its start-up; and it takes only the
        // auto-configuration those beans use (ImportAutoConfiguration). Each given explicitly stays.
        Map.of("genjin.dropbox.enabled", "false", "genjin.relay.enabled", "false", "spring.main.lazy-initialization", "true",
                "spring.boot.enableautoconfiguration", "false")
                .forEach((setting, value) -> {
                    if (springArgs.stream().noneMatch(a -> a.startsWith("--" + setting + "="))) {
                        springArgs.add("--" + setting + "=" + value);
                    }
                });
        int given = (mbox != null ? 1 : 0) + (eml != null ? 1 : 0) + (pst != null ? 1 : 0);
        if (given != 1 || owner == null) {
            throw new IllegalArgumentException("usage: genjin import (--mbox FILE | --eml DIR | --pst FILE) --owner ADDRESS");
        }
        Path archive = mbox != null ? mbox : eml != null ? eml : pst;
        if (eml != null ? !Files.isDirectory(eml) : !Files.isRegularFile(archive)) {
            throw new IllegalArgumentException("not found: " + archive + (eml != null ? " (--eml takes a folder of .eml files)" : ""));
        }
        Optional<LocalHandOff> server = LocalHandOff.find(dataDir(springArgs));
        if (server.isPresent()) {
            try {
                return server.get().run(archive, eml != null, owner, out);
            } catch (IOException e) {
                throw new IllegalArgumentException("the server on this data directory stopped answering (" + e.getMessage()
                        + "); check it and run the import again");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }
        // Spring Boot warms up, on a thread of its own, what a web server needs (message converters, the
        // bean validator, Jackson): an import serves no request, and that work was a tenth of its start-up's CPU.
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        // A start-up that fails (the data file in use) is reported in one line below, not as Boot's report.
        springArgs.add("--logging.level.org.springframework.boot.SpringApplication=OFF");
        springArgs.add("--logging.level.org.springframework.boot.diagnostics=OFF");
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(GenjinApplication.class, ImportAutoConfiguration.class).web(WebApplicationType.NONE).logStartupInfo(false)
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(startFailure(e, dataDir(springArgs)));
        }
        DecisionLog decisions = DecisionLog.buffered();
        try (context) {
            // Made before the owner is looked up, so that the start-up cache's run loads the classes of
            // the pipeline and its listeners even when it could not add its rep (the launcher).
            IngestionPipeline pipeline = context.getBean(IngestionPipeline.class);
            String address = owner;
            User user = context.getBean(CrmStore.class).users().byAddress(address)
                    .orElseThrow(() -> new IllegalArgumentException("no user with the address " + address
                            + "; add them on the Users page (or POST /api/users) first"));
            MailImport importer = new MailImport(pipeline, out);
            MailImport.Summary summary = mbox != null ? importer.mbox(mbox, user.id())
                    : eml != null ? importer.emlDirectory(eml, user.id()) : importer.pst(pst, user.id());
            // What the messages started in the background (listeners, search index) is finished here,
            // not left to the next start: the import ends with its mail followed up and searchable.
            new BacklogWait(context.getBeanProvider(Backlog.class).orderedStream().toList(), out, STALL).await();
            decisions.finish();
            out.println("import: " + summary);
            summary.failures().forEach(f -> out.println("  failed: " + f.message() + ": " + f.reason()));
            out.println("decisions: " + context.getEnvironment().getProperty("logging.file.name"));
            return summary.failed() > 0 ? 1 : 0;
        } catch (PstArchive.UnreadablePst e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to do, in one line: the data file held by another process is the usual cause. */
    static String startFailure(Throwable e, Path dataDir) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("locked") || message.contains("is in use")) {
                return "the data file in " + dataDir.toAbsolutePath().normalize() + " is in use by another process: stop it, "
                        + "or start the Genjin server on this data directory and run the import again (it hands the file "
                        + "to the server)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "the application did not start: " + root.getMessage();
    }

    /** The data directory the import's store would use: as the server finds it (argument, environment, default). */
    static Path dataDir(List<String> springArgs) {
        for (String a : springArgs) {
            for (String name : List.of("--genjin.store.data-dir=", "--genjin.store.dataDir=")) {
                if (a.startsWith(name)) {
                    return Path.of(a.substring(name.length()));
                }
            }
        }
        String env = System.getenv("GENJIN_DATA_DIR");
        String property = System.getProperty("genjin.store.data-dir");
        return Path.of(property != null ? property : env != null && !env.isBlank() ? env : "./data");
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
