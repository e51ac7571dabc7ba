package io.genjin.classifier.intent;

import io.genjin.classifier.text.AnyOf;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Is this message a quotation being sent? Rules, not the model: the words are few and telling, and
 * attachment names ("PI-2024-031.pdf", "报价单.xlsx") carry most of the signal but never reach the text.
 */
public final class QuoteDetector {

    private static final String WORDS = "quotation|quote|quoted|offer|price ?list|pricelist|proforma|pro[- ]forma|\\bpi\\b|"
            + "\\bp\\.i\\.|cotizaci[oó]n|cotação|cotacao|presupuesto|oferta|angebot|preisliste|devis|offre|"
            + "коммерческое предложение|прайс|предложение|عرض سعر|عرض أسعار|报价|報價|报价单|報價單|形式发票|形式發票|价格表|價格表|"
            + "价目表|估价|見積";
    private static final int MAX_BODY = 2_000;
    private static final AnyOf SUBJECT = AnyOf.compile(WORDS);
    private static final AnyOf ATTACHMENT = AnyOf.compile(WORDS + "|(^|[^a-z])(pi|qt|qtn|quo)[-_ .]?\\d");
    private static final AnyOf SENDING = AnyOf.compile("(attached|enclosed|please find|here is|here's|as requested|"
            + "we (are pleased|would like) to (offer|quote)|our (best )?(price|offer|quotation)|adjunto|anexo|en pièce jointe|"
            + "ci-joint|im anhang|anbei|во вложении|прилага|مرفق|附件|附上|随附|请查收|請查收|如下).{0,80}(" + WORDS + "|price|precio|preço|prix|preis|цен|سعر|价格|價格)");
    private static final AnyOf ASKING = AnyOf.compile("(please|kindly|could you|can you|would you|send (me|us)|"
            + "request for|rfq|podría|pourriez|könnten|請|请).{0,60}(" + WORDS + ")");

    public boolean isQuote(String subject, String text, List<String> attachmentNames) {
        // Patterns are lower case; matching lower-cased text avoids slow Unicode case folding.
        for (String name : attachmentNames) {
            if (ATTACHMENT.foundIn(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        String body = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
        }
        if (SENDING.foundIn(body)) {
            return true;
        }
        String s = subject == null ? "" : subject.toLowerCase(Locale.ROOT);
        return SUBJECT.foundIn(s) && !ASKING.foundIn(s + "\n" + body)
                && !s.contains("request") && !s.contains("询价") && !s.contains("詢價");
    }
}
