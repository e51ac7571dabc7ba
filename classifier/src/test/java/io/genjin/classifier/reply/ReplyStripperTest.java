package io.genjin.classifier.reply;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyStripperTest {

    private final ReplyStripper stripper = new ReplyStripper();

    @Test
    void stripWhenGmailAttributionShouldKeepOnlyTheNewText() {
        Reply reply = stripper.strip("Thanks, the price is fine.\n\nOn Mon, Feb 1, 2016 at 4:58 AM, Anna <anna@acme.com> wrote:\n> Our offer is USD 5.\n");
        assertThat(reply.text()).isEqualTo("Thanks, the price is fine.");
        assertThat(reply.isQuote()).isTrue();
    }

    @Test
    void stripWhenTheNewTextHasAPriceLikeATimeShouldStillKeepIt() {
        Reply reply = stripper.strip("Thanks Ravi, the price is a bit high. Can you do USD 10.80 for 3000 pcs?\n\n"
                + "On Mon, 30 Nov 2026 at 10:00, Ravi Rep wrote:\n> Please find our quotation Q-881 attached.\n", "Lena Buyer");
        assertThat(reply.text()).isEqualTo("Thanks Ravi, the price is a bit high. Can you do USD 10.80 for 3000 pcs?");
        assertThat(reply.quoted()).startsWith("On Mon, 30 Nov 2026 at 10:00, Ravi Rep wrote:");
    }

    @Test
    void stripWhenChineseAppleMailAttributionShouldCutAtXieDao() {
        Reply reply = stripper.strip("好的，收到。\n\n在 2016年12月12日，下午8:45，张三 <zhang@example.cn> 写道：\n> 请确认订单\n");
        assertThat(reply.text()).isEqualTo("好的，收到。");
    }

    @Test
    void stripWhenOutlookChineseHeaderBlockShouldCutAtFaJianRen() {
        String body = "样品已经寄出。\n\n发件人: John Doe <john@acme.com>\n发送时间: 2024年3月5日 10:12\n收件人: 李四 <li@factory.cn>\n主题: Re: samples\n\nWhen will the samples ship?\n";
        assertThat(stripper.strip(body).text()).isEqualTo("样品已经寄出。");
    }

    @Test
    void stripWhenQqMailOriginalSeparatorShouldCutHistory() {
        String body = "价格已更新，请查收附件。\n\n------------------ 原始邮件 ------------------\n*发件人:* \"Tom\"<tom@buyer.com>;\n*发送时间:* 2024年3月5日(星期二) 上午10:12\n*收件人:* \"sales\"<sales@factory.cn>;\n*主题:* price\n\nPlease update the price.\n";
        assertThat(stripper.strip(body).text()).isEqualTo("价格已更新，请查收附件。");
    }

    @Test
    void stripWhenNetEaseRepliedMessageSeparatorShouldCutHistory() {
        String body = "OK, confirmed.\n\n---- 回复的原邮件 ----\n| 发件人 | Tom<tom@buyer.com> |\n| 发送日期 | 2024年03月05日 10:12 |\n| 收件人 | sales@factory.cn |\n| 主题 | PO 4512 |\n";
        assertThat(stripper.strip(body).text()).isEqualTo("OK, confirmed.");
    }

    @Test
    void stripWhenOriginalMessageSeparatorInGermanShouldCutHistory() {
        String body = "Gruß Discourse\n\n\n-----Ursprüngliche Nachricht-----\nVon: Discourse Team <team@discourse.org>\nGesendet: Don 11 Februar 2016 11:23\nAn: Some One <foo@bar.com>\nBetreff: Some Subject\n\nHallo!\n";
        assertThat(stripper.strip(body).text()).isEqualTo("Gruß Discourse");
    }

    @Test
    void stripWhenMobileSignatureShouldKeepItApartFromText() {
        Reply reply = stripper.strip("Confirmed, thanks.\n\n发自我的iPhone\n");
        assertThat(reply.text()).isEqualTo("Confirmed, thanks.");
        assertThat(reply.signature().text()).isEqualTo("发自我的iPhone");
        assertThat(reply.textWithSignature()).isEqualTo("Confirmed, thanks.\n\n发自我的iPhone");
    }

    @Test
    void stripWhenDelimitedSignatureShouldExtractPhoneTitleAndCompany() {
        Reply reply = stripper.strip("Please see the PI attached.\n\n-- \nAnna Li\nSales Manager\nNingbo Bright Lighting Co., Ltd.\nTel: +86 574 8888 1234\n");
        assertThat(reply.text()).isEqualTo("Please see the PI attached.");
        assertThat(reply.signature().title()).contains("Sales Manager");
        assertThat(reply.signature().company()).contains("Ningbo Bright Lighting Co., Ltd.");
        assertThat(reply.signature().phone()).contains("+86 574 8888 1234");
        assertThat(reply.signature().name()).contains("Anna Li");
    }

    @Test
    void stripWhenInlineAnswersFollowAQuoteShouldKeepThem() {
        String body = "See my answers below.\nOn Tue, 2011-03-01 at 18:02 +0530, Tom wrote:\n> What is the MOQ?\n\nThe MOQ is 500 pcs\nper colour.\n";
        assertThat(stripper.strip(body).text()).isEqualTo("See my answers below.\n> What is the MOQ?\n\nThe MOQ is 500 pcs\nper colour.");
    }

    @Test
    void stripWhenTextHasNoHistoryShouldReturnItUnchanged() {
        assertThat(stripper.strip("Hello\n\nJust text.\n").text()).isEqualTo("Hello\n\nJust text.");
    }

    @Test
    void stripWhenSenderIsKnownShouldTakeTheSignOffAndNameAsSignature() {
        Reply reply = stripper.strip("Please confirm the PI.\n\nThank you,\nNoam\n", "Noam Cohen");
        assertThat(reply.text()).isEqualTo("Please confirm the PI.");
        assertThat(reply.signature().text()).isEqualTo("Thank you,\nNoam");
    }

    @Test
    void stripWhenSenderNameIsACommonWordShouldNotCutAnOrdinarySentence() {
        Reply reply = stripper.strip("Thanks for the order.\nOur sales team will call you tomorrow about the delivery schedule.\n", "Sales");
        assertThat(reply.text()).isEqualTo("Thanks for the order.\nOur sales team will call you tomorrow about the delivery schedule.");
    }

    @Test
    void stripWhenOnlyQuoteIsLeftShouldKeepTheWholeTextAndSaySo() {
        String body = "On Mon, 3 Mar 2025 at 10:12, Anna <anna@acme.de> wrote:\n> Please send the price list.\n";
        Reply reply = new ReplyStripper().strip(body);
        assertThat(reply.keptWhole()).isTrue();
        assertThat(reply.text()).contains("Please send the price list.");
    }

    @Test
    void stripWhenNewTextRemainsShouldNotFlagIt() {
        Reply reply = new ReplyStripper().strip("Sure.\n\nOn Mon, 3 Mar 2025 at 10:12, Anna <anna@acme.de> wrote:\n> Price?\n");
        assertThat(reply.keptWhole()).isFalse();
        assertThat(reply.text()).isEqualTo("Sure.");
    }

    @Test
    void stripWhenGmailMarkerStandsAloneShouldDropItAndFindTheGermanMobileFooter() {
        Reply reply = new ReplyStripper().strip("Thanks, confirmed.\n\u1427\n\nVon meinem Mobilgerät gesendet\n");
        assertThat(reply.text()).isEqualTo("Thanks, confirmed.");
        assertThat(reply.signature().text()).isEqualTo("Von meinem Mobilgerät gesendet");
    }
}
