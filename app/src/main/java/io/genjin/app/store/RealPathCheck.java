package io.genjin.app.store;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start, before anything connects, on settings that would fail customers quietly: on
 * the real path a {@link RequiredSetting} left unset or at the deploy files' example value, or a
 * public URL on loopback or a reserved example name (every tracked link in a quotation would point
 * at the customer's own machine); on any path an admin token shorter than
 * {@value #MIN_ADMIN_TOKEN} characters. The message names each setting.
 */
public class RealPathCheck implements EnvironmentPostProcessor {
    static final int MIN_ADMIN_TOKEN = 32;
    private static final String ADMIN_TOKEN = "GENJIN_ADMIN_TOKEN (genjin.admin-token)";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems = problems(environment::getProperty);
        if (!problems.isEmpty()) {
            throw new io.genjin.app.start.StartRefused("Genjin does not start with these settings:\n - " + String.join("\n - ", problems),
                    "set them in the environment (or the configuration file) and start again");
        }
    }

    /** What is wrong with the settings {@code property} reads (by property name); empty when nothing is. */
    public static List<String> problems(Function<String, String> property) {
        List<String> problems = new ArrayList<>();
        String admin = property.apply("genjin.admin-token");
        if (admin != null && !admin.isBlank() && admin.trim().length() < MIN_ADMIN_TOKEN) {
            problems.add(ADMIN_TOKEN + " is shorter than " + MIN_ADMIN_TOKEN + " characters: use `openssl rand -base64 32`");
        }
        if (admin != null && example(admin)) {
            problems.add(ADMIN_TOKEN + " is still the example value: use `openssl rand -base64 32`");
        }
        String uri = property.apply(RequiredSetting.MONGODB_URI.property());
        if (uri == null || uri.isBlank()) {
            return problems; // the embedded store: keys are generated into the data directory, URLs may be local
        }
        // A store on this machine's loopback (`genjin store` serving several processes of one machine) is the
        // embedded store shared: public URLs may be local there too, as they may with the store in-process.
        boolean oneMachine = loopbackOnly(uri.trim());
        for (RequiredSetting setting : RequiredSetting.values()) {
            String value = property.apply(setting.property());
            if (value == null || value.isBlank()) {
                problems.add(setting.named() + " is not set; it is required with MONGODB_URI");
            } else if (example(value)) {
                problems.add(setting.named() + " is still the example value");
            } else if (setting.kind() == RequiredSetting.Kind.PUBLIC_URL && !oneMachine) {
                String why = notPublic(value.trim());
                if (why != null) {
                    problems.add(setting.named() + " is " + value.trim() + ", " + why
                            + ": set the address customers' mail clients reach Genjin at");
                }
            }
        }
        return problems;
    }

    /** A mongodb:// URI whose every host is a loopback name or literal (never looked up). */
    static boolean loopbackOnly(String uri) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^mongodb://(?:[^@/]*@)?([^/?]+)").matcher(uri);
        if (!m.find()) {
            return false;
        }
        for (String host : m.group(1).split(",")) {
            String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
            if (!(name.equals("localhost") || loopbackLiteral(name))) {
                return false;
            }
        }
        return true;
    }

    /** The deploy files' placeholders for secrets say so in their value. */
    private static boolean example(String value) {
        return value.toLowerCase(Locale.ROOT).contains("change-me");
    }

    private static String notPublic(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "not a URL";
        }
        String host = uri.getHost();
        if (host == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return "not an http(s) URL";
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost") || loopbackLiteral(name)) {
            return "a loopback address";
        }
        // RFC 2606 / RFC 6761 names never reach anyone: a placeholder left in place.
        if (name.endsWith(".example") || name.endsWith(".invalid") || name.endsWith(".test")
                || name.matches("(.*\\.)?example\\.(com|net|org)")) {
            return "a reserved example name";
        }
        return null;
    }

    /** An IP literal on loopback or unspecified; a name is never looked up here. */
    private static boolean loopbackLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9a-f:.]+") || !(bare.contains(":") || bare.matches("[0-9.]+"))) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(bare);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
