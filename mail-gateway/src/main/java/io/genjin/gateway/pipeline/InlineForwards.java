package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.mime.ParsedMail.Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forwarded block inside a forward's text, as mail clients write it, in this order of checks:
 * <ol>
 * <li>a separator line: Gmail "---------- Forwarded message ---------", Outlook "-----Original Message-----"
 * and "-----邮件原件-----", QQ/Foxmail "------------------ 原始邮件 ------------------", NetEase
 * "-------- 转发邮件信息 --------", Coremail "-----原始邮件-----", Apple "Begin forwarded message:";</li>
 * <li>or, without one, a header block starting with From:/发件人: (half- or full-width colon);</li>
 * <li>then header lines (From, Sent/Date, To, Cc, Subject in English and 中文, bold markers stripped)
 * until a blank line; the rest is the original's text.</li>
 * </ol>
 */
final class InlineForwards implements ForwardedMessages {
    private static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*(-{2,}\\s*(Forwarded message|Original Message|邮件原件|原始邮件|转发邮件信息|Original|Replied Message|回复的原邮件)\\s*-{2,}|Begin forwarded message:)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern HEADER = Pattern.compile("^\\s*\\*?(From|Sent|Date|To|Cc|Subject|发件人|发送时间|发送日期|日期|时间|收件人|抄送|主题)\\*?\\s*[:：]\\s*\\*?\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);

    @Override
    public Optional<ParsedMail> original(ParsedMail forward) {
        String text = forward.text();
        if (text == null) {
            return Optional.empty();
        }
        String normalized = text.replace("\r\n", "\n");
        Matcher sep = SEPARATOR.matcher(normalized);
        int start;
        if (sep.find()) {
            start = sep.end();
        } else {
            Matcher first = Pattern.compile("^\\s*\\*?(From|发件人)\\*?\\s*[:：]", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)
                    .matcher(normalized);
            if (!first.find()) {
                return Optional.empty();
            }
            start = first.start();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = normalized.substring(start).split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        for (; i < lines.length; i++) {
            Matcher h = HEADER.matcher(lines[i]);
            if (!h.matches()) {
                break;
            }
            fields.putIfAbsent(key(h.group(1)), h.group(2).replace("*", "").trim());
        }
        if (!fields.containsKey("from")) {
            return Optional.empty();
        }
        StringBuilder body = new StringBuilder();
        for (; i < lines.length; i++) {
            body.append(lines[i]).append('\n');
        }
        List<Address> from = addresses(fields.get("from"));
        return Optional.of(new ParsedMail(null, null, List.of(), fields.get("subject"), from, addresses(fields.get("to")),
                addresses(fields.get("cc")), List.of(), forward.date(), body.toString().strip(), null, List.of(), List.of(),
                Map.of(), List.of("text/plain"), List.of()));
    }

    private static String key(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "from", "发件人" -> "from";
            case "to", "收件人" -> "to";
            case "cc", "抄送" -> "cc";
            case "subject", "主题" -> "subject";
            default -> "date";
        };
    }

    /** "Name [mailto:a@b]" (Outlook) and "Name<a@b>;" (Foxmail) included. */
    private static List<Address> addresses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String cleaned = value.replaceAll("\\[mailto:([^\\]]+)]", "<$1>").replace('；', ';');
        List<Address> out = new ArrayList<>();
        for (Address a : MailParser.addresses(cleaned)) {
            if (a.address() != null) {
                out.add(a);
            }
        }
        return out;
    }
}
