package io.genjin.classifier.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    @Test
    void toTextWhenParagraphsShouldKeepThemAsBlankLineSeparatedBlocks() {
        assertThat(HtmlText.toText("<p>Hello</p><p>Price is <b>USD 5</b>.</p>")).isEqualTo("Hello\n\nPrice is USD 5.");
    }

    @Test
    void toTextWhenHiddenPreheaderStyleAndPixelShouldDropThem() {
        String html = "<html><head><style>p{color:red}</style></head><body>"
                + "<div style=\"display:none\">preheader</div><p>Visible</p>"
                + "<img src=\"https://t.example.com/o.gif\" width=\"1\" height=\"1\"><script>x()</script></body></html>";
        assertThat(HtmlText.toText(html)).isEqualTo("Visible");
    }

    @Test
    void toTextWhenBlockquoteShouldPrefixQuoteMarks() {
        assertThat(HtmlText.toText("<div>Yes</div><blockquote>Is it ok?</blockquote>")).isEqualTo("Yes\n> Is it ok?");
    }

    @Test
    void toTextWhenLineBreaksShouldKeepThem() {
        assertThat(HtmlText.toText("Thanks,<br>Alex")).isEqualTo("Thanks,\nAlex");
    }
}
