package io.genjin.classifier.reply;

import java.util.List;

/**
 * One body cut at its quoted history ({@link ReplyStripper#cutOf}), with the reply last made from it
 * and the sender it was made for: the classifier and the search index strip the same body, one after
 * the other, often for the same sender.
 */
final class Cut {
    private final List<String> lines;
    private final List<String> quoted;
    private final int end;
    private final String whole;
    private final long chars;
    private volatile Made last;

    Cut(List<String> lines, List<String> quoted, int end, String whole) {
        this.lines = lines;
        this.quoted = quoted;
        this.end = end;
        this.whole = whole;
        this.chars = lines.stream().mapToLong(String::length).sum() + quoted.stream().mapToLong(String::length).sum()
                + whole.length();
    }

    List<String> lines() {
        return lines;
    }

    List<String> quoted() {
        return quoted;
    }

    int end() {
        return end;
    }

    String whole() {
        return whole;
    }

    /** About how many characters this holds, for the bound on what {@link RecentCuts} keeps. */
    long chars() {
        return chars;
    }

    /** The reply made from this cut for this sender, when it was the last one made; else null. */
    Reply reply(String sender) {
        Made made = last;
        return made != null && made.sender().equals(sender) ? made.reply() : null;
    }

    void remember(String sender, Reply reply) {
        last = new Made(sender, reply);
    }

    private record Made(String sender, Reply reply) {
    }
}
