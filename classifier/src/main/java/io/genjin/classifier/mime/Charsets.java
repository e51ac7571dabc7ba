package io.genjin.classifier.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Decodes bytes under a declared charset label the way real (often mislabelled) mail needs. */
public final class Charsets {

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /*
     * Chinese clients label GBK text as gb2312; a strict GB2312 decoder turns GBK-only characters
     * (梁祐晟) into U+FFFD. GB18030 is a superset of both, so it is always the safer reading.
     */
    private static final Map<String, String> ALIASES = Map.of(
            "gb2312", "GB18030", "gbk", "GB18030", "x-gbk", "GB18030", "cp936", "GB18030",
            "gb_2312-80", "GB18030", "euc-cn", "GB18030",
            "ks_c_5601-1987", "x-windows-949", "iso-8859-1", "windows-1252",
            "us-ascii", "windows-1252", "windows-874", "x-windows-874");

    private Charsets() {
    }

    public static Charset forLabel(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String key = label.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        return named(ALIASES.getOrDefault(key, key)).orElse(null);
    }

    private static final int NAMES_KEPT = 512;
    private static final Map<String, Optional<Charset>> NAMED = new ConcurrentHashMap<>();

    /**
     * {@link Charset#forName}, remembered: the JDK keeps only its last two look-ups, and each other
     * one of a charset outside {@code java.base} (GBK, Big5, Shift_JIS, ISO-2022-JP, ...) walks the
     * charset providers again, which cost 2 % of an import's CPU. Names mail declared are remembered,
     * known or not, up to {@value #NAMES_KEPT} of them; past that they are looked up each time.
     */
    public static Optional<Charset> named(String name) {
        Optional<Charset> known = NAMED.get(name);
        if (known != null) {
            return known;
        }
        Optional<Charset> found;
        try {
            found = Optional.of(Charset.forName(name));
        } catch (RuntimeException unknown) {
            found = Optional.empty();
        }
        if (NAMED.size() < NAMES_KEPT) {
            NAMED.put(name, found);
        }
        return found;
    }

    /**
     * Decodes with the declared charset; when none is declared or it is unknown, or when valid UTF-8
     * was sent under another label (a common webmail bug), UTF-8 wins; else windows-1252, which never fails.
     */
    public static String decode(byte[] bytes, String label) {
        Charset declared = forLabel(label);
        // ISO-2022-JP/KR/CN are 7-bit encodings: ASCII bytes are not ASCII text under those labels.
        boolean ascii = isAscii(bytes) && (declared == null || !declared.name().toUpperCase(Locale.ROOT).startsWith("ISO-2022")
                && !declared.name().equalsIgnoreCase("UTF-7"));
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (declared == null) {
            if (utf8 != null) {
                return utf8;
            }
            String gb = strict(bytes, GB18030);
            return gb != null && hanShare(gb) > 0.3 ? gb : new String(bytes, WINDOWS_1252);
        }
        String asDeclared = strict(bytes, declared);
        if (asDeclared != null) {
            return asDeclared;
        }
        return utf8 != null ? utf8 : new String(bytes, declared);
    }

    /**
     * The bytes decoded with {@code charset}, or null when they are not valid in it. Invalid input is
     * the common case here (legacy text tried as UTF-8 first), so it is found from the decoder's
     * result rather than by the exception {@link java.nio.charset.CharsetDecoder#decode(ByteBuffer)}
     * throws, whose stack trace cost more than the decoding.
     */
    public static String strict(byte[] bytes, Charset charset) {
        try {
            CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.averageCharsPerByte()) + 16);
            while (true) {
                CoderResult result = decoder.decode(in, out, true);
                if (result.isUnderflow()) {
                    result = decoder.flush(out);
                }
                if (result.isUnderflow()) {
                    return out.flip().toString();
                }
                if (!result.isOverflow()) {
                    return null;
                }
                CharBuffer larger = CharBuffer.allocate(2 * out.capacity() + 1);
                larger.put(out.flip());
                out = larger;
            }
        } catch (RuntimeException e) {
            // A decoder that cannot decode at all (an encode-only charset), or one that fails on odd input.
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static double hanShare(String s) {
        long han = s.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
        long nonAscii = s.codePoints().filter(c -> c > 127).count();
        return nonAscii == 0 ? 0 : (double) han / nonAscii;
    }
}
