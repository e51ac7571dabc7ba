package io.genjin.gateway.reading;

/**
 * What a person reads of one stored message: the new part of the text (with its signature), the
 * quoted history apart, and the original HTML as the sender wrote it (not yet made safe: the viewer
 * decides about remote images when it is sanitised).
 *
 * @param reply the new text, or the whole text when nothing is quoted
 * @param quoted the quoted history, empty when there is none
 * @param html the HTML body, null for a plain-text message
 * @param cut whether a body was longer than the reading limit and is shown in part
 */
public record MailContent(String reply, String quoted, String html, boolean cut) {

    public boolean hasQuoted() {
        return quoted != null && !quoted.isBlank();
    }

    public boolean hasHtml() {
        return html != null && !html.isBlank();
    }
}
