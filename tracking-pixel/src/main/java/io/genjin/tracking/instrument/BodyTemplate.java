package io.genjin.tracking.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An outbound body parsed once, rendered once per recipient: HTML gets its trackable links rewritten
 * and a 1×1 pixel at the end of the body; plain text gets its trackable URLs rewritten (text has no
 * pixel: a text-only mail cannot report opens). The distinct tracked URLs, in order of first
 * appearance, are the message's link list; a click token names a position in it.
 */
public final class BodyTemplate {
    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"'\\u00a0]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?)]}'\"";
    private final Document html;
    private final List<Element> anchors = new ArrayList<>();
    private final List<Integer> anchorLinks = new ArrayList<>();
    private final String text;
    private final List<TextUrl> textUrls = new ArrayList<>();
    private final Map<String, Integer> links = new LinkedHashMap<>();
    private Element pixel;

    private BodyTemplate(String html, String text, LinkPolicy policy) {
        this.text = text;
        if (html != null) {
            this.html = Jsoup.parse(html);
            this.html.outputSettings().prettyPrint(false);
            for (Element a : this.html.select("a[href]")) {
                String href = a.attr("href").trim();
                if (!"off".equalsIgnoreCase(a.attr("data-genjin-track")) && policy.trackable(href, a.text())) {
                    anchors.add(a);
                    anchorLinks.add(links.computeIfAbsent(href, k -> links.size()));
                }
            }
        } else {
            this.html = null;
        }
        if (text != null) {
            Matcher m = TEXT_URL.matcher(text);
            while (m.find()) {
                String url = trimTrailing(m.group());
                int lineStart = text.lastIndexOf('\n', m.start()) + 1;
                String line = text.substring(lineStart, m.start());
                if (policy.trackable(url, line)) {
                    textUrls.add(new TextUrl(m.start(), m.start() + url.length(), links.computeIfAbsent(url, k -> links.size())));
                }
            }
        }
    }

    public static BodyTemplate parse(String html, String text, LinkPolicy policy) {
        return new BodyTemplate(html, text, policy);
    }

    public List<String> links() {
        return List.copyOf(links.keySet());
    }

    /** How many places in the body carry a tracked link (each becomes a click URL in every copy). */
    public int occurrences() {
        return anchors.size() + textUrls.size();
    }

    /** The HTML for one recipient, or null when the message has no HTML part. */
    public String html(IntFunction<String> clickUrl, String pixelUrl) {
        if (html == null) {
            return null;
        }
        for (int i = 0; i < anchors.size(); i++) {
            anchors.get(i).attr("href", clickUrl.apply(anchorLinks.get(i)));
        }
        if (pixel == null) {
            pixel = html.body().appendElement("img").attr("width", "1").attr("height", "1").attr("alt", "")
                    .attr("style", "display:block;border:0;width:1px;height:1px");
        }
        pixel.attr("src", pixelUrl);
        return html.outerHtml();
    }

    /** The text for one recipient, or null when the message has no text part. */
    public String text(IntFunction<String> clickUrl) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + textUrls.size() * 64);
        int at = 0;
        for (TextUrl url : textUrls) {
            out.append(text, at, url.start()).append(clickUrl.apply(url.link()));
            at = url.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
            // A closing parenthesis belongs to the URL when it has its opening one (Wikipedia-style URLs).
            if (url.charAt(end - 1) == ')' && url.substring(0, end).chars().filter(c -> c == '(').count()
                    >= url.substring(0, end).chars().filter(c -> c == ')').count()) {
                break;
            }
            end--;
        }
        return url.substring(0, end);
    }

    private record TextUrl(int start, int end, int link) {
    }
}
