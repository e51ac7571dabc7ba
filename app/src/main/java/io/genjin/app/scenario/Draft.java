package io.genjin.app.scenario;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** One message being written: headers and body as the named mail program would send them. */
final class Draft {
    private final Client client;
    private final Addr from;
    private final ZonedDateTime date;
    private final List<Addr> to = new ArrayList<>();
    private final List<Addr> cc = new ArrayList<>();
    private final List<Addr> bcc = new ArrayList<>();
    private final List<Part> attachments = new ArrayList<>();
    private final Map<String, String> extra = new LinkedHashMap<>();
    private String toHeader;
    private String subject = "";
    private String text = "";
    private String quoted = "";
    private Written parent;
    private List<String> references = List.of();
    private Part body;
    private String messageIdDomain;
    private String fixedId;

    Draft(Client client, Addr from, ZonedDateTime date) {
        this.client = client;
        this.from = from;
        this.date = date;
        this.messageIdDomain = from.domain();
    }

    Draft to(Addr... a) {
        to.addAll(List.of(a));
        return this;
    }

    Draft to(List<Addr> a) {
        to.addAll(a);
        return this;
    }

    Draft cc(Addr... a) {
        cc.addAll(List.of(a));
        return this;
    }

    Draft bcc(Addr... a) {
        bcc.addAll(List.of(a));
        return this;
    }

    /** A literal To header, for "undisclosed-recipients:;". */
    Draft toHeader(String raw) {
        toHeader = raw;
        return this;
    }

    Draft subject(String s) {
        subject = s;
        return this;
    }

    Draft text(String t) {
        text = t;
        return this;
    }

    /** Answers {@code p}: threading headers, a reply prefix on its subject, and its text quoted. */
    Draft replyTo(Written p, boolean chinese, boolean german) {
        parent = p;
        references = p.chainForReply();
        String base = p.subject().replaceFirst("^((RE|Re|AW|FW|Fwd|回复|答复|转发)[:：] ?)+", "");
        subject = client.replyPrefix(chinese, german) + base;
        quoted = Quotes.reply(client, p);
        return this;
    }

    /** Threading headers only (a forward Gmail threads with its original, an auto-reply to what it answers). */
    Draft threadedWith(Written p) {
        parent = p;
        references = p.chainForReply();
        return this;
    }

    Draft attach(String name, String type, byte[] content) {
        attachments.add(Part.attachment(name, type, content, client.cjkCharset()));
        return this;
    }

    Draft attach(Part part) {
        attachments.add(part);
        return this;
    }

    Draft header(String name, String value) {
        extra.put(name, value);
        return this;
    }

    /** Replaces the generated body (reports, ERP documents). */
    Draft body(Part p) {
        body = p;
        return this;
    }

    Draft messageIdDomain(String domain) {
        messageIdDomain = domain;
        return this;
    }

    /** A Message-ID in a form no mail program here writes (a mail server's, an ESP's). */
    Draft messageId(String id) {
        fixedId = id;
        return this;
    }

    Written write(Random r) {
        String id = fixedId != null ? fixedId : client.messageId(r, messageIdDomain, date);
        Charset cs = client.cjkCharset();
        String encodedSubject = Mime.encodedWords(subject, cs);
        StringBuilder h = new StringBuilder();
        extra.forEach((k, v) -> {
            if (k.startsWith("Return-Path") || k.startsWith("Received") || k.startsWith("DKIM")) {
                h.append(k.replaceFirst("#.*", "")).append(": ").append(v).append(Mime.CRLF);
            }
        });
        h.append("From: ").append(Mime.mailbox(from, cs)).append(Mime.CRLF);
        h.append("To: ").append(toHeader != null ? toHeader : Mime.mailboxes(to, cs)).append(Mime.CRLF);
        if (!cc.isEmpty()) {
            h.append("Cc: ").append(Mime.mailboxes(cc, cs)).append(Mime.CRLF);
        }
        if (!bcc.isEmpty()) {
            h.append("Bcc: ").append(Mime.mailboxes(bcc, cs)).append(Mime.CRLF);
        }
        h.append("Subject: ").append(encodedSubject).append(Mime.CRLF);
        h.append("Date: ").append(date.format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(Mime.CRLF);
        h.append("Message-ID: <").append(id).append('>').append(Mime.CRLF);
        if (parent != null) {
            h.append("In-Reply-To: <").append(parent.messageId()).append('>').append(Mime.CRLF);
            h.append("References: ").append(String.join(Mime.CRLF + " ", references.stream().map(x -> "<" + x + ">").toList()))
                    .append(Mime.CRLF);
        }
        extra.forEach((k, v) -> {
            if (!(k.startsWith("Return-Path") || k.startsWith("Received") || k.startsWith("DKIM"))) {
                h.append(k).append(": ").append(v).append(Mime.CRLF);
            }
        });
        h.append(client.mailerHeaders(r).replace("%s", encodedSubject));
        h.append("MIME-Version: ").append(client.mimeVersion()).append(Mime.CRLF);
        String fullText = text + quoted;
        Part top = body != null ? body : content(r, fullText, cs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Part.ascii(h + top.header() + Mime.CRLF + Mime.CRLF));
        out.writeBytes(top.body());
        List<Addr> shownTo = toHeader != null ? List.of() : List.copyOf(to);
        return new Written(id, from, shownTo, List.copyOf(cc), date, subject, fullText, references, out.toByteArray());
    }

    private Part content(Random r, String fullText, Charset cs) {
        Part textPart = Part.text("plain", fullText, cs);
        Part shown = client.sendsHtml()
                ? Part.multipart("alternative", boundary(r, "alt"), List.of(textPart, Part.text("html", Html.of(fullText), cs)))
                : textPart;
        if (attachments.isEmpty()) {
            return shown;
        }
        List<Part> parts = new ArrayList<>();
        parts.add(shown);
        parts.addAll(attachments);
        return Part.multipart("mixed", boundary(r, "mix"), parts);
    }

    private String boundary(Random r, String kind) {
        return switch (client) {
            case GMAIL -> "0000000000" + Client.hex(r, 16).toLowerCase(java.util.Locale.ROOT);
            case OUTLOOK_365, OUTLOOK_DESKTOP -> "_000_" + Client.hex(r, 20) + "_";
            case FOXMAIL, QQ_MAIL -> "----=_NextPart_" + Client.hex(r, 8) + "_" + Client.hex(r, 8) + "_" + Client.hex(r, 8);
            case APPLE_MAIL -> "Apple-Mail=_" + Client.hex(r, 8) + "-" + Client.hex(r, 4) + "-" + Client.hex(r, 12);
        } + (kind.equals("alt") ? "" : "m");
    }
}
