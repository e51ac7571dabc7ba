package io.genjin.gateway.smtp;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A Debian tool the interop suite drives (scripts/install-test-deps installs it). Absent, the test
 * is skipped, except under CI=true, where every test must run.
 */
public record InstalledTool(Path path) {

    public static InstalledTool require(String name, String debianPackage) {
        Path found = Stream.concat(Stream.of("/usr/sbin", "/usr/bin"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (found == null) {
            String why = name + " not installed (Debian package " + debianPackage + "; run scripts/install-test-deps)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return new InstalledTool(found);
    }

    /** Runs the tool to completion within the limit, killing it past that; exit code and output. */
    public Run run(long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(path.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("tool-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail(path.getFileName() + " did not finish within " + timeoutSeconds + " s: " + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    public record Run(int exitCode, String output) {
    }
}
