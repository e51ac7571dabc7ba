package io.genjin.classifier.cli;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.Reading;
import io.genjin.classifier.mime.Charsets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code genjin classify [--text] FILE…}: one JSON object per file on its own line. Files are .eml
 * messages; with {@code --text} each is a bare message body. A file that cannot be read gets an
 * {@code error} line and exit code 1; the others are still classified.
 */
public final class ClassifyCommand {

    private ClassifyCommand() {
    }

    public static int run(List<String> args, PrintStream out) {
        boolean bodies = false;
        boolean withText = true;
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--text" -> bodies = true;
                case "--no-text" -> withText = false;
                case "-h", "--help" -> {
                    out.println(Messages.get("classify.usage"));
                    return 0;
                }
                default -> files.add(arg);
            }
        }
        if (files.isEmpty()) {
            out.println(Messages.get("classify.usage"));
            return 2;
        }
        EmailUnderstanding understanding = new EmailUnderstanding();
        int status = 0;
        for (String file : files) {
            try {
                byte[] bytes = Files.readAllBytes(Path.of(file));
                Email email = bodies ? Email.ofText(Charsets.decode(bytes, null)) : Email.fromEml(bytes);
                var u = understanding.understand(email);
                // Machine mail (a bounce, an auto-reply) is not a customer speaking: no tone is read.
                boolean machine = u.bounce().isBounce() || u.autoReply().isAutoReply();
                Reading reading = machine ? Reading.NONE : understanding.read(u.reply().isBlank() ? u.text() : u.reply());
                out.println(JsonLines.of(file, u, reading, withText));
            } catch (IOException | RuntimeException e) {
                out.println(JsonLines.write(Map.of("file", file, "error", Messages.get("classify.unreadable", e.getMessage()))));
                status = 1;
            }
        }
        return status;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }
}
