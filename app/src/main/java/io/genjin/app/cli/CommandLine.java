package io.genjin.app.cli;

import io.genjin.classifier.cli.ClassifyCommand;
import io.genjin.classifier.cli.TrainCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Genjin's command line. The first argument names the command; anything starting with "--" is a
 * server option instead ({@code genjin --server.port=9090}). Commands run without starting the server.
 */
public final class CommandLine {
    private static final Map<String, Command> COMMANDS = new TreeMap<>();

    static {
        register(new Command("help", "list the commands", CommandLine::help));
        register(new Command("classify", "classify .eml files (or --text bodies) as JSON Lines; 'classify train' rebuilds the intent model",
                (args, out) -> !args.isEmpty() && args.get(0).equals("train")
                        ? TrainCommand.run(args.subList(1, args.size()), out)
                        : ClassifyCommand.run(args, out)));
        register(new Command("accuracy", "score the classifier on the labelled corpora (default ../shared/corpora), then customer "
                + "linking on a generated export mailbox; 'accuracy linking' scores linking only", Accuracy::run));
        register(new Command("version", "print the version", (args, out) -> {
            out.println("genjin " + version());
            return 0;
        }));
        register(new Command("parse", "parse FILE.eml... and print JSON Lines (subject, from, to, text, attachments...)",
                io.genjin.gateway.cli.ParseCommand::run));
        register(new Command("addin-manifest", "write the Outlook add-in's manifest.xml (and the JSON package's icons) to DIR "
                + "from the genjin.addin settings; scripts/addin-manifest also makes the JSON manifest", AddinManifestCommand::run));
        register(new Command("import", "import --mbox FILE | --eml DIR | --pst FILE --owner ADDRESS through the ingestion pipeline (through the running server when there is one)",
                ImportCommand::run));
        register(new Command("store", "serve the embedded store to other Genjin processes over the MongoDB wire protocol "
                + "[--host 127.0.0.1] [--port 27017] [--data-dir DIR]; they connect with MONGODB_URI", StoreCommand::run));
        register(new Command("reports", "reports rebuild: recompute the reports' rollups from the stored messages",
                ReportsCommand::run));
    }

    private CommandLine() {
    }

    static void register(Command command) {
        COMMANDS.put(command.name(), command);
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("genjin: unknown command '" + args[0] + "'. Run 'genjin help' for the list.");
            return 2;
        }
        try {
            return command.action().run(Arrays.asList(args).subList(1, args.length), out);
        } catch (IllegalArgumentException e) {
            err.println("genjin " + command.name() + ": " + e.getMessage());
            return 2;
        }
    }

    private static int help(List<String> args, PrintStream out) {
        out.println("Usage: genjin                 run the server (web UI, API)");
        out.println("       genjin <command> ...   run a command and exit");
        out.println();
        COMMANDS.values().forEach(c -> out.printf("  %-12s %s%n", c.name(), c.summary()));
        return 0;
    }

    static String version() {
        String v = CommandLine.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** A named command with a one-line summary. */
    record Command(String name, String summary, Action action) {
    }

    /** What a command does with its arguments; returns the process exit code. */
    @FunctionalInterface
    interface Action {
        int run(List<String> args, PrintStream out);
    }
}
