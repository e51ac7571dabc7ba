package io.genjin.classifier.language;

import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.normalizer.AggregateCharSequenceNormalizer;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Language of a text as an ISO 639-1 code ("en", "zh", …), or "und" when there is too little to go on.
 *
 * <p>Scripts used by one language (Han, kana, Hangul, Thai, Greek, Hebrew) are decided by counting
 * characters: the langdetect model is unreliable on the short replies typical of mail, while a
 * 4-character Chinese "好的谢谢" is unambiguous. Other text goes to OpenNLP's 103-language model,
 * whose top scores are low (0.02–0.3), so the answer is the best score, not a threshold.
 *
 * <p>The model is asked directly ({@link MaxentModel#eval}) with the features OpenNLP's
 * {@code LanguageDetectorME} would build (the langdetect factory's normalizers, then each distinct
 * lower-cased 1- to 3-character gram, counted once): its n-gram model, count map and sort of all 103
 * languages were a third of the detection time, and only the best language is wanted here.
 * {@code LanguageDetectorTest} pins the equivalence.
 */
public final class LanguageDetector {

    public static final String UNDETERMINED = "und";
    private static final int MIN_LETTERS_FOR_MODEL = 12;
    private static final Map<String, String> ISO3_TO_ISO1 = iso3ToIso1();

    /* The normalizers of opennlp-tools' LanguageDetectorFactory (2.5), in its order. */
    static final CharSequenceNormalizer NORMALIZER = new AggregateCharSequenceNormalizer(
            EmojiCharSequenceNormalizer.getInstance(), UrlCharSequenceNormalizer.getInstance(),
            TwitterCharSequenceNormalizer.getInstance(), NumberCharSequenceNormalizer.getInstance(),
            ShrinkCharSequenceNormalizer.getInstance());
    private static final int MIN_GRAM = 1;
    private static final int MAX_GRAM = 3;

    /* Model reads in this JVM: tests hold the facade to one per construction, none per message. */
    static final AtomicInteger MODEL_LOADS = new AtomicInteger();

    private final MaxentModel model;

    public LanguageDetector() {
        try (InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
            if (in == null) {
                throw new IllegalStateException("langdetect-183.bin missing from the classpath");
            }
            this.model = new LanguageDetectorModel(in).getMaxentModel();
            MODEL_LOADS.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String detect(String text) {
        if (text == null) {
            return UNDETERMINED;
        }
        // The model scores character n-grams: 200 characters decide as well as the whole letter, at a fraction of
        // the cost (language detection was a third of the facade's time at 300).
        String sample = text.length() > 200 ? text.substring(0, 200) : text;
        ScriptCounts scripts = ScriptCounts.of(sample);
        String byScript = scripts.decisiveLanguage();
        if (byScript != null) {
            return byScript;
        }
        if (scripts.letters() < MIN_LETTERS_FOR_MODEL) {
            return UNDETERMINED;
        }
        String[] features = features(sample);
        if (features.length == 0) {
            return UNDETERMINED;
        }
        float[] once = new float[features.length];
        Arrays.fill(once, 1f);
        double[] scores = model.eval(features, once);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return toIso1(model.getOutcome(best));
    }

    /** Distinct lower-cased character 1- to 3-grams of the normalised text, as the langdetect model was trained on. */
    static String[] features(String text) {
        CharSequence normalised = NORMALIZER.normalize(text);
        char[] chars = new char[normalised.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(normalised.charAt(i));
        }
        Set<String> grams = new LinkedHashSet<>();
        for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
            for (int i = 0; i + n <= chars.length; i++) {
                grams.add(new String(chars, i, n));
            }
        }
        return grams.toArray(String[]::new);
    }

    static String toIso1(String iso3) {
        return switch (iso3) {
            case "cmn", "zho", "yue", "wuu" -> "zh";
            case "nob", "nno" -> "no";
            case "pes" -> "fa";
            case "zlm", "zsm" -> "ms";
            default -> ISO3_TO_ISO1.getOrDefault(iso3, iso3);
        };
    }

    private static Map<String, String> iso3ToIso1() {
        Map<String, String> map = new HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                map.put(Locale.forLanguageTag(iso1).getISO3Language(), iso1);
            } catch (RuntimeException ignored) {
                // A few legacy codes have no ISO 639-2 form.
            }
        }
        return map;
    }
}
