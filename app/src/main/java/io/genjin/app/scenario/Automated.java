package io.genjin.app.scenario;

import static io.genjin.app.scenario.Cast.REP;

import java.util.List;

/**
 * Mail no person wrote: newsletters, mail sent through bulk-mail services, no-reply senders and the
 * notices of marketplaces, couriers, fairs, banks and online tools. None of it is a customer.
 */
final class Automated {
    private final Recorder rec;

    Automated(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        newsletters();
        esp();
        noreply();
        platforms();
    }

    private void newsletters() {
        List<String[]> lists = List.of(
                new String[] {"LEDinside Weekly", "newsletter@ledinside-weekly.com", "LED price trends: chip prices fall 3%"},
                new String[] {"Lighting Today", "news@lightingtoday-magazine.com", "This week: smart lighting in retail"},
                new String[] {"Export Insights", "digest@exportinsights.net", "Red Sea freight rates update"},
                new String[] {"外贸圈周刊", "weekly@waimaoquan.cn", "本周外贸资讯：美国关税最新动态"},
                new String[] {"Global Lighting Association News", "info@lighting-association-news.org", "EU ecodesign: what changes in 2026"});
        for (int i = 0; i < 10; i++) {
            String[] l = lists.get(i % lists.size());
            String domain = l[1].substring(l[1].indexOf('@') + 1);
            Draft d = new Draft(i % 2 == 0 ? Client.OUTLOOK_365 : Client.FOXMAIL, Addr.of(l[0], l[1]), rec.at(i * 8 + 3, 7, 30, Recorder.CHINA))
                    .to(REP).subject(l[2] + (i >= 5 ? " (#" + (i + 40) + ")" : ""))
                    .text("View this email in your browser.\n\nFrom the editor:\n" + l[2] + "\n\nYou receive this because you subscribed. Unsubscribe: https://"
                            + domain + "/u?id=" + Client.hex(rec.random, 12));
            d.header("List-Unsubscribe", "<https://" + domain + "/unsubscribe/" + Client.hex(rec.random, 16) + ">, <mailto:unsubscribe@" + domain + ">");
            if (i % 3 != 2) {
                d.header("List-Id", l[0].replaceAll("[^A-Za-z ]", "").trim() + " <list." + domain + ">");
            }
            if (i % 2 == 0) {
                d.header("Precedence", "bulk");
            }
            rec.add(d, "newsletter");
        }
    }

    private void esp() {
        String[][] senders = {
                {"Freightbase", "hello@freightbase.io", "sendgrid.net", "Your freight quote dashboard for April"},
                {"PackSmart Supplies", "offers@packsmart-supplies.com", "amazonses.com", "Custom gift boxes - 20% off this week"},
                {"LED Chips Direct", "sales@ledchips-direct.com", "mcsv.net", "New SMD2835 bins in stock"},
                {"CargoRates Pro", "team@cargorates-pro.com", "sendgrid.net", "Ocean rates Ningbo-Hamburg"},
                {"Alu Profiles Factory", "marketing@aluprofile-factory.cn", "amazonses.com", "Aluminium heat sinks new price"},
                {"TradeShow Leads", "info@tradeshowleads.co", "mcsv.net", "Buyers list Light+Building 2026"},
                {"Driver Tech", "news@drivertech-power.com", "sendgrid.net", "Flicker-free drivers catalogue"},
                {"Verified Buyers Club", "contact@verifiedbuyers.club", "amazonses.com", "500 verified lighting importers"}};
        for (int i = 0; i < senders.length; i++) {
            String[] s = senders[i];
            String domain = s[1].substring(s[1].indexOf('@') + 1);
            String returnPath = switch (s[2]) {
                case "sendgrid.net" -> "bounces+" + (10000000 + rec.random.nextInt(80000000)) + "-" + Client.hex(rec.random, 4).toLowerCase()
                        + "-lilei=ourfactory.com@em" + (1000 + rec.random.nextInt(8000)) + "." + domain;
                case "amazonses.com" -> "0100018e" + Client.hex(rec.random, 8).toLowerCase() + "-" + Client.hex(rec.random, 8).toLowerCase()
                        + "-000000@amazonses.com";
                default -> "bounce-mc.us14_" + (10000000 + rec.random.nextInt(80000000)) + "." + (100000 + rec.random.nextInt(800000))
                        + "-lilei=ourfactory.com@mail" + (10 + rec.random.nextInt(200)) + ".suw11.mcsv.net";
            };
            Draft d = new Draft(Client.GMAIL, Addr.of(s[0], s[1]), rec.at(i * 11 + 5, 2, 10, Recorder.CHINA)).to(REP).subject(s[3])
                    .text("Hi Li Lei,\n\n" + s[3] + ".\n\nBest,\nThe " + s[0] + " team")
                    .header("Return-Path", "<" + returnPath + ">")
                    .header("DKIM-Signature", "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + s[2] + "; s=" + (s[2].equals("mcsv.net") ? "k2" : "s1")
                            + "; h=from:subject:to; bh=" + Client.hex(rec.random, 20) + "=; b=" + Client.hex(rec.random, 40))
                    .messageId(Client.hex(rec.random, 22).toLowerCase() + "@" + (s[2].equals("amazonses.com") ? "email.amazonses.com" : domain));
            if (i % 2 == 1) {
                d.header("List-Unsubscribe", "<https://" + domain + "/unsub>");
            }
            rec.add(d, "esp");
        }
    }

