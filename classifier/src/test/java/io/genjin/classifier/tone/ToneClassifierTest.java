package io.genjin.classifier.tone;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.accuracy.AccuracyReport;
import io.genjin.classifier.accuracy.Figure;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ToneClassifierTest {

    private static final ToneClassifier CLASSIFIER = new ToneClassifier();

    @Test
    void heldOutFamiliesShouldStayAboveTheFloor() {
        List<Figure> figures = AccuracyReport.tone(CLASSIFIER, ToneSet.load(ToneSet.TEST));
        // Floors a little under today's figures (docs/classifier.md): a change to the data or features that
        // loses generalisation fails here.
        assertThat(figures.get(0).metric()).isEqualTo("dissatisfied F1 (model)");
        assertThat(figures.get(0).value()).isGreaterThanOrEqualTo(0.85);
        assertThat(figures.get(3).metric()).isEqualTo("tone macro-F1 (model)");
        assertThat(figures.get(3).value()).isGreaterThanOrEqualTo(0.82);
    }

    @Test
    void theBlindSetShouldStayAboveItsFloor() {
        List<Figure> figures = AccuracyReport.tone(CLASSIFIER, ToneSet.load(ToneSet.BLIND));
        // Today 0.909 and 0.894 on 301 lines (docs/classifier.md; the previous model read 0.821 and 0.852 on
        // the same lines). Training was aimed at the kinds b2- and b3- missed, so these floors guard against
        // losing that coverage; they do not measure unseen mail.
        assertThat(figures.get(0).value()).isGreaterThanOrEqualTo(0.87);
        assertThat(figures.get(3).value()).isGreaterThanOrEqualTo(0.86);
    }

    @Test
    void aShortfallOrADemandToPayIsAGrievanceEvenInWordsNoTrainingLineUsed() {
        List<String> features = List.of(ToneCues.features("Nine cartons are missing and the freight is at your expense."));
        assertThat(features).contains("<short>", "<demand>", "<griev>");
    }

    @Test
    void aNegationAfterItsWordNegatesIt() {
        assertThat(List.of(ToneCues.features("претензий нет, всё хорошо"))).doesNotContain("<griev>");
        assertThat(List.of(ToneCues.features("今回の商品は特に問題ありませんでした。"))).contains("<no-problem>").doesNotContain("<problem>");
    }

    @Test
    void courtesyAroundAGrievanceIsACueOfItsOwn() {
        assertThat(List.of(ToneCues.features("We appreciate your help, however the cartons arrived damaged.")))
                .contains("<courteous-griev>", "<turn-griev>");
        assertThat(List.of(ToneCues.features("Could you send the packing list? Thanks, Sarah"))).contains("<thanks-only>");
    }

    @Test
    void aShortMailWithNoGrievanceIsNotDissatisfied() {
        // Its score sits near the training prior of the dissatisfied category; the lower bar needs a cue.
        for (String text : List.of("Re: Offer 12", "OK", "Noted, thanks.", "收到", "Where is our shipment? Delivery date 3")) {
            assertThat(CLASSIFIER.read(text).dissatisfied()).as(text).isFalse();
        }
    }

    @Test
    void givenTokensShouldReadAsTheTextAlone() {
        String text = "Dear Lily, 12 of 400 valves leak and the line is stopped. Regards";
        assertThat(CLASSIFIER.read(text, io.genjin.classifier.intent.Tokens.of(text))).isEqualTo(CLASSIFIER.read(text));
    }

    @Test
    void heldOutFamiliesShouldNotAppearInTheTrainingSet() {
        Set<String> trained = ToneSet.load(ToneSet.TRAIN).examples().stream().map(ToneSet.Example::family).collect(Collectors.toSet());
        Set<String> texts = ToneSet.load(ToneSet.TRAIN).examples().stream().map(ToneSet.Example::text).collect(Collectors.toSet());
        for (ToneSet.Example e : ToneSet.load(ToneSet.TEST).examples()) {
            assertThat(trained).as(e.text()).doesNotContain(e.family());
            assertThat(texts).doesNotContain(e.text());
        }
    }

    @Test
    void theBlindSetShouldShareNoFamilyNorTextWithTrainingOrTheHeldOutSplit() {
        ToneSet train = ToneSet.load(ToneSet.TRAIN);
        ToneSet test = ToneSet.load(ToneSet.TEST);
        Set<String> families = new java.util.HashSet<>();
        Set<String> texts = new java.util.HashSet<>();
        for (ToneSet.Example e : train.examples()) {
            families.add(e.family());
            texts.add(normalised(e.text()));
        }
        for (ToneSet.Example e : test.examples()) {
            families.add(e.family());
            texts.add(normalised(e.text()));
        }
        List<ToneSet.Example> blind = ToneSet.load(ToneSet.BLIND).examples();
        assertThat(blind).hasSizeGreaterThanOrEqualTo(120);
        for (ToneSet.Example e : blind) {
            assertThat(e.family()).as(e.text()).matches("b[0-9]*-.+").isNotIn(families);
            assertThat(normalised(e.text())).as("a blind line was copied into training or the held-out split").isNotIn(texts);
        }
    }

    private static String normalised(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    @Test
    void aComplaintWrappedInCourtesyIsStillDissatisfied() {
        ToneReading r = CLASSIFIER.read("Thank you for your reply, but unfortunately the problem is not solved: "
                + "the motors still burn out after two days and our line is stopped.");
        assertThat(r.dissatisfied()).isTrue();
        assertThat(r.tone()).isEqualTo(Tone.NEGATIVE);
    }

    @Test
    void praiseAndNegatedGrievancesAreNotDissatisfied() {
        assertThat(CLASSIFIER.read("The goods arrived in perfect condition, thank you, our customer is very happy.").tone())
                .isEqualTo(Tone.POSITIVE);
        assertThat(CLASSIFIER.read("我们这边没有任何投诉，客户很满意，谢谢！").dissatisfied()).isFalse();
    }

    @Test
    void chineseClaimAndDelayAngerAreDissatisfied() {
        assertThat(CLASSIFIER.read("交货又延误了两周，我们对此非常不满，损失我们会向贵司索赔。").dissatisfied()).isTrue();
    }

    @Test
    void emptyTextIsNeutralAndNotSure() {
        assertThat(CLASSIFIER.read("  ")).isEqualTo(ToneReading.NONE);
    }
}
