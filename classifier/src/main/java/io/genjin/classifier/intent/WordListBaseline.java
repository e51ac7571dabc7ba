package io.genjin.classifier.intent;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The word list the model replaces, kept as a yardstick: count the trade-concept stems of
 * {@link TradeLexicon} in the text and answer with the label of the most frequent concept. The
 * accuracy bench prints it beside the model on the held-out split.
 */
public final class WordListBaseline {

    private static final Map<String, IntentLabel> CONCEPT_LABELS = Map.of(
            "#rfq", IntentLabel.INQUIRY, "#ask", IntentLabel.INQUIRY, "#offer", IntentLabel.QUOTATION,
            "#sample", IntentLabel.SAMPLE, "#order", IntentLabel.ORDER, "#payment", IntentLabel.PAYMENT,
            "#shipping", IntentLabel.LOGISTICS, "#problem", IntentLabel.COMPLAINT, "#unhappy", IntentLabel.COMPLAINT,
            "#social", IntentLabel.OTHER);
    /* Ties go to the label a salesperson most needs to see. */
    private static final List<IntentLabel> PRIORITY = List.of(IntentLabel.COMPLAINT, IntentLabel.ORDER, IntentLabel.PAYMENT,
            IntentLabel.SAMPLE, IntentLabel.LOGISTICS, IntentLabel.QUOTATION, IntentLabel.INQUIRY, IntentLabel.OTHER);

    public IntentLabel classify(String text) {
        Map<IntentLabel, Integer> votes = new EnumMap<>(IntentLabel.class);
        for (String concept : TradeLexicon.concepts(text == null ? "" : text.toLowerCase(Locale.ROOT))) {
            IntentLabel label = CONCEPT_LABELS.get(concept);
            if (label != null) {
                votes.merge(label, 1, Integer::sum);
            }
        }
        IntentLabel best = IntentLabel.OTHER;
        int most = 0;
        for (IntentLabel label : PRIORITY) {
            int n = votes.getOrDefault(label, 0);
            if (n > most) {
                best = label;
                most = n;
            }
        }
        return best;
    }
}
