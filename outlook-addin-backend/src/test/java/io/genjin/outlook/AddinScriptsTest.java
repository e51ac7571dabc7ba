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

    @Test
    void theReminderOpensThePaneThroughTheComposeButtonTheManifestDeclares() throws IOException {
        String commands = Files.readString(ADDIN.resolve("static/addin/commands.js"), StandardCharsets.UTF_8);
        java.util.regex.Matcher command = java.util.regex.Pattern.compile("OPEN_PANE_COMMAND = \"([^\"]+)\"").matcher(commands);
        assertThat(command.find()).as("commands.js names the button its reminder opens").isTrue();
        String manifest = Files.readString(ADDIN.resolve("io/genjin/outlook/manifest/manifest.xml"), StandardCharsets.UTF_8);
        String compose = manifest.substring(manifest.lastIndexOf("MessageComposeCommandSurface"));
        assertThat(compose).contains("<Control xsi:type=\"Button\" id=\"" + command.group(1) + "\">");
        String handler = java.util.regex.Pattern.compile("FunctionName=\"([^\"]+)\"").matcher(manifest).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();
        assertThat(commands).contains("Office.actions.associate(\"" + handler + "\"");
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
