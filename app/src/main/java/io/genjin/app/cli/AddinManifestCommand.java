package io.genjin.app.cli;

import io.genjin.app.addin.AddinProperties;
import io.genjin.outlook.manifest.AddinManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code genjin addin-manifest DIR [--genjin.addin.public-url=https://crm.example.com ...]}: writes
 * the add-in manifest an admin uploads ({@code DIR/manifest.xml}) from the same settings the server
 * reads (application.yml, environment variables such as {@code GENJIN_PUBLIC_URL}, and the options
 * given), plus the two icons the JSON manifest's app package carries ({@code DIR/icons/}).
 * Starts nothing: only the {@code genjin.addin} settings are read. {@code scripts/addin-manifest}
 * then converts it to the unified JSON manifest.
 */
final class AddinManifestCommand {
    /** The colour and outline icons of the unified manifest's app package. */
    static final List<String> PACKAGE_ICONS = List.of("icon-192.png", "outline-32.png");

    private AddinManifestCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        List<String> options = new ArrayList<>();
        Path dir = null;
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.add(a);
            } else if (dir == null && !a.startsWith("-")) {
                dir = Path.of(a);
            } else {
                throw new IllegalArgumentException("usage: genjin addin-manifest DIR [--genjin.addin.public-url=URL ...]");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("usage: genjin addin-manifest DIR [--genjin.addin.public-url=URL ...]");
        }
        AddinManifest manifest = settings(options).manifest();
        try {
            Files.createDirectories(dir.resolve("icons"));
            Files.writeString(dir.resolve("manifest.xml"), manifest.xml(), StandardCharsets.UTF_8);
            for (String icon : PACKAGE_ICONS) {
                try (InputStream in = AddinManifestCommand.class.getResourceAsStream("/static/addin/icons/" + icon)) {
                    if (in == null) {
                        throw new IllegalStateException("the icon " + icon + " is missing from the jar");
                    }
                    Files.copy(in, dir.resolve("icons").resolve(icon), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("addin-manifest: " + dir.resolve("manifest.xml") + " for " + manifest.base() + " (id " + manifest.id() + ")");
        return 0;
    }

    /** {@code genjin.addin.*} as the server would bind it, without starting the server. */
    static AddinProperties settings(List<String> options) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(options.toArray(String[]::new)));
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                    new ClassPathResource("application.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bindOrCreate("genjin.addin", AddinProperties.class);
    }
}
