package io.genjin.app.scenario;

import static io.genjin.app.scenario.Cast.REP;
import static io.genjin.app.scenario.Scenario.Keys.lead;

import java.time.ZoneId;

/**
 * People the team does not know yet: inquiries from new business domains, the rep's cold mail to
 * new companies (both become leads), look-alikes of a customer's domain (new leads, never the
 * customer), and strangers on free mail (nobody's timeline).
 */
final class Prospects {
    private final Recorder rec;

    Prospects(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        inquiry(Addr.of("Tom Harris", "tom.harris@greenleaf-lighting.co.uk"), "Enquiry: LED batten 5ft IP65", 6, "Europe/London", 4, "new-prospect");
        inquiry(Addr.of("Giulia Romano", "acquisti@casaluce.it"), "Richiesta offerta faretti LED", 21, "Europe/Rome", 3, "new-prospect");
        inquiry(Addr.of("Petr Novák", "novak@elektro-novak.cz"), "Poptávka / inquiry downlights", 43, "Europe/Prague", 4, "new-prospect");
        inquiry(Addr.of("Diego Hernández", "compras@iluminaciondelnorte.com.mx"), "Cotización reflectores LED 100W", 62, "America/Mexico_City", 4,
                "new-prospect");
        cold(Addr.bare("info@baltic-lighting.lt"), Addr.of("Tomas Kazlauskas", "tomas@baltic-lighting.lt"), 10, "Europe/Vilnius");
        cold(Addr.bare("purchasing@savannah-electric.co.za"), null, 25, "Africa/Johannesburg");
        cold(Addr.of("Compras", "compras@andes-iluminacion.cl"), Addr.of("Javier Muñoz", "jmunoz@andes-iluminacion.cl"), 46, "America/Santiago");
        cold(Addr.bare("procurement@nile-lamps.com.eg"), null, 67, "Africa/Cairo");
        inquiry(Addr.of("Stefan Krüger", "s.krueger@acme-trade.de"), "Anfrage LED Panels", 28, "Europe/Berlin", 2, "look-alike");
        inquiry(Addr.of("Acmetrading Sales", "sales@acmetrading.com"), "Inquiry for LED tubes", 50, "America/New_York", 2, "look-alike");
        inquiry(Addr.of("Sunrise Home Decor", "buyer@sunrise-home.com"), "Request for quotation - track lights", 73, "America/Los_Angeles", 2,
                "look-alike");
        inquiry(Addr.of("John Smith", "johnsmith1985@gmail.com"), "Need price for LED lights", 14, "America/New_York", 3, "free-mail-unknown");
        inquiry(Addr.of("Mohammed", "mohammed.import77@hotmail.com"), "Price list please", 32, "Asia/Riyadh", 2, "free-mail-unknown");
        inquiry(Addr.of("lucky trading", "lucky_trading@163.com"), "询价 LED 灯管", 53, "Asia/Shanghai", 1, "free-mail-unknown");
        inquiry(Addr.of("Dmitry K.", "dmitry.k.buyer@yandex.ru"), "Запрос цены на прожекторы", 69, "Europe/Moscow", 1, "free-mail-unknown");
        inquiry(Addr.of("Ana", "ana.lighting.shop@outlook.com"), "Catalogue request", 84, "America/Bogota", 1, "free-mail-unknown");
    }

    /** An inquiry and {@code turns - 1} answers back and forth, all on the sender's lead (or on nothing for free mail). */
    private void inquiry(Addr buyer, String subject, int day, String zone, int turns, String family) {
        String[] expected = family.equals("free-mail-unknown") ? new String[0] : new String[] {lead(buyer.domain())};
        ZoneId z = ZoneId.of(zone);
        Client client = buyer.domain().equals("gmail.com") ? Client.GMAIL : buyer.domain().equals("163.com") ? Client.FOXMAIL
                : family.equals("look-alike") ? Client.OUTLOOK_365 : Client.APPLE_MAIL;
        Written w = rec.add(new Draft(client, buyer, rec.at(day, 10, 30, z)).to(REP).subject(subject)
                .text("Hello,\n\nWe found your company online. " + subject + ". Please send price list, MOQ and catalogue.\n\nRegards,\n"
                        + buyer.shown()), family, expected);
        for (int k = 1; k < turns; k++) {
            boolean rep = k % 2 == 1;
            Draft d = rep ? new Draft(rec.repClient(), REP, rec.after(w.date(), Recorder.CHINA)).to(buyer)
                    .text("Dear " + CustomerThreads.first(buyer) + ",\n\nThank you for your inquiry. Our catalogue and price list are attached.\n"
                            + Letters.SIGNATURE).attach("Catalogue_2026.pdf", "application/pdf", Letters.content(".pdf", rec.random))
                    : new Draft(client, buyer, rec.after(w.date(), z)).to(REP).text("Thanks. Can you send samples?\n\n" + buyer.shown());
            w = rec.add(d.replyTo(w, false, false), family, expected);
        }
    }

    /** The rep's cold mail, a follow-up in the same thread, and maybe an answer from someone there. */
    private void cold(Addr to, Addr answerer, int day, String zone) {
        String key = lead(to.domain());
        Written w = rec.add(new Draft(rec.repClient(), REP, rec.at(day, 16, 0, Recorder.CHINA)).to(to)
                .subject("LED lighting manufacturer from Ningbo - factory price")
                .text("Dear purchasing manager,\n\nWe are a LED lighting factory with 15 years of export experience (CE, RoHS, UL).\n"
                        + "May I send you our catalogue?\n" + Letters.SIGNATURE), "cold-outreach", key);
        w = rec.add(new Draft(rec.repClient(), REP, rec.after(w.date().plusDays(5), Recorder.CHINA)).to(to).replyTo(w, false, false)
                .text("Dear purchasing manager,\n\nJust following up on my mail below.\n" + Letters.SIGNATURE), "cold-outreach", key);
        if (answerer != null) {
            w = rec.add(new Draft(Client.OUTLOOK_365, answerer, rec.after(w.date(), ZoneId.of(zone))).to(REP).replyTo(w, false, false)
                    .text("Hello Li Lei,\n\nYes, please send the catalogue and prices for panel lights.\n\n" + answerer.shown()), "cold-outreach", key);
            rec.add(new Draft(rec.repClient(), REP, rec.after(w.date(), Recorder.CHINA)).to(answerer).replyTo(w, false, false)
                    .text("Dear " + CustomerThreads.first(answerer) + ",\n\nCatalogue attached.\n" + Letters.SIGNATURE)
                    .attach("Catalogue_2026.pdf", "application/pdf", Letters.content(".pdf", rec.random)), "cold-outreach", key);
        }
    }
}
