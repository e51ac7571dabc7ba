package io.genjin.classifier.language;

/** Letter counts per script, enough to name the language outright when the script says it all. */
record ScriptCounts(int letters, int latin, int han, int kana, int hangul, int thai, int greek, int hebrew,
                    int cyrillic, int arabic, char cyrillicHint) {

    static ScriptCounts of(String text) {
        int letters = 0, latin = 0, han = 0, kana = 0, hangul = 0, thai = 0, greek = 0, hebrew = 0, cyr = 0, ar = 0;
        char hint = 'r';
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            letters++;
            switch (Character.UnicodeScript.of(c)) {
                case LATIN -> latin++;
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case THAI -> thai++;
                case GREEK -> greek++;
                case HEBREW -> hebrew++;
                case CYRILLIC -> {
                    cyr++;
                    hint = hint == 'r' ? cyrillicHint(c) : hint;
                }
                case ARABIC -> ar++;
                default -> { }
            }
        }
        return new ScriptCounts(letters, latin, han, kana, hangul, thai, greek, hebrew, cyr, ar, hint);
    }

    private static char cyrillicHint(int c) {
        return switch (Character.toLowerCase(c)) {
            case 'і', 'ї', 'є', 'ґ' -> 'u';
            case 'ђ', 'ј', 'љ', 'њ', 'ћ', 'џ' -> 's';
            case 'ў' -> 'b';
            default -> 'r';
        };
    }

    /*
     * Letters only one Cyrillic alphabet has; the langdetect model confuses Russian with Serbian and
     * Bulgarian on business text, and Russian is by far the likeliest correspondent.
     */
    private String cyrillicLanguage() {
        return switch (cyrillicHint) {
            case 'u' -> "uk";
            case 's' -> "sr";
            case 'b' -> "be";
            default -> "ru";
        };
    }

    /**
     * The language a dominant script implies, or null when the model must decide. Han counts as
     * Chinese unless kana is present (Japanese mixes both); one CJK character weighs like a word of
     * Latin letters, hence the factor of 3 against Latin (English signatures under Chinese text).
     */
    String decisiveLanguage() {
        int cjk = han + kana + hangul;
        if (cjk > 0 && cjk * 3 >= latin) {
            if (kana > 0 && kana * 10 >= han) {
                return "ja";
            }
            if (hangul >= han) {
                return "ko";
            }
            return "zh";
        }
        int rest = letters - latin;
        if (thai > 0 && thai * 2 >= letters) {
            return "th";
        }
        if (greek > 0 && greek * 2 >= letters) {
            return "el";
        }
        if (hebrew > 0 && hebrew * 2 >= letters) {
            return "he";
        }
        if (cyrillic > 0 && cyrillic * 2 >= letters) {
            return cyrillicLanguage();
        }
        if (rest > 0 && letters < 12) {
            if (arabic * 2 >= letters) {
                return "ar";
            }
        }
        return null;
    }
}