    private void noreply() {
        String[][] senders = {
                {"Shipping Portal", "noreply@ship-trackonline.com", "Container MSKU7788123 gated in at Ningbo"},
                {"中国国际贸易单一窗口", "noreply@singlewindow.cn", "报关单 310120260000123456 已放行"},
                {"TradeWise CRM", "notifications@tradewise-app.com", "You have 3 tasks due today"},
                {"Vessel Alerts", "no-reply@vesselalerts.net", "MSC ANNA departed Ningbo"},
                {"e-Invoice", "noreply@einvoice-service.com.cn", "您有一张新的电子发票"},
                {"QuickBooks", "no-reply@accounts.quickbooks-mail.com", "Invoice INV-2031 was viewed"},
                {"Freight Quotes", "donotreply@freightquote-portal.com", "Your quote request #88231"},
                {"GitLab", "notifications@ourdevtools.io", "Pipeline failed for website"}};
        for (int i = 0; i < senders.length; i++) {
            String[] s = senders[i];
            Draft d = new Draft(i % 2 == 0 ? Client.OUTLOOK_365 : Client.GMAIL, Addr.of(s[0], s[1]), rec.at(i * 10 + 7, 11, 0, Recorder.CHINA))
                    .to(REP).subject(s[2]).text(s[2] + "\n\nThis is an automatically generated message. Please do not reply.");
            if (i % 3 == 0) {
                d.header("Auto-Submitted", "auto-generated");
            }
            rec.add(d, "noreply");
        }
    }

    private void platforms() {
        String[][] senders = {
                {"Alibaba.com", "service@service.alibaba.com", "You have received a new inquiry: LED Panel Light"},
                {"Alibaba.com", "feedback@notice.alibaba.com", "Buyer Mr. Ahmed sent you a message"},
                {"Made-in-China.com", "service@made-in-china.com", "New Inquiry from Poland for LED High Bay"},
                {"Global Sources", "buyerinquiry@globalsources.com", "Buyer inquiry: solar street light"},
                {"LinkedIn", "invitations@linkedin.com", "Klaus, please add me to your LinkedIn network"},
                {"LinkedIn", "messages-noreply@linkedin.com", "You have 2 new messages"},
                {"DHL Express", "express.notification@dhl.com", "DHL On Demand Delivery: shipment 1234567890"},
                {"FedEx", "TrackingUpdates@fedex.com", "FedEx Shipment 7712 3456 7890 Delivered"},
                {"UPS", "mcinfo@ups.com", "UPS Update: Package Scheduled for Delivery"},
                {"顺丰速运", "sfexpress@sf-express.com", "您的快件已签收"},
                {"Canton Fair", "service@cantonfair.org.cn", "139th Canton Fair exhibitor notice"},
                {"Messe Frankfurt", "light-building@messefrankfurt.com", "Your exhibitor badge for Light + Building"},
                {"PayPal", "service@intl.paypal.com", "You've got money: USD 320.00"},
                {"中国信保", "service@sinosure.com.cn", "买方信用限额审批结果通知"},
                {"Bank of China", "ebanking@bankofchina.com", "Inward remittance credited USD 18,600.00"},
                {"Zoom", "meetings@zoom.us", "Meeting invitation: Nordlicht product review"},
                {"DocuSign", "dse_NA4@docusign.net", "Please DocuSign: Distribution Agreement"},
                {"Alibaba.com", "trade-assurance@service.alibaba.com", "Trade Assurance order TA-88123 payment received"},
                {"Made-in-China.com", "notice@made-in-china.com", "Your product listing was approved"},
                {"Global Sources", "events@globalsources.com", "Hong Kong Lighting Show - buyer meetings"},
                {"DHL Express", "noreply.odd@dhl.com", "Zollabfertigung: shipment 8877665544"},
                {"Canton Fair", "buyer@cantonfair.org.cn", "Pre-registered buyers matching your products"},
                {"Wise", "hello@wise.com", "Your transfer to Ourfactory Lighting is complete"},
                {"Microsoft Teams", "no-reply@teams.mail.microsoft", "Polar Electric invited you to a meeting"},
                {"Tradekey", "inquiry@tradekey.com", "Buyer from UAE interested in your flood lights"}};
        for (int i = 0; i < senders.length; i++) {
            String[] s = senders[i];
            Client c = List.of(Client.OUTLOOK_365, Client.GMAIL, Client.FOXMAIL).get(i % 3);
            rec.add(new Draft(c, Addr.of(s[0], s[1]), rec.at(i * 3 + 1, 9 + i % 8, 5, Recorder.CHINA)).to(REP).subject(s[2])
                    .text(s[2] + "\n\nLog in to view details. Do not reply to this message."), "platform-notice");
        }
    }
}
