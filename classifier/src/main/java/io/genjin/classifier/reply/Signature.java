package io.genjin.classifier.reply;

import java.util.Objects;
import java.util.Optional;

/**
 * The sender's signature block and what it says about them (to enrich the contact). What it says is
 * read from the block the first time it is asked: ingestion links and stores mail without it, and the
 * reading (a pass of the phone, title, company and name patterns over every line) was about a
 * fiftieth of an import's CPU. Two signatures with the same text are equal: the rest follows from it.
 */
public final class Signature {
    public static final Signature NONE = new Signature("");

    private final String text;
    private volatile Fields fields;

    private Signature(String text) {
        this.text = text;
    }

    /** @param block the signature lines as written (stripped), or empty */
    static Signature of(String block) {
        String stripped = block == null ? "" : block.strip();
        return stripped.isEmpty() ? NONE : new Signature(stripped);
    }

    /** The signature lines as written, or empty. */
    public String text() {
        return text;
    }

    public Optional<String> name() {
        return fields().name();
    }

    public Optional<String> title() {
        return fields().title();
    }

    public Optional<String> company() {
        return fields().company();
    }

    public Optional<String> phone() {
        return fields().phone();
    }

    public boolean isEmpty() {
        return text.isBlank();
    }

    private Fields fields() {
        Fields read = fields;
        if (read == null) {
            read = SignatureReader.read(text);
            fields = read;
        }
        return read;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return "Signature[" + text.replace('\n', '|') + "]";
    }

    /** What the block says about its sender. */
    record Fields(Optional<String> name, Optional<String> title, Optional<String> company, Optional<String> phone) {
        static final Fields NONE = new Fields(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
