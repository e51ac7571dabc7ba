package io.genjin.app.cli;

import io.genjin.app.scenario.ExportMailbox;
import io.genjin.app.scenario.LinkingAccuracy;
import io.genjin.app.scenario.LinkingReport;
import io.genjin.app.scenario.Scenario;
import io.genjin.app.scenario.ScenarioFiles;
import io.genjin.classifier.cli.AccuracyCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code genjin accuracy [linking] [--misses] [--no-speed] [--write-mbox FILE] [CORPORA]}: the
 * classifier's figures on the labelled corpora, then customer linking's on the generated export
 * mailbox; {@code accuracy linking} prints only the latter. {@code --write-mbox} also writes that
 * mailbox and {@code FILE.expected.json}, to import and check by hand.
 */
final class Accuracy {
    private Accuracy() {
    }

    static int run(List<String> args, PrintStream out) {
        boolean linkingOnly = !args.isEmpty() && args.get(0).equals("linking");
        boolean misses = args.contains("--misses");
        Path mbox = null;
        List<String> classifierArgs = new ArrayList<>();
        for (int i = linkingOnly ? 1 : 0; i < args.size(); i++) {
            if (args.get(i).equals("--write-mbox")) {
                if (++i >= args.size()) {
                    throw new IllegalArgumentException("--write-mbox needs a file");
                }
                mbox = Path.of(args.get(i));
            } else if (linkingOnly && !args.get(i).equals("--misses")) {
                throw new IllegalArgumentException("unknown argument " + args.get(i)
                        + "; usage: genjin accuracy linking [--misses] [--write-mbox FILE]");
            } else {
                classifierArgs.add(args.get(i));
            }
        }
        if (classifierArgs.contains("-h") || classifierArgs.contains("--help")) {
            return AccuracyCommand.run(classifierArgs, out);
        }
        int status = linkingOnly ? 0 : AccuracyCommand.run(classifierArgs, out);
        if (!linkingOnly) {
            out.println();
        }
        Scenario scenario = ExportMailbox.generate();
        if (mbox != null) {
            write(scenario, mbox, out);
        }
        LinkingReport.print(LinkingAccuracy.measure(scenario), out, misses);
        return status;
    }

    private static void write(Scenario scenario, Path mbox, PrintStream out) {
        try {
            ScenarioFiles.writeMbox(scenario, mbox);
            Path expected = mbox.resolveSibling(mbox.getFileName() + ".expected.json");
            ScenarioFiles.writeExpected(scenario, expected);
            out.println("wrote " + mbox + " and " + expected + " (import with: genjin import --mbox " + mbox + " --owner "
                    + scenario.owner() + ", after creating the team and the customers in the .expected.json)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
