package io.genjin.app.addin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddinPropertiesTest {
    private static final String ID = "6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41";

    @Test
    void theGlobalCloudLoadsMicrosoftsOfficeJsAndSignsInAtLoginMicrosoftonlineCom() {
        AddinProperties global = settings(false, null, null);

        assertThat(global.officeJs()).hasToString("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
        assertThat(global.authority()).hasToString("https://login.microsoftonline.com/organizations");
        assertThat(global.manifest().xml()).contains("<AppDomain>https://login.microsoftonline.com</AppDomain>");
    }

    @Test
    void the21VianetSwitchMovesOfficeJsTheAuthorityAndTheTrustedSignInOrigin() {
        AddinProperties china = settings(true, null, null);

        assertThat(china.officeJs())
                .hasToString("https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js");
        assertThat(china.authority()).hasToString("https://login.partner.microsoftonline.cn/organizations");
        assertThat(china.manifest().xml()).contains("<AppDomain>https://login.partner.microsoftonline.cn</AppDomain>")
                .doesNotContain("login.microsoftonline.com");
        assertThat(AddinPagePolicy.contentSecurityPolicy(china))
                .contains("script-src 'self' https://appsforoffice.cdn.partner.office365.cn;")
                .contains("connect-src 'self' https://login.partner.microsoftonline.cn");
    }

    @Test
    void configuredAddressesWinOverTheCloudsDefaults() {
        AddinProperties own = settings(true, "https://cdn.example.com/office/office.js", "https://login.example.com/tenant-a");

        assertThat(own.officeJs()).hasToString("https://cdn.example.com/office/office.js");
        assertThat(own.authority()).hasToString("https://login.example.com/tenant-a");
        assertThat(AddinPagePolicy.contentSecurityPolicy(own)).contains("script-src 'self' https://cdn.example.com;");
    }

    @Test
    void theDefaultAudienceIsTheApplicationIdUriOfThePublicHostWithItsPort() {
        assertThat(settings(false, null, null).audience()).isEqualTo("api://crm.example.com/client");
        assertThat(settings(URI.create("https://localhost:3000"), false, null, null).audience())
                .isEqualTo("api://localhost:3000/client");
        assertThat(settings(false, null, null).scope()).isEqualTo("api://crm.example.com/client/access_as_user");
    }

    private static AddinProperties settings(boolean china, String officeJs, String authority) {
        return settings(URI.create("https://crm.example.com"), china, officeJs, authority);
    }

    private static AddinProperties settings(URI publicUrl, boolean china, String officeJs, String authority) {
        return new AddinProperties(publicUrl, ID, china, officeJs,
                new AddinProperties.Entra("client", null, null, List.of(), authority, null, null), List.of());
    }
}
