package io.genjin.app.scenario;

import static io.genjin.app.scenario.Cast.REP;

import io.genjin.app.scenario.Cast.Buyer;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Who else is on a customer's mail: unknown people at a customer's subdomain or alias domain,
 * addresses in odd letter case, two customers on one message, a forwarder in Cc, and the rep's
 * circulars sent with the customers in Bcc.
 */
final class PartyVariants {
    private final Recorder rec;

    PartyVariants(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        domains();
        letterCase();
        crossCustomer();
        forwarderInCc();
        bccCirculars();
    }

    private void domains() {
        opener(Cast.NORDLICHT, Addr.of("Michael Huber", "m.huber@einkauf.nordlicht-leuchten.de"), 5, "subdomain",
                "Rahmenvertrag 2026 / framework agreement", true);
        opener(Cast.SUNRISE, Addr.of("Sunrise QA", "qa@us.sunrisehome.com"), 19, "subdomain", "Inspection checklist for PO 4500087123", true);
        opener(Cast.SAKURA, Addr.of("Kobayashi", "kobayashi@tokyo.sakura-shoji.co.jp"), 33, "subdomain", "Inquiry for ceiling lights", false);
        opener(Cast.POLAR, Addr.of("Inköp", "inkop@mail.polarelectric.se"), 47, "subdomain", "Order forecast Q3", false);
        opener(Cast.NORDLICHT, Addr.of("Nordlicht Info", "info@nordlicht.eu"), 12, "domain-alias", "Messe Light+Building - meeting?", true);
        opener(Cast.ALNOOR, Addr.of("Accounts Dept", "accounts@alnoorgroup.com"), 26, "domain-alias", "Statement of account March", false);
        opener(Cast.NORDLICHT, Addr.of("Martin Krause", "m.krause@nordlicht.eu"), 58, "domain-alias", "Spare parts for downlights", false);
    }

    private void letterCase() {
        opener(Cast.NORDLICHT, Addr.of("Jonas Weber", "J.Weber@Nordlicht-Leuchten.DE"), 15, "letter-case", "Urgent: delivery May", false);
        opener(Cast.SUNRISE, Addr.of("Emily Carter", "Emily.Carter@SunriseHome.com"), 37, "letter-case", "Packaging artwork approval", true);
        opener(Cast.ACME, Addr.of("Acme Einkauf", "Purchasing@ACME-TRADING.DE"), 44, "letter-case", "Anfrage Hallenstrahler", false);
        Written w = rec.add(new Draft(rec.repClient(), REP, rec.at(52, 10, 5, Recorder.CHINA))
                .to(Addr.of("Erik Lindqvist", "ERIK.LINDQVIST@POLARELECTRIC.SE")).subject("Updated price list for Polar Electric")
                .text("Dear Erik,\n\nPlease find our updated price list attached.\n" + Letters.SIGNATURE)
                .attach("Pricelist_Polar_2026.xlsx", Letters.type(".xlsx"), Letters.content(".xlsx", rec.random)), "letter-case", "polar");
        rec.add(new Draft(Client.OUTLOOK_365, Cast.POLAR.main(), rec.after(w.date(), Cast.POLAR.zoneId())).to(REP)
                .replyTo(w, false, false).text("Thanks Li Lei, received.\n\nErik"), "direct", "polar");
    }

    /** A message from {@code from} that opens a conversation, and the rep's answer to that address. */
    private void opener(Buyer b, Addr from, int day, String family, String subject, boolean answered) {
        Client client = CustomerThreads.clientOf(b, Addr.bare(from.address().toLowerCase(java.util.Locale.ROOT)));
        Written w = rec.add(new Draft(client, from, rec.at(day, 10, 20, b.zoneId())).to(REP).subject(subject)
                .text("Hello Li Lei,\n\n" + subject + ": please see below and reply soon.\n\nThanks\n" + from.shown()), family, b.key());
        if (answered) {
            rec.add(new Draft(rec.repClient(), REP, rec.after(w.date(), Recorder.CHINA)).to(from).replyTo(w, false, b.german())
                    .text("Dear " + CustomerThreads.first(from) + ",\n\nNoted, we will revert tomorrow.\n" + Letters.SIGNATURE), family, b.key());
        }
    }

