package io.genjin.classifier.language;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

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

    private static final List<String> SAMPLES = List.of(
            "Wir interessieren uns für Ihre Edelstahlrohre und bitten um ein Angebot (FOB Ningbo, 2.000 Stück).",
            "Could you please send us your best price for 2,000 pieces? See https://example.com/spec :) #urgent @anna",
            "Nous avons bien reçu votre devis, mais le délai de livraison est trop long pour notre client.",
            "Estamos interesados en sus productos, ¿podría enviarnos el catálogo y la lista de precios?",
            "Gostaríamos de receber uma amostra antes de fazer o pedido. Obrigado!",
            "Prosimy o przesłanie oferty cenowej na 500 sztuk, dostawa do Gdańska.",
            "Ik ben tot maandag afwezig en heb beperkt toegang tot mijn e-mail.",
            "Merhaba, siparişimiz ne zaman yüklenecek? Konşimento kopyasını gönderir misiniz?",
            "Xin chào, chúng tôi muốn đặt hàng thử 100 chiếc. Giá tốt nhất là bao nhiêu?",
            "HELLO ÜBER STRASSE ΣΟΦΟΣ İstanbul ǅemal ŉ aaaaa!!! ;-) 😀 12:30");

    @Test
    void featuresShouldBeThoseOpenNlpsLanguageDetectorBuilds() throws Exception {
        LanguageDetectorModel model;
        try (InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
            model = new LanguageDetectorModel(in);
        }
        var openNlp = model.getFactory().getContextGenerator();
        LanguageDetectorME me = new LanguageDetectorME(model);
        for (String sample : SAMPLES) {
            assertThat(LanguageDetector.features(sample)).as(sample)
                    .containsExactlyInAnyOrder(java.util.Arrays.stream(openNlp.getContext(sample)).map(String::valueOf).toArray(String[]::new));
            assertThat(detector.detect(sample)).as(sample).isEqualTo(LanguageDetector.toIso1(me.predictLanguage(sample).getLang()));
        }
    }

    @Test
    void understandManyMessagesShouldLoadTheLanguageModelOnceAndIngestionNever() {
        EmailUnderstanding understanding = new EmailUnderstanding();
        int loads = LanguageDetector.MODEL_LOADS.get();
        for (String sample : SAMPLES) {
            understanding.understandToLink(new Email(Map.of("Subject", List.of("Re: order")), sample, "", List.of(), List.of()));
        }
        assertThat(LanguageDetector.MODEL_LOADS.get()).as("ingestion reads no language").isEqualTo(loads);
        for (int round = 0; round < 20; round++) {
            for (String sample : SAMPLES) {
                understanding.understand(new Email(Map.of("Subject", List.of("Re: order " + round)), sample, "", List.of(), List.of()));
            }
        }
        assertThat(LanguageDetector.MODEL_LOADS.get()).isEqualTo(loads + 1);
    }

    @Test
    void detectWhenChineseWithEnglishSignatureShouldStillBeChinese() {
        assertThat(detector.detect("您好，附件是报价单，请查收。\nBest regards, Anna")).isEqualTo("zh");
    }
}
