package io.genjin.app.addin;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Outlook fetches from Genjin without signing in, and the framing rules of the add-in's pages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"genjin.dropbox.enabled=false",
        "genjin.addin.public-url=https://crm.example.com", "genjin.addin.entra.client-id=11111111-2222-3333-4444-555555555555"})
class AddinManifestEndpointsTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void anyoneCanDownloadTheManifestForTheConfiguredPublicUrl() throws Exception {
        HttpResponse<String> manifest = get("/addin/manifest.xml");

        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        assertThat(manifest.body()).contains("<Id>6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41</Id>",
                "DefaultValue=\"https://crm.example.com/addin/taskpane.html\"", "SendMode=\"SoftBlock\"",
                "<AppDomain>https://login.microsoftonline.com</AppDomain>");
    }

    @Test
    void theIconsTheManifestNamesAreServed() throws Exception {
        for (int size : new int[] {16, 32, 64, 80, 128}) {
            HttpResponse<String> icon = get("/addin/icons/icon-" + size + ".png");
            assertThat(icon.statusCode()).as("icon " + size).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/png");
        }
    }

    @Test
    void theWellKnownFileAllowsOnlyTheSendHandlersScript() throws Exception {
        HttpResponse<String> allowed = get("/.well-known/microsoft-officeaddins-allowed.json");

        assertThat(allowed.statusCode()).isEqualTo(200);
        JsonNode json = JsonMapper.builder().build().readTree(allowed.body());
        assertThat(json.propertyNames()).containsExactly("allowed");
        assertThat(json.get("allowed")).hasSize(1);
        assertThat(json.get("allowed").get(0).asString()).isEqualTo("https://crm.example.com/addin/commands.js");
    }

    @Test
    void thePanesConfigurationNamesTheApiOfficeJsAndNestedAppAuthentication() throws Exception {
        HttpResponse<String> config = get("/addin/config.json");

        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode json = JsonMapper.builder().build().readTree(config.body());
        assertThat(json.get("apiBase").asString()).isEqualTo("https://crm.example.com/api");
        assertThat(json.get("webBase").asString()).isEqualTo("https://crm.example.com");
        assertThat(json.get("officeJsUrl").asString()).isEqualTo("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
        JsonNode naa = json.get("naa");
        assertThat(naa.get("enabled").asBoolean()).isTrue();
        assertThat(naa.get("clientId").asString()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(naa.get("authority").asString()).isEqualTo("https://login.microsoftonline.com/organizations");
        assertThat(naa.get("scope").asString())
                .isEqualTo("api://crm.example.com/11111111-2222-3333-4444-555555555555/access_as_user");
    }

    @Test
    void outlookOnTheWebMayFrameTheAddinsPagesAndNoOtherPage() throws Exception {
        HttpResponse<String> addin = get("/addin/icons/icon-16.png");
        HttpResponse<String> signIn = get("/signin");

        assertThat(addin.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'self' https://outlook.office.com https://outlook.office365.com "
                        + "https://outlook.cloud.microsoft https://outlook.live.com https://partner.outlook.cn;")
                .contains("script-src 'self' https://appsforoffice.microsoft.com;")
                .contains("connect-src 'self' https://login.microsoftonline.com"));
        assertThat(addin.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(signIn.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'").doesNotContain("outlook"));
        assertThat(signIn.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
