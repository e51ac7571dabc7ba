package io.genjin.tracking.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class BodyTemplateTest {
    private final LinkPolicy policy = new LinkPolicy("https://t.genjin.example");

    @Test
    void htmlLinksAreWrappedAndAPixelIsAddedPerRecipient() {
        BodyTemplate body = BodyTemplate.parse("""
                <html><body><p>Dear buyer, our <a href="https://factory.example/quote/123.pdf">quotation</a> and
                <a href="https://factory.example/products?id=7&amp;lang=en">catalogue</a>,
                again <a href="https://factory.example/quote/123.pdf">here</a>.</p></body></html>""", null, policy);

        assertThat(body.links()).containsExactly("https://factory.example/quote/123.pdf",
                "https://factory.example/products?id=7&lang=en");
        Document first = Jsoup.parse(body.html(l -> "https://t.genjin.example/t/c/A" + l, "https://t.genjin.example/t/o/A.gif"));
        Document second = Jsoup.parse(body.html(l -> "https://t.genjin.example/t/c/B" + l, "https://t.genjin.example/t/o/B.gif"));
        assertThat(first.select("a").eachAttr("href")).containsExactly("https://t.genjin.example/t/c/A0",
                "https://t.genjin.example/t/c/A1", "https://t.genjin.example/t/c/A0");
        assertThat(first.select("img[src$=A.gif]")).hasSize(1);
        assertThat(first.select("img")).hasSize(1);
        assertThat(second.select("a").eachAttr("href")).allMatch(h -> h.contains("/t/c/B"));
        assertThat(second.select("img").attr("src")).isEqualTo("https://t.genjin.example/t/o/B.gif");
        assertThat(first.text()).contains("Dear buyer, our quotation and");
    }

    @Test
    void mailtoTelAnchorsScriptsAndUnsubscribeLinksAreNeverWrapped() {
        String html = """
                <a href="mailto:sales@factory.example">mail us</a>
                <a href="tel:+8657412345678">call</a>
                <a href="#prices">prices</a>
                <a href="javascript:alert(1)">x</a>
                <a href="data:text/html,hi">y</a>
                <a href="https://lists.factory.example/unsubscribe?u=1">stop</a>
                <a href="https://factory.example/prefs">Unsubscribe from these mails</a>
                <a href="https://factory.example/u">退订</a>
                <a href="https://factory.example/private" data-genjin-track="off">private</a>
                <a href="https://t.genjin.example/t/c/already">tracked</a>
                <a href="/relative/path">relative</a>
                <a href="https://factory.example/ok">ok</a>""";
        BodyTemplate body = BodyTemplate.parse(html, null, policy);
        assertThat(body.links()).containsExactly("https://factory.example/ok");
        Document out = Jsoup.parse(body.html(l -> "https://t.genjin.example/t/c/X", "https://t.genjin.example/t/o/X.gif"));
        assertThat(out.select("a").eachAttr("href")).containsExactly("mailto:sales@factory.example", "tel:+8657412345678",
                "#prices", "javascript:alert(1)", "data:text/html,hi", "https://lists.factory.example/unsubscribe?u=1",
                "https://factory.example/prefs", "https://factory.example/u", "https://factory.example/private",
                "https://t.genjin.example/t/c/already", "/relative/path", "https://t.genjin.example/t/c/X");
    }

    @Test
    void plainTextGetsItsUrlsWrappedAndNoPixel() {
        String text = """
                Please find the price list at https://factory.example/prices.
                Samples: (https://factory.example/samples) or <https://factory.example/wiki/Item_(x)>
                Unsubscribe: https://factory.example/unsubscribe?u=9
                Write to sales@factory.example""";
        BodyTemplate body = BodyTemplate.parse(null, text, policy);
        assertThat(body.links()).containsExactly("https://factory.example/prices", "https://factory.example/samples",
                "https://factory.example/wiki/Item_(x)");
        assertThat(body.html(l -> "T" + l, "P")).isNull();
        assertThat(body.text(l -> "https://t.genjin.example/t/c/" + l)).isEqualTo("""
                Please find the price list at https://t.genjin.example/t/c/0.
                Samples: (https://t.genjin.example/t/c/1) or <https://t.genjin.example/t/c/2>
                Unsubscribe: https://factory.example/unsubscribe?u=9
                Write to sales@factory.example""");
    }

    @Test
    void hostileHtmlIsHandledAndNothingButHttpIsEverTracked() {
        BodyTemplate body = BodyTemplate.parse("<a href=\"https://ok.example/\r\nSet-Cookie: x\">x</a><a href=\"  HTTPS://Factory.example/A \">a</a>"
                + "<a href=\"https://evil.example\\@good.example\">b</a><<<script>alert(1)</script>", null, policy);
        assertThat(body.links()).containsExactly("HTTPS://Factory.example/A");
    }
}
