package io.genjin.app.scenario;

import static io.genjin.app.scenario.Cast.REP;

import io.genjin.app.scenario.Cast.Buyer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Delivery failures of the rep's mail, reported by the team's own Postfix, by hosted Chinese mail
 * services in plain Chinese text, and by the customer's side (Microsoft 365, their own server).
 * Each belongs to the customer of the failed recipient, never to the reporter's domain.
 */
final class Bounces {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final Recorder rec;

    Bounces(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        ownMta(Cast.POLAR, Cast.POLAR.second(), 45, "5.1.1", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found", true);
        ownMta(Cast.SVETTORG, Cast.SVETTORG.main(), 31, "5.2.2", "552 5.2.2 Mailbox full", false);
        ownMta(Cast.NORDLICHT, Cast.NORDLICHT.second(), 63, "5.3.4", "552 5.3.4 Message size exceeds fixed limit", true);
        ownMta(Cast.ALNOOR, Cast.ALNOOR.main(), 77, "5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering", false);
        hostedCn(Cast.OZLIGHT, Cast.OZLIGHT.freeMail(), 27, Addr.of("QQ邮箱", "postmaster@qq.com"), "收件人邮箱不存在", true);
        hostedCn(Cast.KOWLOON, Cast.KOWLOON.second(), 49, Addr.of("PostMaster", "postmaster@exmail.qq.com"), "对方邮箱已满", false);
        hostedCn(Cast.SVETTORG, Cast.SVETTORG.second(), 68, Addr.of("网易企业邮箱", "postmaster@qiye.163.com"), "对方服务器拒收", true);
        hostedCn(Cast.ALNOOR, Cast.ALNOOR.freeMail(), 82, Addr.of("PostMaster", "postmaster@exmail.qq.com"), "收件人地址不存在", false);
        microsoft(Cast.POLAR, Cast.POLAR.second(), 60, "polarelectric.onmicrosoft.com");
        microsoft(Cast.ALNOOR, Cast.ALNOOR.second(), 36, "alnoortrading.onmicrosoft.com");
        customerServer(Cast.SAKURA, Cast.SAKURA.second(), 23, Addr.of("Mail Delivery System", "MAILER-DAEMON@mx1.sakura-shoji.co.jp"),
                "This is the mail system at host mx1.sakura-shoji.co.jp.\n\nI'm sorry to have to inform you that your message could not\n"
                        + "be delivered to one or more recipients.");
        customerServer(Cast.LUZ, Cast.LUZ.second(), 74, Addr.of("Mail Delivery Subsystem", "mailer-daemon@mail.luzdobrasil.com.br"),
                "Não foi possível entregar a mensagem ao destinatário abaixo.\nA caixa postal está desativada.");
    }

    private Written original(Buyer b, Addr to, int day) {
        return rec.add(new Draft(rec.repClient(), REP, rec.at(day, 15, 10, Recorder.CHINA)).to(to)
                .subject(rec.pick(List.of("Follow up: quotation", "Re: sample feedback", "Order confirmation", "Payment reminder")))
                .text("Dear " + CustomerThreads.first(to) + ",\n\nKindly check and reply.\n" + Letters.SIGNATURE), "direct", b.key());
    }

    private void ownMta(Buyer b, Addr to, int day, String status, String diagnostic, boolean fullOriginal) {
        Written o = original(b, to, day);
        String queue = Client.hex(rec.random, 10);
        String report = "Reporting-MTA: dns; mx.ourfactory.com\nX-Postfix-Queue-ID: " + queue + "\n\nFinal-Recipient: rfc822; "
                + to.address() + "\nOriginal-Recipient: rfc822;" + to.address() + "\nAction: failed\nStatus: " + status
                + "\nRemote-MTA: dns; mx." + b.domain() + "\nDiagnostic-Code: smtp; " + diagnostic + "\n";
        Part human = Part.plain("text/plain; charset=us-ascii", "This is the mail system at host mx.ourfactory.com.\n\n"
                + "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<"
                + to.address() + ">: host mx." + b.domain() + " said: " + diagnostic + "\n");
        Part carried = fullOriginal ? Part.message(o.raw(), null) : Part.plain("text/rfc822-headers", headersOf(o.raw()));
        Part body = Part.multipart("report", queue + ".1774512345/mx.ourfactory.com",
                List.of(human, Part.plain("message/delivery-status", report), carried), " report-type=delivery-status;");
        rec.add(new Draft(Client.GMAIL, Addr.of("Mail Delivery System", "MAILER-DAEMON@ourfactory.com"), rec.minutesAfter(o.date(), 1, Recorder.CHINA))
                .to(Addr.bare(REP.address())).subject("Undelivered Mail Returned to Sender").header("Auto-Submitted", "auto-replied")
                .messageId(o.date().format(STAMP) + "." + queue + "@mx.ourfactory.com").body(body), "bounce-own-mta", b.key());
    }

    private void hostedCn(Buyer b, Addr to, int day, Addr daemon, String reason, boolean quoteHeaders) {
        Written o = original(b, to, day);
        String text = "很抱歉您的邮件没有发送成功。\n\n收件人：" + to.address() + "\n退信原因：" + reason + "\n\n"
                + (quoteHeaders ? "----- 原邮件头 -----\n" + headersOf(o.raw())
                        : "原邮件信息：\n主题：" + o.subject() + "\n发送时间：" + o.date().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                        + "\nMessage-ID：<" + o.messageId() + ">\n");
        Part body = Part.text("plain", text, daemon.address().contains("163") ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName("GB18030"));
        rec.add(new Draft(Client.QQ_MAIL, daemon, rec.minutesAfter(o.date(), 2, Recorder.CHINA)).to(Addr.bare(REP.address()))
                .subject("退信：" + o.subject()).messageId(Client.hex(rec.random, 16) + "@" + daemon.domain()).body(body),
                "bounce-cn-hosted", b.key());
    }

    private void microsoft(Buyer b, Addr to, int day, String tenant) {
        Written o = original(b, to, day);
        String human = "Your message to " + to.address() + " couldn't be delivered.\n" + to.address().substring(0, to.address().indexOf('@'))
                + " wasn't found at " + b.domain() + ".\n\nDiagnostic information for administrators:\nRemote server returned "
                + "'550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n";
        String report = "Reporting-MTA: dns;" + rec.pick(List.of("DB9PR04MB8412", "AM6PR08MB5533")) + ".eurprd04.prod.outlook.com\n\n"
                + "Final-Recipient: rfc822;" + to.address() + "\nAction: failed\nStatus: 5.1.10\nDiagnostic-Code: smtp;550 5.1.10 "
                + "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n";
        Part alt = Part.multipart("alternative", "_001_" + Client.hex(rec.random, 16) + "_",
                List.of(Part.plain("text/plain; charset=us-ascii", human), Part.plain("text/html; charset=us-ascii", Html.of(human))));
        Part body = Part.multipart("report", "_000_" + Client.hex(rec.random, 16) + "_",
                List.of(alt, Part.plain("message/delivery-status", report), Part.plain("text/rfc822-headers", headersOf(o.raw()))),
                " report-type=delivery-status;");
        rec.add(new Draft(Client.OUTLOOK_365, Addr.of("Microsoft Outlook", "postmaster@" + tenant), rec.minutesAfter(o.date(), 1, b.zoneId()))
                .to(Addr.bare(REP.address())).subject("Undeliverable: " + o.subject()).header("X-MS-Exchange-Message-Is-Ndr", "").body(body),
                "bounce-customer-mx", b.key());
    }

    private void customerServer(Buyer b, Addr to, int day, Addr daemon, String human) {
        Written o = original(b, to, day);
        String report = "Reporting-MTA: dns; " + daemon.domain() + "\n\nFinal-Recipient: rfc822; " + to.address()
                + "\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: x-unix; user unknown\n";
        Part body = Part.multipart("report", Client.hex(rec.random, 12) + "/" + daemon.domain(),
                List.of(Part.text("plain", human + "\n\n<" + to.address() + ">: user unknown\n", StandardCharsets.UTF_8),
                        Part.plain("message/delivery-status", report), Part.message(o.raw(), null)), " report-type=delivery-status;");
        rec.add(new Draft(Client.GMAIL, daemon, rec.minutesAfter(o.date(), 3, b.zoneId())).to(Addr.bare(REP.address()))
                .subject("Undelivered Mail Returned to Sender").header("Auto-Submitted", "auto-replied")
                .messageId(o.date().format(STAMP) + "." + Client.hex(rec.random, 10) + "@" + daemon.domain()).body(body),
                "bounce-customer-mx", b.key());
    }

    /** The header section of a raw message, up to the blank line. */
    static String headersOf(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        return (end < 0 ? s : s.substring(0, end + 2)).replace("\r\n", "\n");
    }
}
