package io.genjin.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The add-in uses only what Outlook still offers: Microsoft switched off Exchange Web Services, the
 * Outlook REST API and Exchange's legacy callback and identity tokens for add-ins in 2025. A script
 * or page that reaches for any of them fails the build.
 */
class AddinScriptsTest {
    private static final List<String> FORBIDDEN = List.of("makeEwsRequestAsync", "getCallbackTokenAsync",
            "getUserIdentityTokenAsync", "restUrl", "ewsUrl", "/EWS/", "outlook.office.com/api", "outlook.office365.com/api");
    private static final Path ADDIN = Path.of("src", "main", "resources");

    @Test
    void noAddinScriptOrPageCallsExchangeWebServicesOutlookRestOrLegacyTokens() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = addinFiles();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("taskpane.js", "commands.js", "strings.js", "signin.js", "taskpane.html", "commands.html", "signin.html");
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            for (String word : FORBIDDEN) {
                if (text.contains(word.toLowerCase(Locale.ROOT))) {
                    found.add(file + ": " + word);
                }
            }
        }
        assertThat(found).as("legacy Exchange APIs in the add-in").isEmpty();
    }

    @Test
    void theSendHandlerIsOnePlainScriptTheJavaScriptOnlyRuntimeCanLoad() throws IOException {
        String commands = Files.readString(ADDIN.resolve("static/addin/commands.js"), StandardCharsets.UTF_8);
        assertThat(commands).doesNotContainPattern("(?m)^\\s*(import|export)\\s")
                .doesNotContain("require(").doesNotContain("document.").doesNotContain("localStorage")
                .contains("Office.actions.associate(\"onMessageSendHandler\"");
    }

    private static List<Path> addinFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(ADDIN.resolve("static/addin"), ADDIN.resolve("templates/addin"))) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html"))
                        .forEach(files::add);
            }
        }
        return files;
    }
}
