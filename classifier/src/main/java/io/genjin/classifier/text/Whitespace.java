package io.genjin.classifier.text;

/** Whitespace in text shown or kept short: the timeline's snippet, a bounce's diagnostic. */
public final class Whitespace {
    private Whitespace() {
    }

    /**
     * The first {@code max} characters of the text with each run of whitespace ({@code \s}: space,
     * tab, line breaks, form feed) made one space, and whitespace at both ends stripped: what
     * {@code text.replaceAll("\\s+", " ").strip()} cut to {@code max} gives, without reading the rest of a
     * long message (that regular expression over every whole message was 3 % of an import's pipeline
     * thread, for the timeline's snippet).
     */
    public static String squash(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        boolean space = false;
        int i = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (out.isEmpty() && Character.isWhitespace(c)) {
                continue; // the leading strip
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                space = true;
                continue;
            }
            if (space && out.length() < max) {
                out.append(' ');
            }
            space = false;
            if (out.length() >= max) {
                break;
            }
            out.append(c);
        }
        // Cut at max: the strip at the end removes nothing when anything but whitespace follows.
        for (; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return out.toString();
            }
        }
        return out.toString().stripTrailing();
    }
}
