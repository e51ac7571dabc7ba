package io.genjin.gateway.cli;

import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.mime.ParsedMail.Address;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code genjin parse FILE.eml…}: one JSON object per file on its own line (JSON Lines), with the
 * fields a person checks first. A file that cannot be read gets a line with {@code error}; a
 * malformed message still gets its fields and {@code problems}.
 */
public final class ParseCommand {
    private ParseCommand() {
    }

    /** Returns the exit code: 0, or 1 when a file could not be read, 2 with no files. */
    public static int run(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: genjin parse FILE.eml...");
        }
        MailParser parser = new MailParser();
        int status = 0;
        for (String file : args) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                out.println(json(file, parser.parse(in, AttachmentSink.DISCARD)));
            } catch (IOException e) {
                out.println(new JsonObject().put("file", file).put("error", String.valueOf(e.getMessage())));
                status = 1;
            }
        }
        out.flush();
        return status;
    }

    static JsonObject json(String file, ParsedMail m) {
        return new JsonObject().put("file", file).put("subject", m.subject())
                .put("from", addresses(m.from())).put("to", addresses(m.to())).put("cc", addresses(m.cc()))
                .put("date", m.date() == null ? null : m.date().toString()).put("messageId", m.messageId())
                .put("text", m.text()).put("html", m.html())
                .put("attachments", m.attachments().stream().map(a -> a.name() == null ? "" : a.name()).toList())
                .put("problems", m.problems());
    }

    private static List<Map<String, String>> addresses(List<Address> list) {
        return list.stream().map(a -> {
            Map<String, String> o = new LinkedHashMap<>();
            o.put("name", a.name());
            o.put("address", a.address());
            return o;
        }).toList();
    }
}
