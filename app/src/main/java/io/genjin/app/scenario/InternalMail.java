package io.genjin.app.scenario;

import static io.genjin.app.scenario.Cast.BOSS;
import static io.genjin.app.scenario.Cast.COLLEAGUE;
import static io.genjin.app.scenario.Cast.REP;

/**
 * Mail inside the team that carries no customer's mail: reports, production and documents. Some of
 * it names customers in the text, which is no reason to put it on their timelines.
 */
final class InternalMail {
    private final Recorder rec;

    InternalMail(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        for (int week = 0; week < 4; week++) {
            Written report = rec.add(new Draft(Client.FOXMAIL, REP, rec.at(4 + week * 21, 17, 30, Recorder.CHINA)).to(BOSS).cc(COLLEAGUE)
                    .subject("周报 第" + (10 + week * 3) + "周 李雷")
                    .text("王总：\n\n本周跟进：Nordlicht 框架协议报价，Sunrise 验货，Polar 新订单。\n下周计划：拜访迪拜客户。\n\n李雷")
                    .attach("周报_李雷.xlsx", Letters.type(".xlsx"), Letters.content(".xlsx", rec.random)), "internal-only");
            if (week % 2 == 0) {
                rec.add(new Draft(Client.FOXMAIL, BOSS, rec.after(report.date(), Recorder.CHINA)).to(REP).replyTo(report, true, false)
                        .text("收到。Sunrise 的货款要盯紧。"), "internal-only");
            }
        }
        rec.add(new Draft(Client.FOXMAIL, Cast.FACTORY, rec.at(16, 8, 40, Recorder.CHINA)).to(REP)
                .subject("生产排期 4月").text("李雷：\n\n4 月排期见附件，面板灯产线满负荷。\n\n生产部")
                .attach("生产排期_4月.xlsx", Letters.type(".xlsx"), Letters.content(".xlsx", rec.random)), "internal-only");
        rec.add(new Draft(Client.FOXMAIL, REP, rec.at(26, 9, 10, Recorder.CHINA)).to(Cast.DOCS)
                .subject("请准备 Polar Electric 的报关资料").text("赵敏：\n\n请准备 PO 4500091177 的报关资料和产地证。\n\n李雷"), "internal-only");
        rec.add(new Draft(Client.FOXMAIL, Cast.DOCS, rec.at(27, 10, 0, Recorder.CHINA)).to(REP)
                .subject("报关资料 PO 4500091177").text("资料已备好，见附件。")
                .attach("报关单草稿.pdf", "application/pdf", Letters.content(".pdf", rec.random)), "internal-only");
        rec.add(new Draft(Client.QQ_MAIL, Cast.BOSS_PRIVATE, rec.at(38, 21, 15, Recorder.CHINA)).to(REP)
                .subject("明天开会").text("明早 9 点开会，讨论广交会样品。"), "internal-only");
        rec.add(new Draft(Client.GMAIL, COLLEAGUE, rec.at(56, 12, 0, Recorder.CHINA)).to(REP)
                .subject("Lunch?").text("Li Lei, lunch at 12:30 at the canteen?"), "internal-only");
        rec.add(new Draft(Client.OUTLOOK_DESKTOP, REP, rec.at(76, 15, 0, Recorder.CHINA)).to(COLLEAGUE, BOSS)
                .subject("Canton Fair samples list").text("Dear all,\n\nThe sample list for the fair is attached.\n\nLi Lei")
                .attach("Samples_CantonFair.xlsx", Letters.type(".xlsx"), Letters.content(".xlsx", rec.random)), "internal-only");
    }
}
