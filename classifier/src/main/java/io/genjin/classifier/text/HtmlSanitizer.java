package io.genjin.classifier.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Email HTML made safe to show inside a page: no script, no event handlers, no forms, links that
 * cannot reach back (rel=noopener), and no remote content unless the viewer allowed images — a
 * remote image is a read receipt for the sender.
 */
public final class HtmlSanitizer {

    private HtmlSanitizer() {
    }

    public static String sanitize(String html, boolean allowRemoteImages) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Safelist safelist = Safelist.relaxed()
                .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
                .addEnforcedAttribute("a", "target", "_blank")
                .removeProtocols("img", "src", "http", "https");
        // Embedded images (data:, cid:) carry no read receipt, so allowing remote ones keeps them too.
        safelist.addProtocols("img", "src", "cid", "data");
        if (allowRemoteImages) {
            safelist.addProtocols("img", "src", "http", "https");
        }
        Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", safelist, settings);
    }

    /** Whether the HTML has an image from the network, i.e. whether asking the viewer to allow them makes sense. */
    public static boolean hasRemoteImages(String html) {
        if (html == null || html.isBlank()) {
            return false;
        }
        return !Jsoup.parse(html).select("img[src~=(?i)^\\s*(https?:)?//]").isEmpty();
    }
}
