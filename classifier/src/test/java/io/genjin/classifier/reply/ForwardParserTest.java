package io.genjin.classifier.reply;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardParserTest {

    private final ForwardParser parser = new ForwardParser();

    @Test
    void parseWhenGmailForwardShouldReadAllFields() {
        String body = "FYI, new inquiry.\n\n---------- Forwarded message ---------\nFrom: John Doe <john.doe@acme.com>\nDate: Wed, Oct 27, 2021 at 9:31 AM\nSubject: RFQ LED panels\nTo: <sales@factory.cn>\nCc: Walter Sheltan <walter@acme.com>, Nicholas <nicholas@globex.corp>\n\nPlease quote 2000 pcs.\n";
        Forwarded f = parser.parse(body).orElseThrow();
        assertThat(f.fromName()).isEqualTo("John Doe");
        assertThat(f.fromAddress()).isEqualTo("john.doe@acme.com");
        assertThat(f.to()).containsExactly(new Mailbox("", "sales@factory.cn"));
        assertThat(f.cc()).containsExactly(new Mailbox("Walter Sheltan", "walter@acme.com"), new Mailbox("Nicholas", "nicholas@globex.corp"));
        assertThat(f.subject()).isEqualTo("RFQ LED panels");
        assertThat(f.body()).isEqualTo("Please quote 2000 pcs.");
        assertThat(f.message()).isEqualTo("FYI, new inquiry.");
    }

    @Test
    void parseWhenFoxmailChineseForwardShouldReadChineseLabels() {
        String body = "转发给你跟进。\n\n------------------ 原始邮件 ------------------\n发件人: \"Tom Buyer\"<tom@buyer.com>;\n发送时间: 2024年3月5日(星期二) 上午10:12\n收件人: \"sales\"<sales@factory.cn>;\n主题: Inquiry for PVC pipes\n\nPlease send your price list.\n";
        Forwarded f = parser.parse(body).orElseThrow();
        assertThat(f.fromName()).isEqualTo("Tom Buyer");
        assertThat(f.fromAddress()).isEqualTo("tom@buyer.com");
        assertThat(f.subject()).isEqualTo("Inquiry for PVC pipes");
        assertThat(f.body()).isEqualTo("Please send your price list.");
        assertThat(f.message()).isEqualTo("转发给你跟进。");
    }

    @Test
    void parseWhenReplyAttributionHasTextAboveShouldNotBeAForward() {
        Optional<Forwarded> f = parser.parse("That's true!\n\nOn 28/10/2021 12:46, \"John Doe\" <john.doe@acme.com> wrote:\n\n    Unicum iter.\n");
        assertThat(f).isEmpty();
    }

    private static final String OUTLOOK_BLOCK = "Please see below.\n\nFrom: Anna Schmidt <anna@acme.de>\nSent: Monday, 3 March 2025 10:12\n"
            + "To: Li Wang <li@globex.com.cn>\nSubject: Price list\n\nHere is the price list.";

    @Test
    void parseWhenSubjectSaysReplyShouldTakeAnOutlookHeaderBlockForQuotedHistory() {
        assertThat(new ForwardParser().parse(OUTLOOK_BLOCK, "AW: Price list")).isEmpty();
        assertThat(new ForwardParser().parse(OUTLOOK_BLOCK, "回复：Price list")).isEmpty();
    }

    @Test
    void parseWhenSubjectSaysForwardOrIsUnknownShouldReadTheHeaderBlock() {
        assertThat(new ForwardParser().parse(OUTLOOK_BLOCK, "WG: Price list")).map(Forwarded::fromAddress).contains("anna@acme.de");
        assertThat(new ForwardParser().parse(OUTLOOK_BLOCK)).map(Forwarded::fromAddress).contains("anna@acme.de");
    }

    @Test
    void parseWhenSubjectSaysForwardShouldFindAFromLineWithoutBanner() {
        String body = "FYI\n\nFrom: Anna Schmidt <anna@acme.de>\nSubject: Price list\n\nHere is the price list.";
        assertThat(new ForwardParser().parse(body, "TR: Price list")).map(Forwarded::subject).contains("Price list");
    }

    @Test
    void subjectPrefixesShouldReadTheFirstPrefixInEachLanguage() {
        assertThat(SubjectPrefixes.of("Fwd: Re: price")).isEqualTo(SubjectPrefixes.Kind.FORWARD);
        assertThat(SubjectPrefixes.of("RV: cotización")).isEqualTo(SubjectPrefixes.Kind.FORWARD);
        assertThat(SubjectPrefixes.of("I: offerta")).isEqualTo(SubjectPrefixes.Kind.FORWARD);
        assertThat(SubjectPrefixes.of("转发：报价单")).isEqualTo(SubjectPrefixes.Kind.FORWARD);
        assertThat(SubjectPrefixes.of("SV: offert")).isEqualTo(SubjectPrefixes.Kind.REPLY);
        assertThat(SubjectPrefixes.of("[sales] Re[2]: order")).isEqualTo(SubjectPrefixes.Kind.REPLY);
        assertThat(SubjectPrefixes.of("Invoice 2025")).isEqualTo(SubjectPrefixes.Kind.NONE);
        assertThat(SubjectPrefixes.of("Ire: nothing")).isEqualTo(SubjectPrefixes.Kind.NONE);
    }
}
