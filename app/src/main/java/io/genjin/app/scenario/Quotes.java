package io.genjin.app.scenario;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** How each mail program quotes the message it replies to, and lays out an inline forward. */
final class Quotes {
    private static final DateTimeFormatter OUTLOOK = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter GMAIL = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy 'at' h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter FOXMAIL = DateTimeFormatter.ofPattern("yyyy年M月d日(EEEE) ahh:mm", Locale.CHINA);
    private static final DateTimeFormatter APPLE = DateTimeFormatter.ofPattern("d MMM yyyy, 'at' HH:mm", Locale.ENGLISH);

    private Quotes() {
    }

    static String reply(Client client, Written parent) {
        return switch (client) {
            case GMAIL -> "\n\nOn " + parent.date().format(GMAIL) + " " + parent.from().shown() + " <" + parent.from().address()
                    + "> wrote:\n" + prefixed(parent.text());
            case APPLE_MAIL -> "\n\n> On " + parent.date().format(APPLE) + ", " + parent.from().shown() + " <"
                    + parent.from().address() + "> wrote:\n> \n" + prefixed(parent.text());
            default -> forwardBlock(client, parent);
        };
    }

    /** The header block of an inline forward; Outlook and Foxmail also quote replies this way. */
    static String forwardBlock(Client client, Written parent) {
        String to = parent.to().stream().map(a -> a.shown() + " <" + a.address() + ">").collect(Collectors.joining("; "));
        return switch (client) {
            case OUTLOOK_365, OUTLOOK_DESKTOP -> "\n\n-----Original Message-----\nFrom: " + parent.from().shown() + " <"
                    + parent.from().address() + ">\nSent: " + parent.date().format(OUTLOOK) + "\nTo: " + to + "\nSubject: "
                    + parent.subject() + "\n\n" + parent.text();
            case FOXMAIL, QQ_MAIL -> "\n\n------------------ 原始邮件 ------------------\n发件人: \"" + parent.from().shown() + "\"<"
                    + parent.from().address() + ">;\n发送时间: " + parent.date().format(FOXMAIL) + "\n收件人: " + to + ";\n主题: "
                    + parent.subject() + "\n\n" + parent.text();
            case GMAIL, APPLE_MAIL -> "\n\n---------- Forwarded message ---------\nFrom: " + parent.from().shown() + " <"
                    + parent.from().address() + ">\nDate: " + parent.date().format(GMAIL) + "\nSubject: " + parent.subject()
                    + "\nTo: " + to + "\n\n" + parent.text();
        };
    }

    private static String prefixed(String text) {
        return text.lines().map(l -> l.isEmpty() ? ">" : "> " + l).collect(Collectors.joining("\n"));
    }
}
