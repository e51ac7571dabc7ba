package io.genjin.gateway.mime;

import io.genjin.classifier.mime.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Charset labels as mail uses them, and decoding that recovers from wrong or missing labels.
 *
 * <p>Labels map to the superset a sender's software really used (as the WHATWG Encoding standard
 * does for the web): GB2312/GBK → GB18030 (a GB2312 label routinely carries GBK-only characters
 * such as 祐 or 慶), Big5 → Big5-HKSCS, EUC-KR/KS C 5601 → windows-949, Shift_JIS → windows-31j,
 * ISO-8859-1/US-ASCII → windows-1252.
 *
 * <p>Decoding order: bytes that are valid UTF-8 and contain multi-byte sequences are UTF-8 whatever
 * the label says (other charsets' text is almost never valid UTF-8, and UTF-8 mislabelled as the
 * sender's legacy charset is the commonest mislabel); then the declared charset, strictly; then a
 * guess; then the declared charset with replacement characters.
 */
final class MailCharsets {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("gb2312", "GB18030"), Map.entry("gbk", "GB18030"), Map.entry("x-gbk", "GB18030"),
            Map.entry("cp936", "GB18030"), Map.entry("ms936", "GB18030"), Map.entry("windows-936", "GB18030"),
            Map.entry("euc-cn", "GB18030"), Map.entry("x-euc-cn", "GB18030"), Map.entry("csgb2312", "GB18030"),
            Map.entry("chinese", "GB18030"), Map.entry("gb_2312-80", "GB18030"), Map.entry("hz-gb-2312", "GB18030"),
            Map.entry("big5", "Big5-HKSCS"), Map.entry("x-big5", "Big5-HKSCS"), Map.entry("cn-big5", "Big5-HKSCS"),
            Map.entry("big-5", "Big5-HKSCS"), Map.entry("cp950", "x-windows-950"),
            Map.entry("euc-kr", "x-windows-949"), Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"), Map.entry("korean", "x-windows-949"), Map.entry("cp949", "x-windows-949"),
            Map.entry("shift_jis", "windows-31j"), Map.entry("shift-jis", "windows-31j"), Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"), Map.entry("ms_kanji", "windows-31j"), Map.entry("cp932", "windows-31j"),
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("latin1", "windows-1252"), Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"), Map.entry("iso8859-1", "windows-1252"), Map.entry("iso_8859-1", "windows-1252"),
            Map.entry("windows-874", "x-windows-874"), Map.entry("cp874", "x-windows-874"), Map.entry("tis-620", "x-windows-874"),
            Map.entry("iso-8859-11", "x-windows-874"), Map.entry("utf8", "UTF-8"), Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"), Map.entry("unicode", "UTF-16"), Map.entry("x-user-defined", "windows-1252"));

    /** Tried in order when nothing is declared and the bytes are not UTF-8: our users' correspondents first. */
    private static final List<Charset> GUESSES = List.of(Charset.forName("GB18030"), Charset.forName("Big5-HKSCS"),
            Charset.forName("windows-31j"), Charset.forName("x-windows-949"), Charset.forName("windows-1252"));

    private MailCharsets() {
    }

    /** The charset to decode a label with, if Java knows it. */
    static Optional<Charset> lookup(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        String key = label.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        int star = key.indexOf('*'); // RFC 2231 language suffix: utf-8*en
        if (star > 0) {
            key = key.substring(0, star);
        }
        return Charsets.named(ALIASES.getOrDefault(key, key));
    }

    /** Decodes text bytes; {@code declared} may be null or unknown, {@code hint} is a context charset (may be null). */
    static Decoded decode(byte[] bytes, String declared, Charset hint) {
        Decoded d = decodeWithNul(bytes, declared, hint);
        return d.text().indexOf('\0') < 0 ? d : new Decoded(withoutNul(d.text()), d.charset(), d.problem());
    }

    private static Decoded decodeWithNul(byte[] bytes, String declared, Charset hint) {
        int ascii = asciiWithEscape(bytes);
        if (ascii != NOT_ASCII) {
            if (declared != null && declared.trim().toLowerCase(Locale.ROOT).replace("\"", "").startsWith("utf-7")) {
                return new Decoded(utf7(new String(bytes, StandardCharsets.US_ASCII)), StandardCharsets.UTF_16BE, null);
            }
            Optional<Charset> cs = lookup(declared);
            if (cs.isPresent() && (isStatefulSevenBit(cs.get()) || !asciiCompatible(cs.get()))) {
                String s = Charsets.strict(bytes, cs.get());
                if (s != null) {
                    return new Decoded(withoutNul(s), cs.get(), null);
                }
            }
            if (ascii == ASCII_WITH_ESC && looksIso2022Jp(bytes)) {
                return new Decoded(new String(bytes, Charset.forName("ISO-2022-JP")), Charset.forName("ISO-2022-JP"), null);
            }
            return new Decoded(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII, null);
        }
        Optional<Charset> cs = lookup(declared);
        String utf8 = Charsets.strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            String problem = cs.isPresent() && !cs.get().equals(StandardCharsets.UTF_8)
                    ? "charset " + declared + " declared, content is UTF-8" : null;
            return new Decoded(utf8, StandardCharsets.UTF_8, problem);
        }
        if (cs.isPresent()) {
            String s = Charsets.strict(bytes, cs.get());
            if (s != null) {
                return new Decoded(withoutNul(s), cs.get(), null);
            }
        }
        if (hint != null && cs.isEmpty()) {
            String s = Charsets.strict(bytes, hint);
            if (s != null) {
                return new Decoded(s, hint, null);
            }
        }
        Charset guessed = guess(bytes);
        String problem = declared == null ? "no charset declared, guessed " + guessed.name()
                : cs.isEmpty() ? "unknown charset " + declared + ", guessed " + guessed.name()
                : "content is not " + declared + ", guessed " + guessed.name();
        if (cs.isPresent() && Charsets.strict(bytes, guessed) == null) {
            return new Decoded(new String(bytes, cs.get()), cs.get(), "content is not valid " + declared);
        }
        return new Decoded(new String(bytes, guessed), guessed, problem);
    }

    /**
     * Picks a legacy charset for 8-bit bytes. GB18030 decodes almost any byte pair, so a strict decode
     * proves little; GB2312-range text (both bytes ≥ 0xA1) is what real Chinese mail consists of, while
     * Big5 uses trail bytes below 0xA1 for about 40% of its characters.
     */
    static Charset guess(byte[] bytes) {
        if (isolatedHighBytes(bytes)) {
            return Charset.forName("windows-1252");
        }
        int pairs = 0;
        int gbRange = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x81 && b <= 0xfe) {
                int t = bytes[i + 1] & 0xff;
                pairs++;
                if (b >= 0xa1 && t >= 0xa1 && t <= 0xfe) {
                    gbRange++;
                }
                i++;
            }
        }
        boolean mostlyGb2312 = pairs > 0 && gbRange * 100 >= pairs * 95;
        for (Charset candidate : GUESSES) {
            if (candidate.name().equals("GB18030") && !mostlyGb2312) {
                continue;
            }
            if (Charsets.strict(bytes, candidate) != null) {
                return candidate;
            }
        }
        return Charset.forName("GB18030");
    }

    /**
     * Every 8-bit byte stands alone between ASCII bytes ("Fr\u00f6sche"): Western European text. In
     * double-byte CJK text 8-bit bytes come in runs of two or more.
     */
    private static boolean isolatedHighBytes(byte[] bytes) {
        boolean any = false;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                any = true;
                boolean before = i > 0 && bytes[i - 1] < 0;
                boolean after = i + 1 < bytes.length && bytes[i + 1] < 0;
                if (before || after) {
                    return false;
                }
            }
        }
        return any;
    }

    /** RFC 2152 UTF-7, which Java lacks; Outlook Express sent it. */
    static String utf7(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '+') {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '+' || s.charAt(end) == '/')) {
                end++;
            }
            if (end == i + 1) {
                out.append('+');
            } else {
                byte[] utf16 = LenientBase64.decode(s.substring(i + 1, end));
                out.append(new String(utf16, 0, utf16.length & ~1, StandardCharsets.UTF_16BE));
            }
            i = end < s.length() && s.charAt(end) == '-' ? end : end - 1;
        }
        return out.toString();
    }

    private static final int NOT_ASCII = 0;
    private static final int ASCII = 1;
    private static final int ASCII_WITH_ESC = 2;

    /**
     * Whether every byte is below 0x80 and, in the same pass, whether an escape (0x1B) occurs: the byte
     * an ISO-2022-JP text announces itself with, so that the search for its escape sequences runs only then.
     */
    private static int asciiWithEscape(byte[] bytes) {
        boolean escape = false;
        for (byte b : bytes) {
            if (b < 0) {
                return NOT_ASCII;
            }
            if (b == 0x1b) {
                escape = true;
            }
        }
        return escape ? ASCII_WITH_ESC : ASCII;
    }

    /** UTF-16 and UTF-32 text can consist of bytes below 0x80 and still not be ASCII. */
    private static boolean asciiCompatible(Charset cs) {
        try {
            return java.util.Arrays.equals("A".getBytes(cs), new byte[] {'A'});
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** U+0000 never means anything in mail text, and breaks whatever stores or shows it. */
    private static String withoutNul(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    private static boolean isStatefulSevenBit(Charset cs) {
        String n = cs.name().toUpperCase(Locale.ROOT);
        return n.startsWith("ISO-2022") || n.equals("UTF-7");
    }

    /** ESC $ B / ESC $ @ : JIS X 0208 in ISO-2022-JP, sent undeclared by old Japanese clients. */
    private static boolean looksIso2022Jp(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == 0x1b && bytes[i + 1] == '$' && (bytes[i + 2] == 'B' || bytes[i + 2] == '@')) {
                return true;
            }
        }
        return false;
    }

    /** Decoded text, the charset that produced it, and a problem note when the label was wrong or missing. */
    record Decoded(String text, Charset charset, String problem) {
    }
}
