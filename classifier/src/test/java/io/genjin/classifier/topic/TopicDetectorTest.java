package io.genjin.classifier.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A table of mails and the topics they ask about; an empty topics cell is a negative case. */
class TopicDetectorTest {

    private static final TopicDetector DETECTOR = new TopicDetector();

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            What is your lead time for 5,000 pcs?                                   | lead-time
            Please advise the ETA of the vessel.                                    | lead-time
            请问这批货的交期是多久？                                                   | lead-time
            货期能不能提前到月底？                                                     | lead-time
            什么时候发货？                                                            | lead-time
            ¿Cuál es el plazo de entrega?                                            | lead-time
            Wie ist die Lieferzeit für 300 Stück?                                    | lead-time
            Какой срок поставки?                                                     | lead-time
            納期を教えてください。                                                     | lead-time
            The metal frame is beta quality.                                         |
            Your price is too high, our target price is 7.80.                        | counter-offer
            Can you give us a discount for 3 containers?                             | counter-offer
            太贵了，能不能降价？目标价是5美元。                                           | counter-offer
            Su precio es demasiado caro, ¿hay descuento?                              | counter-offer
            Ваша цена слишком дорого, дайте скидку.                                  | counter-offer
            The price is fine, please send the PI.                                   |
            Do you have CE and RoHS for this charger?                                | certification
            We need the SASO certificate for Saudi Arabia.                           | certification
            Is it UL listed? Our customer in the US asks for FCC too.                | certification
            这款有认证吗？需要REACH报告。                                                | certification
            ¿Tienen certificado CE?                                                  | certification
            We want it in red and blue, the case is nice.                            |
            Please reach out to our buyer next week.                                 |
            Do you have any new products this year? Please send the latest catalogue.| new-product
            有新款吗？请发新品目录。                                                     | new-product
            ¿Tienen nuevos productos?                                                | new-product
            Haben Sie neue Produkte?                                                 | new-product
            Please send 2 samples by DHL.                                            | sample
            请寄两个样品，打样费多少？                                                   | sample
            ¿Pueden enviar una muestra?                                              | sample
            Пришлите образец.                                                        | sample
            サンプルを送ってください。                                                  | sample
            For example, the handle could be longer.                                 |
            Our payment will be delayed by two weeks, sorry. Can we pay next month?   | payment-delay
            Could we have a payment extension of 30 days?                            | payment-delay
            尾款能不能延期付款？我们这个月资金紧张，晚点付。                                 | payment-delay
            Vamos a aplazar el pago hasta marzo.                                     | payment-delay
            Wir bitten um Zahlungsaufschub von 30 Tagen.                             | payment-delay
            We paid the balance today, bank slip attached.                           |
            Your shipment is two weeks late.                                         |
            The samples are fine but your price is too high and what is the lead time? | lead-time,counter-offer,sample
            """)
    void readsTheTopicsOfAMail(String text, String topics) {
        List<String> want = topics == null ? List.of() : Arrays.stream(topics.split(",")).map(String::strip).toList();
        assertThat(DETECTOR.detect(text).stream().map(Topic::code).toList()).containsExactlyElementsOf(want);
    }
}
