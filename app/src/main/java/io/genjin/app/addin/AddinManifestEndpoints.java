package io.genjin.app.addin;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Outlook and the add-in read before anyone signs in: the manifest an admin installs, the
 * well-known list of scripts allowed to call out from event handlers, and the pane's configuration.
 * All three are public and say nothing that the manifest itself would not.
 */
@ConditionalOnRole(Roles.API)
@RestController
class AddinManifestEndpoints {
    private static final MediaType XML = new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8);
    private final AddinProperties settings;

    AddinManifestEndpoints(AddinProperties settings) {
        this.settings = settings;
        settings.manifest(); // a public URL or id the manifest cannot carry stops the start, not the first download
    }

    @GetMapping("/addin/manifest.xml")
    ResponseEntity<String> manifest() {
        return ResponseEntity.ok().contentType(XML).cacheControl(CacheControl.noCache())
                .header("Content-Disposition", "inline; filename=\"manifest.xml\"").body(settings.manifest().xml());
    }

    /**
     * The shape Office reads at the origin's root ({@code {"allowed": [script URLs]}}): without it
     * classic Outlook on Windows refuses the send handler's cross-origin calls and tokens.
     */
    @GetMapping(value = "/.well-known/microsoft-officeaddins-allowed.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, List<String>>> allowedScripts() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .body(Map.of("allowed", settings.manifest().allowedScripts()));
    }

    /** What the task pane and the send handler need to know about this server before signing in. */
    @GetMapping(value = "/addin/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> config() {
        String base = settings.manifest().base();
        Map<String, Object> naa = new LinkedHashMap<>();
        naa.put("enabled", settings.entra().enabled());
        naa.put("clientId", settings.entra().enabled() ? settings.entra().clientId().trim() : null);
        naa.put("authority", settings.authority().toString());
        naa.put("scope", settings.entra().enabled() ? settings.scope() : null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiBase", base + "/api");
        config.put("webBase", base);
        config.put("officeJsUrl", settings.officeJs().toString());
        config.put("naa", naa);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }
}
