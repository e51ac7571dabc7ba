package io.genjin.gateway.mime;

import io.genjin.gateway.mime.BodyParts.Leaf;
import io.genjin.gateway.mime.BodyParts.Multipart;
import io.genjin.gateway.mime.BodyParts.Node;
import io.genjin.gateway.mime.BodyParts.Selection;
import io.genjin.gateway.mime.ParsedMail.Address;
import io.genjin.gateway.mime.ParsedMail.Attachment;
import io.genjin.gateway.mime.ParsedMail.ReportPart;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Streaming MIME parser over Mime4j's token stream with explicit {@link MimeLimits}. Never throws
 * on bad mail: whatever it could not read becomes a line in {@link ParsedMail#problems()}. Only the
 * input failing (an I/O error) throws. Attachments stream to an {@link AttachmentSink} while the
 * parse moves through the message, so memory stays bounded whatever the message size.
 */
public final class MailParser {
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>]*)>");
    /** How much of one report part ({@link ParsedMail.ReportPart}) is read as text; the whole part still reaches the sink. */
    public static final int REPORT_PART_BYTES = 256 * 1024;

    private final MimeLimits limits;

    public MailParser(MimeLimits limits) {
        this.limits = limits;
    }

    public MailParser() {
        this(MimeLimits.defaults());
    }

    public ParsedMail parse(InputStream in, AttachmentSink sink) throws IOException {
        return new Run(sink).parse(in);
    }

    /** Parses an address list written as text (a forwarded block's "From:" line, a command argument). */
    public static List<Address> addresses(String text) {
        return AddressList.parse(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), null);
    }

    /** Only the top-level header (for de-duplication and loop checks before a full parse). */
    public Map<String, List<String>> headers(InputStream in) throws IOException {
        MimeTokenStream stream = new MimeTokenStream(limits.toMimeConfig(), DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(skipLeadingJunk(in));
        List<Field> fields = new ArrayList<>();
        try {
            for (EntityState s = stream.next(); s != EntityState.T_END_OF_STREAM && s != EntityState.T_END_HEADER;
                    s = stream.next()) {
                if (s == EntityState.T_FIELD) {
                    fields.add(stream.getField());
                }
            }
        } catch (MimeException malformed) {
            // What was read so far is what there is; the full parse will note the problem.
        }
        return headerMap(fields, null);
    }

    /**
     * Blank lines before the header (some exports and webmail downloads add one) would otherwise end
     * the header at once; an mbox "From " envelope line is not a header either.
     */
    private static InputStream skipLeadingJunk(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 5);
        int b;
        while ((b = p.read()) == '\r' || b == '\n') {
            // skip
        }
        if (b < 0) {
            return p;
        }
        byte[] head = new byte[5];
        head[0] = (byte) b;
        int n = 1 + Math.max(0, p.readNBytes(head, 1, 4));
        if (n == 5 && new String(head, StandardCharsets.ISO_8859_1).equals("From ")) {
            while ((b = p.read()) >= 0 && b != '\n') {
                // the envelope line
            }
            return p;
        }
        p.unread(head, 0, n);
        return p;
    }

    /** One parse: the mutable state lives here and never escapes. */
    private final class Run {
        private final AttachmentSink sink;
        private final Deque<Entity> stack = new ArrayDeque<>();
        private final List<String> problems = new ArrayList<>();
        private ParsedMail result;
        private int leaves;
        private int depth;
        private boolean flattened;

        Run(AttachmentSink sink) {
            this.sink = sink;
        }

        ParsedMail parse(InputStream in) throws IOException {
            CountingInput counted = new CountingInput(skipLeadingJunk(in));
            MimeTokenStream stream = new MimeTokenStream(limits.toMimeConfig(), DecodeMonitor.SILENT, null);
            stream.parse(counted);
            try {
                for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                    on(s, stream);
                }
            } catch (MimeException malformed) {
                problems.add("malformed MIME, parse stopped: " + malformed.getMessage());
                counted.transferTo(OutputStream.nullOutputStream());
            } catch (LimitReached limit) {
                problems.add(limit.getMessage());
                counted.transferTo(OutputStream.nullOutputStream());
            } catch (RuntimeException bug) {
                // Never a crash on mail content: what was parsed is kept, the rest is noted.
                problems.add("parse stopped: " + bug);
                counted.transferTo(OutputStream.nullOutputStream());
            }
            while (!stack.isEmpty()) {
                end(stack.peek().message ? EntityState.T_END_MESSAGE : EntityState.T_END_BODYPART);
            }
            if (result == null) {
                problems.add("no message found");
                result = empty();
            }
            if (problems.isEmpty()) {
                return result;
            }
            List<String> all = new ArrayList<>(result.problems());
            all.addAll(problems);
            return with(result, all);
        }

        private void on(EntityState state, MimeTokenStream stream) throws IOException, MimeException {
            switch (state) {
                case T_START_MESSAGE -> stack.push(new Entity(true, stack.peek()));
                case T_START_BODYPART -> stack.push(new Entity(false, stack.peek()));
                case T_FIELD -> stack.peek().fields.add(stream.getField());
                case T_END_HEADER -> stack.peek().endHeader();
                case T_START_MULTIPART -> {
                    Entity e = stack.peek();
                    e.children = new ArrayList<>();
                    if (++depth > limits.maxNesting() && !flattened) {
                        flattened = true;
                        problems.add("nesting deeper than " + limits.maxNesting() + "; inner parts kept unparsed");
                        stream.setRecursionMode(RecursionMode.M_FLAT);
                    }
                }
                case T_END_MULTIPART -> depth--;
                case T_BODY -> body(stream);
                case T_PREAMBLE -> stack.peek().preamble = readCapped(stream.getInputStream());
                case T_END_BODYPART, T_END_MESSAGE -> end(state);
                default -> {
                    // preamble, epilogue, raw entities: nothing to keep
                }
            }
        }

        private String parentType() {
            Entity parent = stack.peek();
            return parent == null ? null : parent.type;
        }

        private void body(MimeTokenStream stream) throws IOException {
            Entity e = stack.peek();
            if (++leaves > limits.maxParts()) {
                throw new LimitReached("more than " + limits.maxParts() + " parts; the rest skipped");
            }
            InputStream content = decoded(stream.getInputStream(), e.transferEncoding);
            boolean text = e.type.equals("text/plain") || e.type.equals("text/html");
            if (isReport(e.type)) {
                // Read as text up to the limit for the bounce and feedback readers; a part no longer
                // than that waits for the body selection like a text part, a longer one streams on.
                byte[] head = content.readNBytes(REPORT_PART_BYTES + 1);
                boolean whole = head.length <= REPORT_PART_BYTES;
                String read = decode(e, whole ? head : Arrays.copyOf(head, REPORT_PART_BYTES)).text();
                e.leaf = whole ? new Leaf(leaves, e.type, e.disposition, e.name, e.contentId, head.length, read, head, null, null)
                        : streamed(e, new SequenceInputStream(new ByteArrayInputStream(head), content), read);
            } else if (text) {
                byte[] bytes = readCapped(content);
                MailCharsets.Decoded d = decode(e, bytes);
                if (d.problem() != null) {
                    problems.add(e.type + " part " + leaves + ": " + d.problem());
                }
                e.leaf = new Leaf(leaves, e.type, e.disposition, e.name, e.contentId, bytes.length, d.text(), bytes, null, null);
            } else {
                e.leaf = streamed(e, content, null);
            }
        }

        /** The part's content in its declared charset, else the one an enclosing multipart declared. */
        private MailCharsets.Decoded decode(Entity e, byte[] bytes) {
            return MailCharsets.decode(bytes, e.params.get("charset"), MailCharsets.lookup(e.inheritedCharset).orElse(null));
        }

        /** A leaf whose content goes to the sink as it is read, counted and never held. */
        private Leaf streamed(Entity e, InputStream content, String text) throws IOException {
            CountingInput counted = new CountingInput(content);
            String storedId = sink.accept(leaves, e.name, e.type, counted);
            counted.transferTo(OutputStream.nullOutputStream());
            return new Leaf(leaves, e.type, e.disposition, e.name, e.contentId, counted.count, text, null, storedId, null);
        }

        private InputStream decoded(InputStream raw, String encoding) {
            return switch (encoding) {
                case "base64" -> new LenientBase64(raw);
                case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
                case "7bit", "8bit", "binary", "" -> raw;
                default -> {
                    problems.add("unknown transfer encoding " + encoding + "; content kept as is");
                    yield raw;
                }
            };
        }

        /** A text part's bytes, at most the limit's (a part longer is cut there, and noted). */
        private byte[] readCapped(InputStream content) throws IOException {
            byte[] bytes = content.readNBytes(limits.maxTextBytes());
            if (content.read() >= 0) {
                problems.add("text part longer than " + limits.maxTextBytes() + " bytes; cut");
                content.transferTo(OutputStream.nullOutputStream());
            }
            return bytes;
        }

        private void end(EntityState state) throws IOException {
            Entity e = stack.pop();
            if (e.message) {
                ParsedMail mail = build(e);
                Entity holder = stack.peek();
                if (holder == null) {
                    result = mail;
                } else {
                    holder.nested = mail;
                    holder.nestedHeaders = headerBlock(e.fields, e.headerCharset());
                }
                return;
            }
            Node node = e.node();
            Entity parent = stack.peek();
            if (parent != null && node != null) {
                if (parent.children == null) {
                    parent.children = new ArrayList<>();
                }
                parent.children.add(node);
            }
        }

        private ParsedMail build(Entity e) throws IOException {
            Map<String, List<String>> headers = headerMap(e.fields, e.headerCharset());
            Node root = e.node();
            List<String> types = new ArrayList<>();
            List<Attachment> attachments = new ArrayList<>();
            List<ParsedMail> nested = new ArrayList<>();
            List<ReportPart> reports = new ArrayList<>();
            String text = null;
            String html = null;
            if (root != null) {
                collectTypes(root, types, nested, reports);
                Selection s = BodyParts.select(root);
                text = join(s.textBody(), false);
                html = join(s.htmlBody(), true);
                for (Leaf leaf : s.attachments()) {
                    attachments.add(attachment(leaf));
                }
            }
            return new ParsedMail(messageId(first(headers, "message-id")), messageId(first(headers, "in-reply-to")),
                    ids(first(headers, "references")), first(headers, "subject"), addresses(e, "from"),
                    addresses(e, "to"), addresses(e, "cc"), addresses(e, "bcc"), addresses(e, "reply-to"), MimeDate.parse(first(headers, "date")),
                    text, html, attachments, nested, headers, types, reports, e.problems);
        }

        private Attachment attachment(Leaf leaf) throws IOException {
            String storedId = leaf.storedId();
            if (leaf.bytes() != null) {
                storedId = sink.accept(leaf.index(), leaf.name(), leaf.type(), new ByteArrayInputStream(leaf.bytes()));
            }
            String name = leaf.name();
            if (name == null && leaf.nested() != null && leaf.nested().subject() != null) {
                name = leaf.nested().subject() + ".eml";
            }
            return new Attachment(name, leaf.type(), leaf.size(), leaf.contentId(), "inline".equals(leaf.disposition()),
                    storedId);
        }

        private List<Address> addresses(Entity e, String name) {
            List<Address> out = new ArrayList<>();
            Charset hint = e.headerCharset();
            for (Field f : e.fields) {
                if (f.getName().equalsIgnoreCase(name)) {
                    out.addAll(AddressList.parse(rawValue(f, hint), hint));
                }
            }
            return out;
        }

        private ParsedMail empty() {
            return new ParsedMail(null, null, List.of(), null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null,
                    List.of(), List.of(), Map.of(), List.of(), List.of(), List.of());
        }

        /** The state of one entity (a message or a body part) while its tokens arrive. */
        private final class Entity {
            final boolean message;
            final String parentType;
            final List<Field> fields = new ArrayList<>();
            final List<String> problems = new ArrayList<>();
            String type = "text/plain";
            HeaderParams params = new HeaderParams(null, Map.of());
            String transferEncoding = "";
            String disposition;
            String name;
            String contentId;
            List<Node> children;
            Leaf leaf;
            ParsedMail nested;
            /** The attached message's header block, for {@link ParsedMail#reportParts()}. */
            String nestedHeaders;
            byte[] preamble;

            /** A charset declared on an enclosing multipart: senders that omit it on a part mean that one. */
            String inheritedCharset;

            Entity(boolean message, Entity parent) {
                this.message = message;
                this.parentType = parent == null ? null : parent.type;
                this.inheritedCharset = parent == null || message ? null : parent.inheritedCharset;
            }

            void endHeader() {
                String ct = null;
                String cd = null;
                for (Field f : fields) {
                    switch (f.getName().toLowerCase(Locale.ROOT).trim()) {
                        case "content-type" -> ct = ct == null ? rawValue(f, null) : ct;
                        case "content-disposition" -> cd = cd == null ? rawValue(f, null) : cd;
                        case "content-transfer-encoding" -> transferEncoding = rawValue(f, null).trim().toLowerCase(Locale.ROOT);
                        case "content-id" -> contentId = messageId(rawValue(f, null));
                        default -> {
                        }
                    }
                }
                params = HeaderParams.parse(ct, null);
                if (params.get("charset") != null) {
                    inheritedCharset = params.get("charset");
                }
                String declared = params.value();
                if (declared != null && declared.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
                    type = declared;
                } else {
                    if (declared != null) {
                        MailParser.Run.this.problems.add("invalid Content-Type '" + declared + "'; read as text/plain");
                    }
                    type = "multipart/digest".equals(parentType) ? "message/rfc822" : "text/plain";
                }
                HeaderParams disp = HeaderParams.parse(cd, headerCharsetOf(params));
                disposition = disp.value();
                name = Optional.ofNullable(disp.get("filename")).orElse(HeaderParams.parse(ct, headerCharsetOf(params)).get("name"));
                if (name != null) {
                    name = name.replaceAll("[\\r\\n]", "").trim();
                }
            }

            Charset headerCharset() {
                return headerCharsetOf(params);
            }

            private Charset headerCharsetOf(HeaderParams params) {
                return MailCharsets.lookup(params.get("charset"))
                        .filter(c -> !c.equals(StandardCharsets.UTF_8) && !c.name().equals("windows-1252"))
                        .orElse(null);
            }

            Node node() {
                if (children != null && children.isEmpty() && preamble != null && preamble.length > 0) {
                    // No boundary ever matched: what a reader sees is the text, so keep it as the body.
                    MailParser.Run.this.problems.add("multipart without parts; its content read as text");
                    String text = MailCharsets.decode(preamble, params.get("charset"), null).text();
                    return new Leaf(++leaves, "text/plain", null, null, null, preamble.length, text, preamble, null, null);
                }
                if (children != null && type.startsWith("multipart/")) {
                    return new Multipart(type, List.copyOf(children));
                }
                if (nested != null) {
                    return new Leaf(0, "message/rfc822", disposition, name, contentId, 0, nestedHeaders, null, null, nested);
                }
                if (children != null && children.size() == 1) {
                    return children.get(0);
                }
                return leaf;
            }
        }
    }

    private static void collectTypes(Node node, List<String> types, List<ParsedMail> nested, List<ReportPart> reports) {
        if (node instanceof Multipart m) {
            m.children().forEach(c -> collectTypes(c, types, nested, reports));
        } else if (node instanceof Leaf leaf) {
            types.add(leaf.type());
            if (leaf.nested() != null) {
                nested.add(leaf.nested());
                reports.add(new ReportPart("message/rfc822", leaf.text() == null ? "" : leaf.text()));
            } else if (isReport(leaf.type()) && leaf.text() != null) {
                reports.add(new ReportPart(leaf.type(), leaf.text()));
            }
        }
    }

    /** The machine-readable parts of reports: message/* leaves that are not a parsed message, and text/rfc822-headers. */
    private static boolean isReport(String type) {
        return (type.startsWith("message/") && !type.equals("message/rfc822")) || type.equals("text/rfc822-headers");
    }

    /** An entity's header as {@code Name: value} lines, each value unfolded and decoded. */
    private static String headerBlock(List<Field> fields, Charset hint) {
        StringBuilder block = new StringBuilder();
        for (Field f : fields) {
            block.append(f.getName().trim()).append(": ").append(decodedValue(f, hint)).append('\n');
        }
        return block.toString();
    }

    /** A header's value unfolded, its encoded words and 8-bit text decoded. */
    private static String decodedValue(Field field, Charset hint) {
        return EncodedWords.decode(rawValue(field, hint), hint).trim();
    }

    private static String join(List<Leaf> parts, boolean html) {
        StringBuilder out = new StringBuilder();
        for (Leaf leaf : parts) {
            if (leaf.text() == null || leaf.type().equals("text/html") != html) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(leaf.text());
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static Map<String, List<String>> headerMap(List<Field> fields, Charset hint) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Field f : fields) {
            String name = f.getName().trim().toLowerCase(Locale.ROOT);
            map.computeIfAbsent(name, k -> new ArrayList<>()).add(decodedValue(f, hint));
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return map;
    }

    /** A header's unfolded value from its raw bytes, one char per byte (see {@link EncodedWords#decode(String, Charset)}). */
    static String rawValue(Field field, Charset hint) {
        byte[] raw = field.getRaw() == null ? null : field.getRaw().toByteArray();
        if (raw == null) {
            return field.getBody() == null ? "" : field.getBody();
        }
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        // Unfolded into an array (not through a stream's synchronized write of each byte).
        byte[] value = new byte[raw.length];
        int length = 0;
        for (int i = colon + 1; i < raw.length; i++) {
            if (raw[i] != '\r' && raw[i] != '\n') {
                value[length++] = raw[i];
            }
        }
        // One char per byte: EncodedWords and AddressList decode 8-bit text once they know its extent.
        return new String(value, 0, length, StandardCharsets.ISO_8859_1).strip();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String messageId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(value);
        String id = m.find() ? m.group(1) : value;
        id = id.strip().replaceAll("\\s+", "");
        return id.isEmpty() ? null : id;
    }

    private static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        Matcher m = MESSAGE_ID.matcher(value);
        while (m.find()) {
            String id = m.group(1).strip().replaceAll("\\s+", "");
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return out;
    }

    private static ParsedMail with(ParsedMail m, List<String> problems) {
        return new ParsedMail(m.messageId(), m.inReplyTo(), m.references(), m.subject(), m.from(), m.to(), m.cc(),
                m.bcc(), m.replyTo(), m.date(), m.text(), m.html(), m.attachments(), m.attachedMessages(), m.headers(),
                m.partTypes(), m.reportParts(), problems);
    }

    /** A limit that ends the parse early; what was read is kept. */
    private static final class LimitReached extends RuntimeException {
        LimitReached(String message) {
            super(message, null, false, false);
        }
    }

    /** Counts bytes as they pass, without buffering. */
    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
