package io.genjin.classifier.cli;

import io.genjin.classifier.accuracy.AccuracyReport;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code genjin accuracy [--misses] [--no-speed] [CORPORA_DIR]}: measures the classifier on every labelled corpus
 * (default {@code ../shared/corpora} from the working directory) and prints one table.
 * {@code --misses} also lists each wrong answer, for improving the method (not the corpus).
 */
public final class AccuracyCommand {

    private AccuracyCommand() {
    }

    public static int run(List<String> args, PrintStream out) {
        boolean misses = false;
        boolean speed = true;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--misses" -> misses = true;
                case "--no-speed" -> speed = false;
                case "-h", "--help" -> {
                    out.println(Messages.get("accuracy.usage"));
                    return 0;
                }
                default -> rest.add(arg);
            }
        }
        Path corpora = Path.of(rest.isEmpty() ? "../shared/corpora" : rest.get(0));
        if (!Files.isDirectory(corpora)) {
            out.println(Messages.get("accuracy.missing", corpora));
            return 2;
        }
        AccuracyReport report = AccuracyReport.measure(corpora, speed);
        if (misses) {
            report.misses().forEach(out::println);
            out.println();
        }
        out.println(Messages.get("accuracy.header", corpora));
        out.print(report.table());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }
}
