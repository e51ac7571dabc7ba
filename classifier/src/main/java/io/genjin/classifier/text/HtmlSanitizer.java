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
        if (allowRemoteImages) {
            safelist.addProtocols("img", "src", "http", "https");
        } else {
            safelist.addProtocols("img", "src", "cid", "data");
        }
        Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", safelist, settings);
    }
}
