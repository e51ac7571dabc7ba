package io.genjin.classifier.language;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {

    private static LanguageDetector detector;

    @BeforeAll
    static void loadModelOnce() {
        detector = new LanguageDetector();
    }

    @Test
    void detectWhenShortChineseShouldUseTheScriptNotTheModel() {
        assertThat(detector.detect("好的谢谢")).isEqualTo("zh");
    }

    @Test
    void detectWhenKanaIsPresentShouldAnswerJapanese() {
        assertThat(detector.detect("見積書を送ってください")).isEqualTo("ja");
    }

    @Test
    void detectWhenLongerLatinTextShouldAskTheModel() {
        assertThat(detector.detect("Wir interessieren uns für Ihre Edelstahlrohre und bitten um ein Angebot.")).isEqualTo("de");
        assertThat(detector.detect("Could you please send us your best price for two thousand pieces?")).isEqualTo("en");
        assertThat(detector.detect("Пожалуйста, пришлите каталог и цены на вашу продукцию.")).isEqualTo("ru");
    }

    @Test
    void detectWhenTooShortToTellShouldAnswerUndetermined() {
        assertThat(detector.detect("ok")).isEqualTo("und");
        assertThat(detector.detect("")).isEqualTo("und");
    }

    @Test
    void detectWhenChineseWithEnglishSignatureShouldStillBeChinese() {
        assertThat(detector.detect("您好，附件是报价单，请查收。\nBest regards, Anna")).isEqualTo("zh");
    }
}
