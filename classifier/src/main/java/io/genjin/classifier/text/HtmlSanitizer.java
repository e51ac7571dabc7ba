package io.genjin.classifier.text;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Email HTML made safe to show inside a page: no script, no event handlers, no forms, links that
 * cannot reach back (rel=noopener), and no remote content unless the viewer allowed images — a
 * remote image is a read receipt for the sender.
 */
public final class HtmlSanitizer {

    private static final Pattern DATA_IMAGE = Pattern.compile("data:image/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]*={0,2}");

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

    /**
     * As {@link #sanitize(String, boolean)}, with each embedded image ({@code cid:}, a part of the same
     * message) replaced by what {@code inlineImages} answers for its Content-ID: a base64 {@code data:image/}
     * URI, or null to drop it. The answer is checked again here, so a caller's mistake cannot put
     * anything else into a {@code src}.
     */
    public static String sanitize(String html, boolean allowRemoteImages, Function<String, String> inlineImages) {
        String clean = sanitize(html, allowRemoteImages);
        if (!clean.contains("cid:")) {
            return clean;
        }
        Document doc = Jsoup.parseBodyFragment(clean);
        doc.outputSettings().prettyPrint(false);
        for (Element img : doc.select("img[src^=cid:]")) {
            String uri = inlineImages.apply(img.attr("src").substring(4).strip());
            if (uri != null && DATA_IMAGE.matcher(uri).matches()) {
                img.attr("src", uri);
            } else {
                img.removeAttr("src");
            }
        }
        return doc.body().html();
    }

    /** Whether the HTML has an image from the network, i.e. whether asking the viewer to allow them makes sense. */
    public static boolean hasRemoteImages(String html) {
        if (html == null || html.isBlank()) {
            return false;
        }
        return !Jsoup.parse(html).select("img[src~=(?i)^\\s*(https?:)?//]").isEmpty();
    }
}
