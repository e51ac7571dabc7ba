package io.genjin.followup.notify;

import java.time.Instant;

/** A notification as a channel sends it: the words, plus what a machine receiver needs. */
record Outgoing(String notificationId, Notification.Kind kind, String title, String text, String link, String userId,
        String userName, String locale, String address, String taskId, String companyId, Instant createdAt) {

    /** Markdown for the robots that render it (WeCom, DingTalk): a heading, the text, the link. */
    String markdown() {
        StringBuilder md = new StringBuilder("### ").append(title).append("\n\n").append(text.replace("\n", "\n\n"));
        if (link != null) {
            md.append("\n\n[").append(link).append("](").append(link).append(')');
        }
        return md.toString();
    }

    /** Plain text for the receivers that take plain text (Feishu text messages, email). */
    String plain() {
        return title + "\n" + text + (link == null ? "" : "\n" + link);
    }
}
