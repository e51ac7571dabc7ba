package io.genjin.app.scenario;

import io.genjin.app.scenario.Cast.Buyer;
import io.genjin.app.scenario.Letters.Topic;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The everyday traffic: each customer's deals as reply chains between a buyer and the rep. A-grade
 * customers write more. Some chains are opened by a contact who writes from free mail
 * ({@code free-mail-contact}); in some a buyer answers once from a private address nobody knows,
 * which only the thread can place ({@code thread}).
 */
final class CustomerThreads {
    private final Recorder rec;

    CustomerThreads(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        for (Buyer b : Cast.BUYERS) {
            int threads = switch (b.grade()) {
                case "A" -> 9;
                case "B" -> 7;
                default -> 5;
            };
            for (int i = 0; i < threads; i++) {
                int day = i * (Recorder.DAYS - 10) / threads + rec.random.nextInt(6);
                Addr buyer = i == 0 && b.freeMail() != null ? b.freeMail() : i == 1 ? b.second() : b.main();
                boolean chinese = i == 2 && (b == Cast.KOWLOON || b == Cast.OZLIGHT);
                Addr privateAddress = b.grade().equals("A") && (i == 3 || i == 6) ? Unknown.privateAddressOf(b, i) : null;
                // A buyer turns to a private mailbox in a long negotiation: the inquiry topic, which the buyer opens.
                int kind = privateAddress != null ? 0 : i + b.key().length();
                Topic topic = chinese ? Letters.chinese(rec.random, rec.pick(Letters.PRODUCTS), first(buyer))
                        : Letters.topic(kind, rec.random, rec.pick(Letters.PRODUCTS), first(buyer));
                conversation(b, buyer, topic, day, chinese, privateAddress);
            }
        }
    }

    private void conversation(Buyer b, Addr buyer, Topic topic, int day, boolean chinese, Addr privateAddress) {
        String family = buyer == b.freeMail() ? "free-mail-contact" : "direct";
        int turns = privateAddress != null ? topic.turns().size() : Math.max(2, topic.turns().size() - rec.random.nextInt(2));
        Written previous = null;
        ZonedDateTime t = rec.at(day, topic.customerOpens() ? 9 + rec.random.nextInt(6) : 9, rec.random.nextInt(60),
                topic.customerOpens() ? b.zoneId() : Recorder.CHINA);
        for (int k = 0; k < turns; k++) {
            boolean fromCustomer = topic.customerOpens() == (k % 2 == 0);
            boolean privateTurn = privateAddress != null && k >= 2 && (fromCustomer || k >= 3);
            Addr customer = privateTurn ? privateAddress : buyer;
            Client client = fromCustomer ? clientOf(b, customer) : rec.repClient();
            ZoneId zone = fromCustomer ? b.zoneId() : Recorder.CHINA;
            if (previous != null) {
                t = rec.after(previous.date(), zone);
            }
            Draft d = fromCustomer ? new Draft(client, customer, t).to(Cast.REP) : new Draft(client, Cast.REP, t).to(customer);
            if (previous == null) {
                d.subject(topic.subject());
            } else {
                d.replyTo(previous, chinese || client == Client.FOXMAIL && rec.random.nextBoolean(), b.german());
            }
            d.text(topic.turns().get(k));
            String file = topic.attachments().get(k);
            if (file != null) {
                d.attach(file, Letters.type(file), Letters.content(file, rec.random));
            }
            previous = rec.add(d, privateTurn ? "thread" : family, b.key());
        }
    }

    static Client clientOf(Buyer b, Addr sender) {
        if (sender.domain().equals("qq.com")) {
            return Client.QQ_MAIL;
        }
        if (sender.domain().equals("gmail.com")) {
            return Client.GMAIL;
        }
        return b.domains().contains(sender.domain()) ? b.client() : Client.APPLE_MAIL;
    }

    static String first(Addr a) {
        String shown = a.shown();
        if (!Mime.isAscii(shown)) {
            return shown.replaceAll("[A-Za-z' ]", "").isEmpty() ? shown : shown.replaceAll(".*?([\\p{IsHan}\\p{IsCyrillic}].*)", "$1");
        }
        return shown.contains(" ") ? shown.substring(0, shown.indexOf(' ')) : shown;
    }
}
