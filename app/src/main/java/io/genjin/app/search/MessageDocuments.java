package io.genjin.app.search;

import io.genjin.gateway.reading.MailContent;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredAttachment;
import io.genjin.store.message.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * One stored message as one Lucene document. The text fields are stored for the snippets; the
 * visibility fields ({@code owner}: users whose mailbox it was found in, {@code company}: customers
 * whose timeline shows it) are indexed only, for the filter every query carries.
 */
final class MessageDocuments {
    static final String ID = "id";
    static final String SUBJECT = "subject";
    static final String BODY = "body";
    static final String QUOTED = "quoted";
    static final String ATTACHMENTS = "attachments";
    static final String PEOPLE = "people";
    static final String OWNER = "owner";
    static final String COMPANY = "company";
    static final String DIRECTION = "direction";
    static final String HAS_ATTACHMENT = "hasAttachment";
    static final String SENT_AT = "sentAt";
    static final String GENERATION = "generation";
    /** Enough for any letter a person writes; a pasted log past this is not searched further. */
    private static final int MAX_TEXT = 200_000;

    private MessageDocuments() {
    }

    static Document of(StoredMessage m, MailContent content, long generation) {
        Document doc = new Document();
        doc.add(new StringField(ID, m.id(), Field.Store.YES));
        doc.add(new StringField(GENERATION, Long.toString(generation), Field.Store.NO));
        doc.add(new TextField(SUBJECT, nonNull(m.subject()), Field.Store.YES));
        String body = content != null ? content.reply() : m.snippet();
        doc.add(new TextField(BODY, cut(body), Field.Store.YES));
        doc.add(new TextField(QUOTED, content != null ? cut(content.quoted()) : "", Field.Store.YES));
        List<String> attachments = attachmentNames(m);
        doc.add(new TextField(ATTACHMENTS, String.join("\n", attachments), Field.Store.YES));
        doc.add(new TextField(PEOPLE, people(m), Field.Store.YES));
        m.mailboxes().stream().map(MailboxRef::userId).filter(Objects::nonNull).distinct()
                .forEach(owner -> doc.add(new StringField(OWNER, owner, Field.Store.NO)));
        m.companyIds().forEach(company -> doc.add(new StringField(COMPANY, company, Field.Store.NO)));
        if (m.direction() != null) {
            doc.add(new StringField(DIRECTION, m.direction().name(), Field.Store.NO));
        }
        doc.add(new StringField(HAS_ATTACHMENT, Boolean.toString(!attachments.isEmpty()), Field.Store.NO));
        Instant sent = m.sentAt() != null ? m.sentAt() : m.storedAt();
        long millis = sent == null ? 0 : sent.toEpochMilli();
        doc.add(new LongPoint(SENT_AT, millis));
        doc.add(new NumericDocValuesField(SENT_AT, millis));
        return doc;
    }

    /** Files a person attached (inline images of an HTML body are not what anyone searches for). */
    static List<String> attachmentNames(StoredMessage m) {
        List<String> names = new ArrayList<>();
        for (StoredAttachment a : m.attachments()) {
            if (!a.inline() && a.name() != null && !a.name().isBlank()) {
                names.add(a.name());
            }
        }
        return names;
    }

    private static String people(StoredMessage m) {
        StringBuilder out = new StringBuilder();
        Stream.concat(Stream.ofNullable(m.from()), Stream.concat(m.to().stream(), m.cc().stream())).forEach(p -> {
            append(out, p);
        });
        return out.toString();
    }

    private static void append(StringBuilder out, Participant p) {
        if (p.name() != null && !p.name().isBlank()) {
            out.append(p.name()).append(' ');
        }
        if (p.address() != null) {
            out.append(p.address());
        }
        out.append('\n');
    }

    private static String cut(String text) {
        String t = nonNull(text);
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