    private void crossCustomer() {
        Addr emily = Cast.SUNRISE.main();
        Addr peter = Cast.KOWLOON.main();
        Written w = rec.add(new Draft(Client.OUTLOOK_365, emily, rec.at(22, 9, 10, Cast.SUNRISE.zoneId())).to(REP).cc(peter)
                .subject("PO 4500087123 - final inspection by Kowloon Light")
                .text("Li Lei,\n\nOur agent Kowloon Light (Peter, in copy) will do the final inspection. Please agree a date with him.\n\nEmily"),
                "cross-customer-cc", "sunrise", "kowloon");
        w = rec.add(new Draft(rec.repClient(), REP, rec.after(w.date(), Recorder.CHINA)).to(peter).cc(emily).replyTo(w, false, false)
                .text("Dear Peter,\n\nGoods will be ready on the 18th. Is the 19th OK for the inspection?\n" + Letters.SIGNATURE),
                "cross-customer-cc", "sunrise", "kowloon");
        w = rec.add(new Draft(Client.GMAIL, peter, rec.after(w.date(), Cast.KOWLOON.zoneId())).to(REP).cc(emily).replyTo(w, false, false)
                .text("19th is fine. AQL 2.5/4.0 as usual.\n\nPeter"), "cross-customer-cc", "sunrise", "kowloon");
        rec.add(new Draft(Client.GMAIL, peter, rec.after(w.date(), Cast.KOWLOON.zoneId())).to(REP, emily).replyTo(w, false, false)
                .text("Inspection passed, report attached.\n\nPeter").attach("Inspection_Report_PO4500087123.pdf", "application/pdf",
                        Letters.content(".pdf", rec.random)), "cross-customer-cc", "sunrise", "kowloon");

        Addr jonas = Cast.NORDLICHT.main();
        Addr mark = Cast.ACME.main();
        w = rec.add(new Draft(Client.OUTLOOK_DESKTOP, REP, rec.at(40, 14, 0, Recorder.CHINA)).to(jonas).cc(mark)
                .subject("Shared 40HQ container Hamburg - Nordlicht + Acme")
                .text("Dear Jonas, dear Mark,\n\nAs discussed, both your orders can share one 40HQ to Hamburg. Please confirm the split of freight.\n"
                        + Letters.SIGNATURE), "cross-customer-cc", "nordlicht", "acme-trading");
        w = rec.add(new Draft(Client.OUTLOOK_DESKTOP, mark, rec.after(w.date(), Cast.ACME.zoneId())).to(REP).cc(jonas).replyTo(w, false, true)
                .text("Einverstanden, 50/50 by volume.\n\nMark Fischer"), "cross-customer-cc", "nordlicht", "acme-trading");
        rec.add(new Draft(Client.OUTLOOK_365, jonas, rec.after(w.date(), Cast.NORDLICHT.zoneId())).to(REP, mark).replyTo(w, false, true)
                .text("OK for us.\n\nJonas"), "cross-customer-cc", "nordlicht", "acme-trading");

        Addr winnie = Cast.KOWLOON.second();
        w = rec.add(new Draft(Client.GMAIL, winnie, rec.at(61, 11, 0, Cast.KOWLOON.zoneId())).to(REP).cc(Cast.OZLIGHT.main())
                .subject("OzLight order via Kowloon - consolidate with HK cargo")
                .text("Hi Li Lei,\n\nOzLight (Fang in copy) asks us to consolidate their order with our HK cargo.\n\nWinnie"),
                "cross-customer-cc", "kowloon", "ozlight");
        rec.add(new Draft(rec.repClient(), REP, rec.after(w.date(), Recorder.CHINA)).to(winnie).cc(Cast.OZLIGHT.main()).replyTo(w, false, false)
                .text("Dear Winnie,\n\nNo problem, we deliver to your Shenzhen warehouse.\n" + Letters.SIGNATURE), "cross-customer-cc", "kowloon", "ozlight");
        rec.add(new Draft(Client.OUTLOOK_DESKTOP, REP, rec.at(70, 9, 30, Recorder.CHINA)).to(jonas, Cast.POLAR.main())
                .subject("Factory holiday 1-5 May").text("Dear partners,\n\nOur factory is closed 1-5 May for Labour Day.\n" + Letters.SIGNATURE),
                "cross-customer-cc", "nordlicht", "polar");
    }

