package io.genjin.app.addin;

import io.genjin.outlook.manifest.AddinManifest;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Outlook add-in ({@code genjin.addin.*}; docs/outlook-addin.md).
 *
 * @param publicUrl   the https origin Outlook loads the add-in from: the manifest's host, its
 *                    {@code AppDomains} and every page and icon URL in it
 * @param id          the manifest's {@code <Id>}; stable for the life of a deployment, since Microsoft
 *                    365 treats another id as another add-in
 * @param china       the tenants are operated by 21Vianet (世纪互联): office.js and sign-in come from
 *                    the partner.office365.cn / login.partner.microsoftonline.cn endpoints
 * @param officeJsUrl where the task pane loads office.js from; empty: Microsoft's (or 21Vianet's) CDN
 *                    address, the only place Microsoft supports loading it from
 * @param entra       nested app authentication (NAA) with Microsoft Entra ID; off without a client id,
 *                    and the add-in then signs in with a Genjin personal token through a dialog
 * @param priceLists  price lists compose mode offers to link to ({@code GET /api/addin/snippets}), each a
 *                    name and a URL; a link to one of them in a draft also counts as a quotation cue
 */
@ConfigurationProperties("genjin.addin")
public record AddinProperties(@DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41") String id, @DefaultValue("false") boolean china,
        String officeJsUrl, @DefaultValue Entra entra, @DefaultValue List<PriceList> priceLists) {

    /** A price list: the name a salesperson sees and the address the link goes to. */
    public record PriceList(String name, URI url) {
    }

    /** Microsoft's office.js, and 21Vianet's copy for tenants it operates (the address each cloud supports). */
    static final URI OFFICE_JS = URI.create("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    static final URI OFFICE_JS_CHINA = URI.create("https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js");
    /** Microsoft Entra ID's sign-in host, and the one of Microsoft Entra operated by 21Vianet. */
    static final URI SIGN_IN = URI.create("https://login.microsoftonline.com");
    static final URI SIGN_IN_CHINA = URI.create("https://login.partner.microsoftonline.cn");

    /** Where the task pane and the send handler load office.js from. */
    public URI officeJs() {
        return present(officeJsUrl) ? URI.create(officeJsUrl.trim()) : china ? OFFICE_JS_CHINA : OFFICE_JS;
    }

    /** Where MSAL signs in: the configured authority, else the cloud's {@code /organizations} (work accounts). */
    public URI authority() {
        return present(entra.authority()) ? URI.create(entra.authority().trim())
                : (china ? SIGN_IN_CHINA : SIGN_IN).resolve("/organizations");
    }

    /**
     * The {@code aud} of Genjin's API tokens: configured, else {@code api://<public host[:port]>/<client id>}
     * (the Application ID URI form Entra suggests for an add-in's API, port included as in its examples).
     */
    public String audience() {
        return present(entra.audience()) ? entra.audience().trim() : "api://" + publicUrl.getRawAuthority() + "/" + entra.clientId();
    }

    /** The delegated scope the add-in asks Entra for: configured, else {@code <audience>/access_as_user}. */
    public String scope() {
        return present(entra.scope()) ? entra.scope().trim() : audience() + "/access_as_user";
    }

    /** The manifest these settings describe; the sign-in origin is trusted beside the app's own. */
    public AddinManifest manifest() {
        URI authority = authority();
        return new AddinManifest(publicUrl, id, List.of(URI.create(authority.getScheme() + "://" + authority.getRawAuthority())));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }


    /**
     * @param clientId  the add-in's Entra app registration (a single-page application with the
     *                  {@code brk-multihub://} redirect NAA needs)
     * @param audience  the {@code aud} Genjin's API tokens must carry; empty: {@code api://<host[:port]>/<clientId>}
     * @param scope     the delegated scope the add-in asks for; empty: {@code <audience>/access_as_user}
     * @param tenants   tenant ids whose users may sign in; empty refuses every Entra token
     * @param authority where MSAL signs in; empty: {@code https://login.microsoftonline.com/organizations}
     *                  (or the 21Vianet one when {@code china})
     * @param issuer    the {@code iss} an access token of tenant {@code {tid}} must carry; empty:
     *                  {@code https://login.microsoftonline.com/{tid}/v2.0} (21Vianet:
     *                  {@code https://login.partner.microsoftonline.cn/{tid}/v2.0})
     * @param jwksUri   where the signing keys are published; empty: the {@code common/discovery/v2.0/keys}
     *                  document of that sign-in host
     */
    public record Entra(String clientId, String audience, String scope, @DefaultValue List<String> tenants,
            String authority, String issuer, URI jwksUri) {

        public boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }
    }
}
