package io.genjin.reports.imports;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.property.Email;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Title;
import ezvcard.property.Url;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A vCard 3.0 or 4.0 file (Outlook, Foxmail, phones) read card by card, each card a row under fixed
 * headers that {@link ColumnMapping#guess} maps by itself.
 */
final class VcardSheet implements Sheet {
    static final List<String> HEADERS = List.of("Name", "First Name", "Last Name", "Company", "Job Title",
            "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Business Phone", "Mobile Phone", "Web Page");
    private final TextEncoding encoding;
    private final VCardReader reader;
    private VCard next;
    private long count;

    private VcardSheet(TextEncoding encoding, VCardReader reader) throws IOException {
        this.encoding = encoding;
        this.reader = reader;
        this.next = reader.readNext();
    }

    static Sheet open(Path file, TextEncoding encoding) throws IOException, UnreadableFile {
        var in = Files.newInputStream(file);
        in.skipNBytes(encoding.bomLength());
        VcardSheet sheet = new VcardSheet(encoding, new VCardReader(new InputStreamReader(in, encoding.charset())));
        if (sheet.next == null) {
            sheet.close();
            throw new UnreadableFile("empty", "The vCard file holds no card.");
        }
        return sheet;
    }

    private static List<String> cells(VCard card) {
        List<String> cells = new ArrayList<>(HEADERS.size());
        cells.add(card.getFormattedName() == null ? "" : card.getFormattedName().getValue());
        StructuredName name = card.getStructuredName();
        cells.add(name == null || name.getGiven() == null ? "" : name.getGiven());
        cells.add(name == null || name.getFamily() == null ? "" : name.getFamily());
        cells.add(card.getOrganization() == null || card.getOrganization().getValues().isEmpty() ? ""
                : card.getOrganization().getValues().get(0));
        List<Title> titles = card.getTitles();
        cells.add(titles.isEmpty() ? "" : titles.get(0).getValue());
        List<Email> emails = card.getEmails();
        for (int i = 0; i < 3; i++) {
            cells.add(i < emails.size() ? emails.get(i).getValue() : "");
        }
        List<Telephone> phones = card.getTelephoneNumbers();
        for (int i = 0; i < 2; i++) {
            Telephone phone = i < phones.size() ? phones.get(i) : null;
            cells.add(phone == null ? "" : phone.getText() != null ? phone.getText()
                    : phone.getUri() == null ? "" : phone.getUri().getNumber());
        }
        List<Url> urls = card.getUrls();
        cells.add(urls.isEmpty() ? "" : urls.get(0).getValue());
        return cells;
    }

    @Override
    public String format() {
        return "VCARD";
    }

    @Override
    public String encoding() {
        return encoding.label();
    }

    @Override
    public Character delimiter() {
        return null;
    }

    @Override
    public List<String> headers() {
        return HEADERS;
    }

    @Override
    public Iterator<Row> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Row row = new Row(++count, cells(next));
                try {
                    next = reader.readNext();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return row;
            }
        };
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
