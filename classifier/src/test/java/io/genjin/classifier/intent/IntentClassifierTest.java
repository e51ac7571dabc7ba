package io.genjin.classifier.intent;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IntentClassifierTest {

    private static IntentClassifier classifier;

    @BeforeAll
    static void loadModelOnce() {
        classifier = new IntentClassifier();
    }

    @Test
    void understandManyMessagesShouldLoadTheIntentModelOnceForTheFacadeAndNeverPerMessage() {
        int before = IntentClassifier.MODEL_LOADS.get();
        EmailUnderstanding understanding = new EmailUnderstanding();
        assertThat(IntentClassifier.MODEL_LOADS.get()).isEqualTo(before + 1);
        for (int i = 0; i < 200; i++) {
            understanding.understand(new Email(Map.of("Subject", List.of("Inquiry " + i)),
                    i % 2 == 0 ? "Please send your price list and MOQ." : "请报价，谢谢。", "", List.of(), List.of()));
        }
        assertThat(IntentClassifier.MODEL_LOADS.get()).isEqualTo(before + 1);
    }

    @Test
    void classifyWhenBuyerAsksForPriceAndMoqShouldBeAnInquiry() {
        assertThat(classifier.classify("Inquiry", "Please send your catalogue, price list and MOQ for LED bulbs.").label())
                .isEqualTo(IntentLabel.INQUIRY);
    }

    @Test
    void classifyWhenChineseComplaintShouldBeAComplaintWithConfidence() {
        Intent intent = classifier.classify("质量问题", "这批货破损严重，客户拒收，我们要求赔偿。");
        assertThat(intent.label()).isEqualTo(IntentLabel.COMPLAINT);
        assertThat(intent.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void classifyWhenPaymentSlipShouldBePayment() {
        assertThat(classifier.classify("Deposit", "We have paid the deposit by T/T today, bank slip attached.").label())
                .isEqualTo(IntentLabel.PAYMENT);
    }

    @Test
    void isQuoteWhenAttachmentIsAProformaInvoiceShouldBeTrue() {
        assertThat(new QuoteDetector().isQuote("Order 4512", "See attached.", List.of("PI-2024-031.pdf"))).isTrue();
        assertThat(new QuoteDetector().isQuote("Re: 报价单", "请查收附件中的报价单。", List.of())).isTrue();
    }

    @Test
    void isQuoteWhenBuyerRequestsAQuotationShouldBeFalse() {
        assertThat(new QuoteDetector().isQuote("Request for quotation", "Please quote 2000 pcs.", List.of())).isFalse();
    }

    @Test
    void asksWhenPoliteRequestOrQuestionShouldBeTrue() {
        RequestDetector asks = new RequestDetector();
        assertThat(asks.asks("Could you send me the draft by Friday?")).isTrue();
        assertThat(asks.asks("Please review the attached contract.")).isTrue();
        assertThat(asks.asks("The meeting went well yesterday.")).isFalse();
    }

    @Test
    void trainWhenShippedTrainingSetShouldProduceAModelThatMeetsTheGoalOnTheTestSplit() {
        IntentClassifier retrained = new IntentClassifier(IntentTrainer.train(TrainingSet.load(TrainingSet.TRAIN)));
        assertThat(io.genjin.classifier.accuracy.AccuracyReport.intentMacroF1(retrained)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void classifyWhenBuyerSendsASignedProformaShouldBeAnOrderNotAQuotation() {
        assertThat(classifier.classify("Re: PI 2026-341", "Signed and stamped PI attached. Kindly start production, deposit goes out tomorrow.")
                .label()).isEqualTo(IntentLabel.ORDER);
    }

    @Test
    void classifyWhenJapaneseLeakageStopsTheLineShouldBeAComplaint() {
        assertThat(classifier.classify("品質不良について", "納品いただいたバルブの一部で液漏れが発生し、当社の充填ラインが停止しております。至急ご対応ください。")
                .label()).isEqualTo(IntentLabel.COMPLAINT);
    }

    @Test
    void classifyWhenSupplierAnnouncesANewFactoryShouldNotBeAnOrder() {
        Intent intent = classifier.classify("News", "We are proud to announce that our new factory in Malaysia has started production this month.");
        assertThat(intent.label()).isNotEqualTo(IntentLabel.ORDER);
        assertThat(intent.guess()).isNotEqualTo(IntentLabel.ORDER);
    }

    @Test
    void classifyBelowTheThresholdShouldSayUnknownAndKeepTheGuess() {
        IntentClassifier strict = new IntentClassifier(IntentTrainer.train(TrainingSet.load(TrainingSet.TRAIN)), 1.01);
        Intent intent = strict.classify("", "Please send your catalogue, price list and MOQ for LED bulbs.");
        assertThat(intent.label()).isEqualTo(IntentLabel.UNKNOWN);
        assertThat(intent.lowConfidence()).isTrue();
        assertThat(intent.guess()).isEqualTo(IntentLabel.INQUIRY);
        assertThat(IntentClassifier.MIN_CONFIDENCE).isBetween(0.3, 0.9);
    }

    @Test
    void tokensWhenJapaneseKanaShouldGiveCharacterBigramsAndHangulAPrefix() {
        assertThat(Tokens.of("サンプルを送ってください")).contains("サン", "ンプ", "送っ");
        assertThat(Tokens.of("견적서를 보내주세요")).contains("견적~");
    }

    @Test
    void wordListWhenGoodsArriveBrokenShouldSayComplaint() {
        assertThat(new WordListBaseline().classify("The cartons arrived damaged and 40 units are broken.")).isEqualTo(IntentLabel.COMPLAINT);
        assertThat(new WordListBaseline().classify("Happy new year to you and your team")).isEqualTo(IntentLabel.OTHER);
    }

    @Test
    void trainingSetShouldCoverEveryLabelInTheExportMarketsLanguages() {
        var examples = TrainingSet.load(TrainingSet.TRAIN).examples();
        assertThat(examples).hasSizeGreaterThan(1000);
        for (IntentLabel label : IntentLabel.trained()) {
            assertThat(examples.stream().filter(e -> e.label() == label).map(TrainingSet.Example::language).distinct().count())
                    .as(label.code()).isGreaterThanOrEqualTo(12);
        }
        assertThat(examples).noneMatch(e -> e.label() == IntentLabel.UNKNOWN);
    }
}
