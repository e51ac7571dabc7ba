package io.genjin.app.scenario;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a scenario for a person: the messages as one mbox (mboxrd: "From " lines, quoted
 * ">From " lines, LF line ends as mbox files have), and what each message must link to as JSON.
 */
public final class ScenarioFiles {
    private static final DateTimeFormatter FROM_LINE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Pattern FROM_QUOTED = Pattern.compile("^>*From ");

    private ScenarioFiles() {
    }

    public static void writeMbox(Scenario scenario, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            writeMbox(scenario, out);
        }
    }

    public static void writeMbox(Scenario scenario, OutputStream out) throws IOException {
        for (Scenario.Message m : scenario.messages()) {
            String envelope = m.sent() ? scenario.owner() : "MAILER-DAEMON";
            out.write(("From " + envelope + " " + FROM_LINE.format(m.date()) + "\n").getBytes(StandardCharsets.US_ASCII));
            String raw = new String(m.raw(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            raw = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
            for (String line : raw.split("\n", -1)) {
                // mboxrd (RFC 4155 §2 notes the variants): one more '>' on every From-line, so reading reverses it exactly.
                String escaped = FROM_QUOTED.matcher(line).find() ? ">" + line : line;
                out.write(escaped.getBytes(StandardCharsets.ISO_8859_1));
                out.write('\n');
            }
            out.write('\n');
        }
    }

    /**
     * The team, the customers and, per message in mailbox order, {@code messageId}, {@code family},
     * {@code sent} and {@code expected} (customer keys and {@code lead:<domain>}; empty: no timeline).
     */
    public static void writeExpected(Scenario scenario, Path file) throws IOException {
        String team = scenario.team().stream().map(p -> "{\"name\":" + quote(p.name()) + ",\"role\":" + quote(p.role())
                + ",\"addresses\":" + list(p.addresses()) + "}").collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        String customers = scenario.customers().stream().map(c -> "{\"key\":" + quote(c.key()) + ",\"name\":" + quote(c.name())
                + ",\"domains\":" + list(c.domains()) + ",\"country\":" + quote(c.country()) + ",\"grade\":" + quote(c.grade())
                + ",\"contacts\":" + c.contacts().stream().map(p -> "{\"name\":" + quote(p.name()) + ",\"addresses\":" + list(p.addresses())
                        + "}").collect(Collectors.joining(",", "[", "]")) + "}").collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        String messages = scenario.messages().stream().map(m -> "{\"messageId\":" + quote(m.messageId()) + ",\"family\":" + quote(m.family())
                + ",\"sent\":" + m.sent() + ",\"expected\":" + list(m.expected().stream().sorted().toList()) + "}")
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        Files.writeString(file, "{\n  \"owner\": " + quote(scenario.owner()) + ",\n  \"internalDomain\": " + quote(scenario.internalDomain())
                + ",\n  \"team\": " + team + ",\n  \"customers\": " + customers + ",\n  \"messages\": " + messages + "\n}\n",
                StandardCharsets.UTF_8);
    }

    private static String list(java.util.List<String> values) {
        return values.stream().map(ScenarioFiles::quote).collect(Collectors.joining(",", "[", "]"));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
