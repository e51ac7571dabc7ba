package io.genjin.store.customer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalizes a company name for de-duplication: "ACME Trading Co., Ltd." and "Acme Trading" are the
 * same customer; so are "深圳市华强电子有限公司" and "华强电子". Legal-form suffixes and punctuation go,
 * letters are case-folded and accents removed.
 */
public final class CompanyName {
    // Longest forms first so that "co., ltd" wins over "co".
    private static final Pattern LEGAL_FORMS = Pattern.compile(
            "\\b(co\\.?,?\\s*ltd|company\\s+limited|corporation|incorporated|limited|l\\.?l\\.?c|"
                    + "gmbh(\\s*&\\s*co\\.?\\s*kg)?|s\\.?a\\.?r\\.?l|s\\.?r\\.?l|s\\.?p\\.?a|s\\.?a\\.?s|s\\.?a|"
                    + "b\\.?v|n\\.?v|a\\.?g|ag|oy|ab|as|aps|pte|pvt|plc|ltda|ltd|inc|corp|co|kg|ooo|oao|zao|"
                    + "sdn\\s+bhd|bhd|tbk|pty|kk|k\\.k)\\b\\.?");
    private static final Pattern CJK_LEGAL_FORMS = Pattern.compile(
            "(股份有限公司|有限责任公司|有限公司|集团|公司|株式会社|有限會社|有限会社|㈱)");
    private static final Pattern CN_PLACE_PREFIX = Pattern.compile("^(.{2,3}?[省市])(?=.{2,})");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CompanyName() {
    }

    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        // Plain ASCII (most names in an export sheet) has no marks to strip under NFKD and none of the
        // Chinese and Japanese forms or place names: those steps would find nothing.
        boolean ascii = name.chars().allMatch(c -> c < 0x80);
        String s = ascii ? name : MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        if (!ascii) {
            s = CJK_LEGAL_FORMS.matcher(s).replaceAll("");
        }
        s = ascii ? s.trim() : CN_PLACE_PREFIX.matcher(s.trim()).replaceFirst("");
        s = LEGAL_FORMS.matcher(s).replaceAll(" ");
        s = NOT_WORD.matcher(s).replaceAll(" ").trim();
        s = SPACES.matcher(s).replaceAll(" ");
        return s.isEmpty() ? NOT_WORD.matcher(name.toLowerCase(Locale.ROOT)).replaceAll(" ").trim() : s;
    }
}
