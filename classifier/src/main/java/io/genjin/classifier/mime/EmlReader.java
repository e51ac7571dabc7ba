package io.genjin.classifier.mime;

import io.genjin.classifier.Email;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.ByteSequence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A light Mime4j reading of an .eml into {@link Email}. The gateway owns full MIME handling; this
 * reader exists so the classifier can be run and tested on raw files.
 */
public final class EmlReader {

    /* Explicit limits (never "permissive" on untrusted input); header count above 1000 for real mail. */
    private static final MimeConfig LIMITS = new MimeConfig.Builder()
            .setMaxHeaderCount(5_000)
            .setMaxHeaderLen(200_000)
            .setMaxLineLen(200_000)
            .setMaxContentLen(50L * 1024 * 1024)
            .setStrictParsing(false)
            .build();

    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
    private static final Pattern NAME_PARAM = Pattern.compile("(?i)name\\s*=\\s*\"?([^\";]+)");
    private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");
    private static final Map<Charset, Charset> HEADER_CHARSET_OVERRIDES = Map.of(
            Charset.forName("GB2312"), Charsets.GB18030,
            Charset.forName("GBK"), Charsets.GB18030);

    private EmlReader() {
    }

    public static Email read(byte[] raw) {
        if (raw.length > 0 && (raw[0] == '\n' || raw[0] == '\r')) {
            // No header block at all: the message starts with the blank line that ends it, so all of it is body.
            int start = raw[0] == '\r' && raw.length > 1 && raw[1] == '\n' ? 2 : 1;
            return new Email(Map.of(), Charsets.decode(java.util.Arrays.copyOfRange(raw, start, raw.length), null).strip(),
                    "", List.of(), List.of());
        }
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(LIMITS);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try {
            Message message = builder.parseMessage(new ByteArrayInputStream(raw));
            Collector collector = new Collector();
            collector.walk(message, null);
            return new Email(headers(message), collector.text.toString().strip(), collector.html.toString(),
                    collector.attachments, collector.parts);
        } catch (IOException | RuntimeException malformed) {
            // Safe fallback: the raw bytes as text, so detectors still see the words.
            return new Email(Map.of(), Charsets.decode(raw, null), "", List.of(), List.of());
        }
    }

    static Map<String, List<String>> headers(Entity entity) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (entity.getHeader() == null) {
            return headers;
        }
        for (Field field : entity.getHeader().getFields()) {
            headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(decodeValue(field));
        }
        return headers;
    }

    static String decodeValue(Field field) {
        String body = field.getBody();
        ByteSequence raw = field.getRaw();
        if (raw != null && hasEightBit(raw)) {
            // Raw 8-bit header (no RFC 2047): guess the charset from the bytes themselves.
            String decoded = Charsets.decode(raw.toByteArray(), null);
            int colon = decoded.indexOf(':');
            body = colon >= 0 ? decoded.substring(colon + 1) : decoded;
        }
        // Most values are on one line: no search for a fold in them.
        String unfolded = (body.indexOf('\n') < 0 ? body : FOLD.matcher(body).replaceAll(" ")).strip();
        try {
            return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT, null, HEADER_CHARSET_OVERRIDES);
        } catch (RuntimeException e) {
            return unfolded;
        }
    }

    private static boolean hasEightBit(ByteSequence raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.byteAt(i) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Walks the entity tree once, sorting bodies into text, html, attachments and report parts. */
    private static final class Collector {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<String> attachments = new ArrayList<>();
        final List<Email.Part> parts = new ArrayList<>();

        /** @param inherited a charset declared on an enclosing multipart, which some clients rely on */
        void walk(Entity entity, String inherited) throws IOException {
            Body body = entity.getBody();
            String declared = declaredCharset(entity);
            String charset = declared != null ? declared : inherited;
            String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
            String fileName = fileName(entity);
            if (body instanceof Multipart multipart) {
                for (Entity child : multipart.getBodyParts()) {
                    walk(child, charset);
                }
            } else if (body instanceof Message inner) {
                parts.add(new Email.Part("message/rfc822", headerBlock(inner)));
                if (fileName != null) {
                    attachments.add(fileName);
                }
            } else if (body instanceof SingleBody single) {
                leaf(entity, single, type, fileName, charset);
            }
        }

        private void leaf(Entity entity, SingleBody body, String type, String fileName, String charset) throws IOException {
            boolean attachment = fileName != null || "attachment".equalsIgnoreCase(entity.getDispositionType());
            if (type.startsWith("message/") || type.equals("text/rfc822-headers")) {
                parts.add(new Email.Part(type, read(body, charset)));
            } else if (attachment) {
                attachments.add(fileName == null ? "" : fileName);
            } else if (type.equals("text/plain") || type.equals("text/enriched")) {
                append(text, read(body, charset));
            } else if (type.equals("text/html")) {
                append(html, read(body, charset));
            }
        }

        /* Mime4j reports us-ascii for a part without a charset; only an explicit parameter counts here. */
        private static String declaredCharset(Entity entity) {
            if (entity.getHeader() == null) {
                return null;
            }
            Field contentType = entity.getHeader().getField("Content-Type");
            if (contentType == null) {
                return null;
            }
            Matcher m = CHARSET_PARAM.matcher(contentType.getBody());
            return m.find() ? m.group(1) : null;
        }

        private static void append(StringBuilder target, String content) {
            if (!target.isEmpty()) {
                target.append('\n');
            }
            target.append(content);
        }

        private static String read(SingleBody body, String charset) throws IOException {
            try (InputStream in = body.getInputStream()) {
                return Charsets.decode(in.readAllBytes(), charset);
            }
        }

        private static String fileName(Entity entity) {
            String name = entity.getFilename();
            if (name == null && entity.getHeader() != null) {
                Field contentType = entity.getHeader().getField("Content-Type");
                if (contentType != null) {
                    var matcher = NAME_PARAM.matcher(contentType.getBody());
                    name = matcher.find() ? matcher.group(1) : null;
                }
            }
            if (name == null) {
                return null;
            }
            try {
                return DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT, null, HEADER_CHARSET_OVERRIDES);
            } catch (RuntimeException e) {
                return name;
            }
        }

        private static String headerBlock(Message inner) {
            StringBuilder block = new StringBuilder();
            if (inner.getHeader() != null) {
                for (Field field : inner.getHeader().getFields()) {
                    block.append(field.getName()).append(": ").append(decodeValue(field)).append('\n');
                }
            }
            return block.toString();
        }
    }
}
