package io.genjin.outlook.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Outlook add-in's add-in-only (XML) manifest: the one form every Outlook reads (classic and new
 * Outlook on Windows, the web, Mac, mobile). The markup is a file beside this class; only the host,
 * the id and the trusted origins come from the settings, so what an admin installs is always what
 * the server it points at serves.
 *
 * @param publicUrl the https origin (and optional path) the app is reached at; every page, script
 *                  and icon in the manifest is under {@code <publicUrl>/addin/}
 * @param id        the manifest's {@code <Id>}, a GUID that stays the same for the life of a deployment
 * @param appDomains further origins Office should trust, such as the sign-in authority's
 */
public record AddinManifest(URI publicUrl, String id, List<URI> appDomains) {
    /** Bump when the markup changes, so Microsoft 365 offers the new manifest as an update. */
    public static final String VERSION = "1.0.0.0";
    /** The one script the JavaScript-only runtime of classic Outlook on Windows loads for OnMessageSend. */
    public static final String SEND_HANDLER_SCRIPT = "/addin/commands.js";
    private static final String TEMPLATE = "manifest.xml";

    public AddinManifest {
        String scheme = publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || publicUrl.getHost() == null
                || publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the add-in's public URL must be an http(s) address without query or "
                    + "fragment, not " + publicUrl);
        }
        try {
            id = UUID.fromString(id.trim()).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the add-in's id must be a GUID, not " + id);
        }
        appDomains = List.copyOf(appDomains);
    }

    /** The manifest as served at {@code /addin/manifest.xml}. */
    public String xml() {
        return template().replace("{{base}}", escape(base()))
                .replace("{{id}}", escape(id))
                .replace("{{version}}", VERSION)
                .replace("{{appDomains}}", trustedOrigins().stream()
                        .map(origin -> "    <AppDomain>" + escape(origin) + "</AppDomain>")
                        .collect(Collectors.joining("\n")));
    }

    /**
     * {@code /.well-known/microsoft-officeaddins-allowed.json}'s list: the scripts on this origin that
     * may make cross-origin requests and get tokens from an event handler (Outlook on Windows checks
     * it before the send handler's script may call the API).
     */
    public List<String> allowedScripts() {
        return List.of(base() + SEND_HANDLER_SCRIPT);
    }

    /** The public URL without a trailing slash: the prefix of every address in the manifest. */
    public String base() {
        String url = publicUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The public origin itself (Outlook on the web and new Outlook want the add-in's own origin listed
     * for the sign-in dialog) and the configured others, each an origin only: scheme, host and
     * port, no path and no closing slash, as {@code <AppDomain>} requires.
     */
    List<String> trustedOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(publicUrl));
        appDomains.forEach(domain -> origins.add(origin(domain)));
        return List.copyOf(origins);
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? scheme + "://" + host : scheme + "://" + host + ":" + uri.getPort();
    }

    private static String template() {
        try (InputStream in = AddinManifest.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the add-in manifest template is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
