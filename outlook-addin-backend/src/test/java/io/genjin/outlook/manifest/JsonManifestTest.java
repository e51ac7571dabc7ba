package io.genjin.outlook.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unified JSON manifest admins may deploy instead: converted from the served XML by npm's
 * office-addin-manifest-converter and valid by @microsoft/app-manifest's schema (both in web/,
 * installed by scripts/install-web-deps, run through web/scripts/json-manifest.js, offline). Skips
 * without Node.js or the packages, except under CI=true.
 */
class JsonManifestTest {
    private static final Path WEB = Path.of("..", "web");
    private static final Path ICONS = Path.of("src", "main", "resources", "static", "addin", "icons");

    @Test
    void theConvertedJsonManifestIsValidAndKeepsTheSoftBlockSendCheck(@TempDir Path dir) throws Exception {
        requireNodeAndPackages();
        AddinManifest manifest = new AddinManifest(URI.create("https://crm.example.com"),
                "6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41", List.of(URI.create("https://login.microsoftonline.com")));
        Path xml = dir.resolve("manifest.xml");
        Files.writeString(xml, manifest.xml(), StandardCharsets.UTF_8);
        Path out = dir.resolve("json");

        Process node = run(xml.toString(), out.toString(), ICONS.toString());
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("is valid");
        String json = Files.readString(out.resolve("manifest.json"));
        assertThat(json).contains("\"id\": \"6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41\"", "\"sendMode\": \"softBlock\"",
                "\"type\": \"messageSending\"", "https://crm.example.com/addin/commands.js", "\"pinnable\": true",
                "\"color\": \"color.png\"", "\"outline\": \"outline.png\"");
        assertThat(out.resolve("color.png")).isNotEmptyFile();
        assertThat(out.resolve("outline.png")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("zh-cn.json"))).contains("跟进 CRM", "客户卡片");
    }

    @Test
    void theValidatorRefusesAManifestWithoutAnIdOrWithAnUnknownSendMode(@TempDir Path dir) throws Exception {
        requireNodeAndPackages();
        Path xml = dir.resolve("manifest.xml");
        Files.writeString(xml, new AddinManifest(URI.create("https://crm.example.com"), "6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41",
                List.of()).xml(), StandardCharsets.UTF_8);
        assertThat(run(xml.toString(), dir.resolve("json").toString(), ICONS.toString()).exitValue()).isZero();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(dir.resolve("json").resolve("manifest.json"))
                .replaceFirst("\"id\": \"[^\"]*\",", "").replace("\"softBlock\"", "\"hardBlock\""));

        Process validator = run("--validate", broken.toString());
        String output = new String(validator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(validator.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("must have required property 'id'", "sendMode must be equal to one of the allowed values");
    }

    private static Process run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("node", WEB.resolve("scripts").resolve("json-manifest.js").toString()));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
        return node;
    }

    private static void requireNodeAndPackages() throws IOException, InterruptedException {
        boolean packages = Files.isDirectory(WEB.resolve("node_modules").resolve("office-addin-manifest-converter"))
                && Files.isDirectory(WEB.resolve("node_modules").resolve("@microsoft").resolve("app-manifest"));
        boolean node = nodeRuns();
        if ((!packages || !node) && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but Node.js or the web packages are missing: run scripts/install-web-deps");
        }
        Assumptions.assumeTrue(node, "Node.js is not installed");
        Assumptions.assumeTrue(packages, "the manifest converter and validator are not installed (scripts/install-web-deps)");
    }

    private static boolean nodeRuns() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
