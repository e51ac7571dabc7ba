package io.genjin.app.scenario;

import static io.genjin.app.scenario.Cast.BOSS;
import static io.genjin.app.scenario.Cast.COLLEAGUE;
import static io.genjin.app.scenario.Cast.REP;

import io.genjin.app.scenario.Cast.Buyer;
import java.time.ZonedDateTime;

/**
 * Customer mail passed around inside the team: forwarded inline in Outlook, Foxmail/QQ and Gmail
 * layouts, or attached as a message, and the colleague's or boss's answer in that thread, where
 * every visible party is internal and only the thread says whose mail it is.
 */
final class Forwards {
    private final Recorder rec;

    Forwards(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        inline(Cast.NORDLICHT, Client.OUTLOOK_DESKTOP, REP, BOSS, 9, "请王总看一下，客户要求降价 5%。", true);
        inline(Cast.SUNRISE, Client.OUTLOOK_DESKTOP, REP, COLLEAGUE, 24, "Meimei, please check the packing requirements below.", false);
        inline(Cast.SVETTORG, Client.OUTLOOK_DESKTOP, REP, BOSS, 66, "王总，俄罗斯客户问能否做 30 天账期。", true);
        inline(Cast.ALNOOR, Client.FOXMAIL, REP, BOSS, 17, "王总：迪拜客户的询价，数量比较大，请指示报价。", true);
        inline(Cast.OZLIGHT, Client.FOXMAIL, REP, COLLEAGUE, 42, "梅梅，这个澳洲客户的认证要求你帮忙看下。", false);
        inline(Cast.POLAR, Client.QQ_MAIL, Cast.BOSS_PRIVATE, REP, 29, "李雷，这个瑞典客户直接发到我邮箱了，你跟进一下。", false);
        inline(Cast.SAKURA, Client.GMAIL, COLLEAGUE, REP, 13, "Li Lei, Tanaka-san wrote to me while you were at the fair. Please follow up.", true);
        inline(Cast.LUZ, Client.GMAIL, COLLEAGUE, REP, 57, "FYI - Brazil customer asking about INMETRO certificate.", false);
        inline(Cast.KOWLOON, Client.FOXMAIL, REP, BOSS, 80, "王总，香港客户要求本月发货，请协调生产。", true);
        attached(Cast.ACME, REP, BOSS, 11, "王总，德国客户的投诉，原邮件见附件。", Cast.ACME.main());
        attached(Cast.SUNRISE, REP, BOSS, 39, "Boss, Bob (Sunrise owner) wrote from his Gmail, see attached.", Cast.SUNRISE.freeMail());
        attached(Cast.NORDLICHT, REP, COLLEAGUE, 53, "梅梅，客户的新订单，请安排单证。", Cast.NORDLICHT.second());
        attached(Cast.SAKURA, COLLEAGUE, REP, 71, "Forwarding the Japanese customer's mail as attachment.", Cast.SAKURA.main());
    }

    /**
     * The customer writes, {@code by} forwards it inline to {@code to}; with {@code answered} the
     * recipient replies in the thread and the forwarder answers back.
     */
    private void inline(Buyer b, Client client, Addr by, Addr to, int day, String note, boolean answered) {
        Written original = customerMail(b, b.main(), day, by == REP ? REP : by);
        ZonedDateTime t = rec.after(original.date(), Recorder.CHINA);
        Draft fwd = new Draft(client, by, t).to(to).subject(client.forwardPrefix() + original.subject())
                .text(note + "\n" + Quotes.forwardBlock(client, original));
        if (client == Client.GMAIL) {
            fwd.threadedWith(original); // Gmail keeps a forward in the original's thread
        }
        Written forward = rec.add(fwd, "internal-forward-inline", b.key());
        if (answered) {
            Client answerClient = to == REP ? rec.repClient() : Client.FOXMAIL;
            Written reply = rec.add(new Draft(answerClient, to, rec.after(forward.date(), Recorder.CHINA)).to(by).replyTo(forward, true, false)
                    .text("可以，按 3% 给他，数量要到 5000 只以上。"), "colleague-reply", b.key());
            rec.add(new Draft(client == Client.GMAIL ? Client.GMAIL : rec.repClient(), by, rec.after(reply.date(), Recorder.CHINA)).to(to)
                    .replyTo(reply, true, false).text("好的，明白。"), "colleague-reply", b.key());
        }
    }

    private void attached(Buyer b, Addr by, Addr to, int day, String note, Addr writer) {
        Written original = customerMail(b, writer, day, by);
        Written forward = rec.add(new Draft(Client.OUTLOOK_DESKTOP, by, rec.after(original.date(), Recorder.CHINA)).to(to)
                .subject("FW: " + original.subject()).text(note)
                .attach(Part.message(original.raw(), safeName(original.subject()) + ".eml")), "internal-forward-attached", b.key());
        rec.add(new Draft(Client.FOXMAIL, to, rec.after(forward.date(), Recorder.CHINA)).to(by).replyTo(forward, true, false)
                .text("收到，我来处理。"), "colleague-reply", b.key());
    }

    private Written customerMail(Buyer b, Addr writer, int day, Addr recipient) {
        String subject = rec.pick(java.util.List.of("Price request for 2026 program", "Payment terms", "Packing requirements",
                "Certification documents needed", "Urgent order", "Complaint about last shipment"));
        Client client = CustomerThreads.clientOf(b, writer);
        Draft d = new Draft(client, writer, rec.at(day, 10, 0, b.zoneId())).to(recipient).subject(subject)
                .text("Dear " + CustomerThreads.first(recipient) + ",\n\n" + subject + ": please check and reply by Friday.\n\nBest regards,\n"
                        + writer.shown());
        // Only what reached the rep is in the rep's mailbox; mail to a colleague is seen here only as forwarded.
        return recipient != REP ? d.write(rec.random)
                : rec.add(d, b.freeMail() == writer ? "free-mail-contact" : "direct", b.key());
    }

    private static String safeName(String subject) {
        return subject.replaceAll("[^A-Za-z0-9 _-]", "").trim();
    }
}
