package io.genjin.classifier.bounce;

/**
 * A delivery notice's text and its head, the part a person reads above the returned copy of the
 * message ({@link PlainBounceReader#head}): worked out once, when first asked for, however many of
 * the readers ask (a report with several recipients asks once for each).
 */
final class Notice {
    private final String text;
    private String head;

    Notice(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    String head() {
        if (head == null) {
            head = PlainBounceReader.head(text);
        }
        return head;
    }
}
