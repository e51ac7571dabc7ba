package io.genjin.classifier.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HTML body to plain text: paragraphs and line breaks kept, hidden elements, styles, scripts and
 * images (tracking pixels included) dropped. Blockquotes come out as {@code > } lines so that the
 * plain-text reply stripper treats HTML and text replies the same way.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5",
            "h6", "table", "ul", "ol", "blockquote", "pre", "hr", "section", "article", "header", "footer", "dl",
            "dt", "dd", "address", "center");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Pattern HIDDEN_STYLE = Pattern.compile(
            "(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden|max-height\\s*:\\s*0|font-size\\s*:\\s*0(?![.\\d])");

    /**
     * The texts of the HTML bodies read most recently: an HTML-only message is turned into text by the
     * classifier and again by the search index moments later ({@link RecentResults#ofBodies}: the index
     * reads a message as the pipeline did, so a long body is converted once, where it costs most).
     */
    private static final RecentResults<String> RECENT = RecentResults.ofBodies(HtmlText::convert, String::length);

    private HtmlText() {
    }

    public static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return RECENT.of(html);
    }

    private static String convert(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, head, title, noscript, template, img, object, embed, iframe, svg, [hidden]").remove();
        for (Element element : document.select("[style]")) {
            if (HIDDEN_STYLE.matcher(element.attr("style")).find()) {
                element.remove();
            }
        }
        TextCollector collector = new TextCollector();
        NodeTraversor.traverse(collector, document.body() == null ? document : document.body());
        return collector.result();
    }

    /** Collects text, turning block boundaries into line breaks and blockquote depth into {@code >}. */
    private static final class TextCollector implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int quoteDepth;
        private boolean lineStart = true;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                String value = text.getWholeText().replace('\u00a0', ' ');
                if (!inPre(node)) {
                    value = WHITESPACE.matcher(value).replaceAll(" ");
                    if (lineStart) {
                        value = value.stripLeading();
                    }
                }
                if (!value.isEmpty()) {
                    writeText(value);
                }
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("br")) {
                    trimTrailingSpace();
                    out.append('\n');
                    lineStart = true;
                } else if (BLOCKS.contains(tag)) {
                    newline(false);
                }
                if (tag.equals("blockquote")) {
                    quoteDepth++;
                }
                if (tag.equals("td") || tag.equals("th")) {
                    if (!lineStart) {
                        out.append(' ');
                    }
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("blockquote")) {
                    quoteDepth--;
                }
                if (BLOCKS.contains(tag) && !tag.equals("br")) {
                    newline(tag.equals("p"));
                }
            }
        }

        private void writeText(String value) {
            String[] lines = value.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    out.append('\n');
                    lineStart = true;
                }
                if (lines[i].isEmpty()) {
                    continue;
                }
                if (lineStart) {
                    out.append("> ".repeat(quoteDepth));
                }
                out.append(lines[i]);
                lineStart = false;
            }
        }

        private void newline(boolean paragraph) {
            if (!lineStart) {
                trimTrailingSpace();
                out.append('\n');
                lineStart = true;
            }
            if (paragraph && !out.isEmpty() && !endsWithBlankLine()) {
                out.append(quoteDepth > 0 ? ">".repeat(quoteDepth) + "\n" : "\n");
            }
        }

        private boolean endsWithBlankLine() {
            int n = out.length();
            return n >= 2 && out.charAt(n - 1) == '\n' && (out.charAt(n - 2) == '\n' || out.charAt(n - 2) == '>');
        }

        private void trimTrailingSpace() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }

        private static boolean inPre(Node node) {
            for (Node p = node.parent(); p != null; p = p.parent()) {
                if (p instanceof Element e && e.normalName().toLowerCase(Locale.ROOT).equals("pre")) {
                    return true;
                }
            }
            return false;
        }

        String result() {
            return BLANK_LINES.matcher(out).replaceAll("\n\n").strip();
        }
    }
}
