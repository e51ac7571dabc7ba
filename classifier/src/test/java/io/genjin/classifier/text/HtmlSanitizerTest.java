package io.genjin.classifier.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlSanitizerTest {

    @Test
    void sanitizeWhenScriptsAndHandlersShouldRemoveThem() {
        String safe = HtmlSanitizer.sanitize("<p onclick=\"steal()\">Hi</p><script>alert(1)</script><a href=\"javascript:x()\">x</a>", false);
        assertThat(safe).doesNotContain("script", "onclick", "javascript");
        assertThat(safe).contains("<p>Hi</p>");
    }

    @Test
    void sanitizeWhenRemoteImagesNotAllowedShouldDropTheirSource() {
        assertThat(HtmlSanitizer.sanitize("<img src=\"https://tracker.example.com/p.gif\">", false)).doesNotContain("tracker");
        assertThat(HtmlSanitizer.sanitize("<img src=\"https://cdn.example.com/logo.png\">", true)).contains("cdn.example.com");
    }

    @Test
    void sanitizeWhenLinksShouldOpenSafely() {
        assertThat(HtmlSanitizer.sanitize("<a href=\"https://example.com\">site</a>", false)).contains("rel=\"nofollow noopener noreferrer\"");
    }

    @Test
    void sanitizeWhenRemoteImagesAllowedShouldKeepEmbeddedOnesToo() {
        assertThat(HtmlSanitizer.sanitize("<img src=\"data:image/png;base64,iVBORw0KGgo=\">", true)).contains("data:image/png");
    }

    @Test
    void hasRemoteImagesWhenAnImageComesFromTheNetworkOnly() {
        assertThat(HtmlSanitizer.hasRemoteImages("<p><img src=\"https://cdn.example.com/logo.png\"></p>")).isTrue();
        assertThat(HtmlSanitizer.hasRemoteImages("<img src=\"//cdn.example.com/logo.png\">")).isTrue();
        assertThat(HtmlSanitizer.hasRemoteImages("<img src=\"data:image/png;base64,iVBORw0KGgo=\"><a href=\"https://x\">x</a>")).isFalse();
        assertThat(HtmlSanitizer.hasRemoteImages(null)).isFalse();
    }

    @Test
    void sanitizeWhenImagesAreEmbeddedShouldInlineThemAsDataAndNothingElse() {
        String html = "<p>Logo <img src=\"cid:logo@acme\"> and <img src=\"cid:other\"> and <img src=\"cid:evil\"></p>";

        String safe = HtmlSanitizer.sanitize(html, false, cid -> switch (cid) {
            case "logo@acme" -> "data:image/png;base64,iVBORw0KGgo=";
            case "evil" -> "javascript:alert(1)";
            default -> null;
        });

        assertThat(safe).isEqualTo("<p>Logo <img src=\"data:image/png;base64,iVBORw0KGgo=\"> and <img> and <img></p>");
    }
}
