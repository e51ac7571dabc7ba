package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class MailFrameTest {

    @Test
    void theFramesPolicyAllowsNoScriptNoFormNoBaseAndRemoteImagesOnlyWhenAllowed() {
        String off = MailFrame.policy(false);
        String on = MailFrame.policy(true);

        assertThat(off).startsWith("default-src 'none'; img-src data:;").doesNotContain("script-src", "http:")
                .contains("base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'", "sandbox allow-popups");
        assertThat(on).contains("img-src data: http: https:;").doesNotContain("script-src", "allow-scripts");
        assertThat(off).doesNotContain("allow-scripts", "allow-same-origin", "allow-forms", "unsafe-inline");
    }

    @Test
    void theDocumentCarriesOnlyTheStyleThePolicyHashes() {
        assertThat(MailFrame.document("<p>Hi</p>")).contains("<style>" + MailFrame.STYLE + "</style>")
                .endsWith("<body><p>Hi</p></body></html>");
    }

    @Test
    void anAttachmentKeepsItsStoredTypeUnlessThatIsNoType() {
        assertThat(MailPages.storedType("application/pdf")).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(MailPages.storedType("text/plain; charset=gb18030").getCharset()).hasToString("GB18030");
        assertThat(MailPages.storedType("nonsense")).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(MailPages.storedType("*/*")).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(MailPages.storedType(null)).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
    }
}