    private void forwarderInCc() {
        Addr anders = Addr.of("Anders Berg", "anders.berg@nordic-freight-partners.se");
        Addr erik = Cast.POLAR.main();
        Written w = rec.add(new Draft(Client.OUTLOOK_365, erik, rec.at(30, 9, 0, Cast.POLAR.zoneId())).to(REP).cc(anders)
                .subject("Pick-up PO 4500091177 - our forwarder").text("Li Lei,\n\nAnders from our forwarder will arrange the pick-up.\n\nErik"),
                "forwarder-cc", "polar");
        w = rec.add(new Draft(rec.repClient(), REP, rec.after(w.date(), Recorder.CHINA)).to(anders).cc(erik).replyTo(w, false, false)
                .text("Dear Anders,\n\nCargo ready at our factory from Monday, 312 cartons, 18.6 CBM.\n" + Letters.SIGNATURE), "forwarder-cc", "polar");
        rec.add(new Draft(Client.OUTLOOK_365, anders, rec.after(w.date(), Cast.POLAR.zoneId())).to(REP).cc(erik).replyTo(w, false, false)
                .text("Booking confirmed, SO attached.\n\nAnders Berg\nNordic Freight Partners").attach("SO_NFP_88231.pdf", "application/pdf",
                        Letters.content(".pdf", rec.random)), "forwarder-cc", "polar");
        Addr gulf = Addr.of("Gulf Star Ops", "ops@gulfstar-shipping.ae");
        w = rec.add(new Draft(Client.OUTLOOK_365, Cast.ALNOOR.main(), rec.at(55, 10, 0, Cast.ALNOOR.zoneId())).to(REP).cc(gulf)
                .subject("Jebel Ali shipment documents").text("Dear Li Lei,\n\nPlease send the original documents to our agent in copy.\n\nAhmed"),
                "forwarder-cc", "alnoor");
        rec.add(new Draft(rec.repClient(), REP, rec.after(w.date(), Recorder.CHINA)).to(Cast.ALNOOR.main(), gulf).replyTo(w, false, false)
                .text("Dear Ahmed,\n\nDocuments sent by DHL today.\n" + Letters.SIGNATURE), "forwarder-cc", "alnoor");
        Addr broker = Addr.of("Midwest Customs Entries", "entries@midwest-customs-brokers.com");
        rec.add(new Draft(Client.OUTLOOK_365, broker, rec.at(75, 13, 0, Cast.SUNRISE.zoneId())).to(REP).cc(Cast.SUNRISE.second())
                .subject("ISF filing for Sunrise Home Lighting - need HS codes")
                .text("Hello,\n\nFor the ISF filing of Sunrise Home Lighting please send HS codes and the manufacturer address.\n\nMidwest Customs Brokers"),
                "forwarder-cc", "sunrise");
    }

    private void bccCirculars() {
        circular(8, "undisclosed-recipients:;", "Price adjustment from April 1 (copper and aluminium)",
                List.of(Cast.ACME.main(), Cast.POLAR.main(), Cast.SAKURA.main(), Cast.SVETTORG.main()), "acme-trading", "polar", "sakura", "svettorg");
        circular(50, "undisclosed-recipients:;", "五一劳动节放假通知 / Labour Day holiday notice",
                List.of(Cast.NORDLICHT.main(), Cast.SUNRISE.main(), Cast.ALNOOR.main(), Cast.LUZ.main()), "nordlicht", "sunrise", "alnoor", "luz-do-brasil");
        circular(35, null, "Canton Fair booth 11.2 F23 - welcome", List.of(Cast.SVETTORG.freeMail(), Cast.SUNRISE.freeMail(), Cast.SAKURA.second()),
                "svettorg", "sunrise", "sakura");
        circular(64, null, "New solar street light series", List.of(Cast.OZLIGHT.main(), Cast.KOWLOON.main(), Cast.ALNOOR.freeMail()),
                "ozlight", "kowloon", "alnoor");
        ZonedDateTime t = rec.at(20, 16, 40, Recorder.CHINA);
        rec.add(new Draft(Client.FOXMAIL, REP, t).to(Cast.NORDLICHT.main()).bcc(Cast.BOSS).subject("Offer for Nordlicht framework agreement")
                .text("Dear Jonas,\n\nOur offer for the framework agreement is attached.\n" + Letters.SIGNATURE)
                .attach("Offer_Nordlicht_Rahmenvertrag.pdf", "application/pdf", Letters.content(".pdf", rec.random)), "bcc-sent-copy", "nordlicht");
    }

    /** A circular the rep sends with the customers in Bcc; with no visible To header, the rep addresses it to himself. */
    private void circular(int day, String toHeader, String subject, List<Addr> bcc, String... expected) {
        Draft d = new Draft(rec.repClient(), REP, rec.at(day, 9, 15, Recorder.CHINA)).subject(subject)
                .text("Dear valued customer,\n\n" + subject + ". Details in the attached notice.\n" + Letters.SIGNATURE)
                .bcc(bcc.toArray(Addr[]::new));
        if (toHeader != null) {
            d.toHeader(toHeader);
        } else {
            d.to(REP);
        }
        rec.add(d, "bcc-sent-copy", expected);
    }
}
