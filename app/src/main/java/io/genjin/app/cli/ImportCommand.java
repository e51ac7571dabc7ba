package io.genjin.app.cli;

import io.genjin.app.GenjinApplication;
import io.genjin.gateway.mbox.MailImport;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.store.CrmStore;
import io.genjin.store.user.User;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code genjin import --mbox FILE --owner rep@company} or {@code --eml DIR}: the mail goes through
 * the same ingestion pipeline as synced mail, as the owner's mailbox. Starts the application
 * without its web server, its SMTP dropbox or its relay on the configured store (stop a running
 * server first when it uses the embedded store: its data file is locked), and stops it afterwards.
 */
final class ImportCommand {
    private ImportCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        Path mbox = null;
        Path eml = null;
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
                case "--owner" -> owner = value(args, ++i, a);
                default -> {
                    if (!a.startsWith("--") || !a.contains("=")) {
                        throw new IllegalArgumentException("unknown argument " + a + "; usage: genjin import "
                                + "(--mbox FILE | --eml DIR) --owner ADDRESS [--spring.property=value...]");
                    }
                    springArgs.add(a);
                }
            }
        }
        // An import listens on nothing: the dropbox and the relay would take the ports of a server on
        // the same machine (and their start-up is the import's to wait for). Given explicitly, they stay.
        for (String transport : List.of("genjin.dropbox.enabled", "genjin.relay.enabled")) {
            if (springArgs.stream().noneMatch(a -> a.startsWith("--" + transport + "="))) {
                springArgs.add("--" + transport + "=false");
            }
        }
        if ((mbox == null) == (eml == null) || owner == null) {
            throw new IllegalArgumentException("usage: genjin import (--mbox FILE | --eml DIR) --owner ADDRESS");
        }
        if (mbox != null && !Files.isRegularFile(mbox) || eml != null && !Files.isDirectory(eml)) {
            throw new IllegalArgumentException("not found: " + (mbox != null ? mbox : eml));
        }
        // Spring Boot warms up, on a thread of its own, what a web server needs (message converters, the
        // bean validator, Jackson): an import serves no request, and that work was a tenth of its start-up's CPU.
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GenjinApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs.toArray(String[]::new))) {
            String address = owner;
            User user = context.getBean(CrmStore.class).users().byAddress(address)
                    .orElseThrow(() -> new IllegalArgumentException("no user with the address " + address));
            MailImport importer = new MailImport(context.getBean(IngestionPipeline.class), out);
            MailImport.Summary summary = mbox != null ? importer.mbox(mbox, user.id()) : importer.emlDirectory(eml, user.id());
            out.println("import: " + summary);
            out.println("decisions: " + context.getEnvironment().getProperty("logging.file.name"));
            return summary.failed() > 0 ? 1 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
