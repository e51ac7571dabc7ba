package io.genjin.gateway.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A message's part tree as the parser built it, and the choice of what is body and what is
 * attachment, by the algorithm of RFC 8621 §4.1.4 (JMAP), which mainstream clients agree with.
 */
final class BodyParts {
    private BodyParts() {
    }

    sealed interface Node permits Multipart, Leaf {
        String type();
    }

    record Multipart(String type, List<Node> children) implements Node {
    }

    /**
     * A leaf. {@code text} is set for text/plain and text/html bodies and report parts (decoded; a
     * report part up to {@link MailParser#REPORT_PART_BYTES}), and for a parsed message/rfc822 holds
     * its header block, {@code nested} the message itself; {@code bytes} holds a text or report leaf's
     * raw bytes until it is known whether it is an attachment that must reach the attachment store.
     */
    record Leaf(int index, String type, String disposition, String name, String contentId, long size, String text,
            byte[] bytes, String storedId, ParsedMail nested) implements Node {
    }

    /** The leaves shown as text, as HTML, and the attachments; a leaf may be in more than one. */
    record Selection(List<Leaf> textBody, List<Leaf> htmlBody, List<Leaf> attachments) {
    }

    static Selection select(Node root) {
        List<Leaf> text = new ArrayList<>();
        List<Leaf> html = new ArrayList<>();
        List<Leaf> attachments = new ArrayList<>();
        walk(List.of(root), "mixed", false, text, html, attachments);
        return new Selection(text, html, attachments);
    }

    private static void walk(List<Node> parts, String multipartType, boolean inAlternative, List<Leaf> textBody,
            List<Leaf> htmlBody, List<Leaf> attachments) {
        int textLength = textBody == null ? -1 : textBody.size();
        int htmlLength = htmlBody == null ? -1 : htmlBody.size();
        for (int i = 0; i < parts.size(); i++) {
            Node part = parts.get(i);
            if (part instanceof Multipart m) {
                String sub = m.type().substring(m.type().indexOf('/') + 1);
                walk(m.children(), sub, inAlternative || sub.equals("alternative"), textBody, htmlBody, attachments);
                continue;
            }
            Leaf leaf = (Leaf) part;
            boolean media = isInlineMedia(leaf.type());
            boolean inline = !"attachment".equals(leaf.disposition())
                    && (leaf.type().equals("text/plain") || leaf.type().equals("text/html") || media)
                    && (i == 0 || (!multipartType.equals("related") && (media || leaf.name() == null)));
            if (!inline) {
                attachments.add(leaf);
                continue;
            }
            if (multipartType.equals("alternative")) {
                switch (leaf.type()) {
                    case "text/plain" -> add(textBody, leaf);
                    case "text/html" -> add(htmlBody, leaf);
                    default -> attachments.add(leaf);
                }
                continue;
            }
            if (inAlternative) {
                if (leaf.type().equals("text/plain")) {
                    htmlBody = null;
                }
                if (leaf.type().equals("text/html")) {
                    textBody = null;
                }
            }
            add(textBody, leaf);
            add(htmlBody, leaf);
            // RFC 8621 lists inline media as attachments only when a body list is missing; we list them
            // always (flagged inline), so inline images reach the attachment store and the timeline.
            if (media) {
                attachments.add(leaf);
            }
        }
        if (multipartType.equals("alternative") && textBody != null && htmlBody != null) {
            if (textLength == textBody.size() && htmlLength != htmlBody.size()) {
                textBody.addAll(new ArrayList<>(htmlBody.subList(htmlLength, htmlBody.size())));
            }
            if (htmlLength == htmlBody.size() && textLength != textBody.size()) {
                htmlBody.addAll(new ArrayList<>(textBody.subList(textLength, textBody.size())));
            }
        }
    }

    private static void add(List<Leaf> list, Leaf leaf) {
        if (list != null) {
            list.add(leaf);
        }
    }

    private static boolean isInlineMedia(String type) {
        return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/");
    }
}
