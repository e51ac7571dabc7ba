package io.genjin.app.scenario;

import static io.genjin.app.scenario.Cast.REP;

import io.genjin.app.scenario.Cast.Buyer;
import java.util.List;

/**
 * Automated mail that does belong on a customer's timeline: the customer's own ERP sending purchase
 * orders and remittance advice, and out-of-office answers from the customer's people.
 */
final class CustomerSystems {
    private final Recorder rec;

    CustomerSystems(Recorder rec) {
        this.rec = rec;
    }

    void write() {
        erp(Cast.SUNRISE, Addr.of("Sunrise Home ERP", "erp@sunrisehome.com"), 16, "Purchase Order 4500087123", "PO_4500087123.pdf");
        erp(Cast.SUNRISE, Addr.of("Sunrise Home ERP", "erp@sunrisehome.com"), 58, "Purchase Order 4500091455", "PO_4500091455.pdf");
        erp(Cast.NORDLICHT, Addr.of("Nordlicht Buchhaltung", "noreply@nordlicht-leuchten.de"), 34, "Zahlungsavis / Remittance advice 2026-0412",
                "Zahlungsavis_20260412.pdf");
        erp(Cast.ALNOOR, Addr.of("Al Noor Finance", "no-reply@alnoorgroup.com"), 48, "Payment Advice - Ourfactory Lighting", "PaymentAdvice_7781.pdf");
        erp(Cast.SAKURA, Addr.of("Sakura EDI", "edi@sakura-shoji.co.jp"), 66, "注文書 / Purchase order SK-2026-0188", "SK-2026-0188.pdf");
        erp(Cast.POLAR, Addr.of("Polar Electric SAP", "noreply@polarelectric.se"), 79, "Purchase order 4100023315", "PO_4100023315.pdf");
        outOfOffice(Cast.NORDLICHT, Cast.NORDLICHT.main(), 18, "Abwesenheitsnotiz: ", "Ich bin bis 6. April nicht im Büro.", true);
        outOfOffice(Cast.SUNRISE, Cast.SUNRISE.main(), 41, "Automatic reply: ", "I am out of the office until Monday with limited access to email.", true);
        outOfOffice(Cast.SAKURA, Cast.SAKURA.main(), 59, "自動返信: ", "ゴールデンウィークのため5月6日まで休業いたします。", false);
        outOfOffice(Cast.OZLIGHT, Cast.OZLIGHT.freeMail(), 38, "自动回复: ", "您好，您的邮件我已收到，我会尽快回复。", false);
        outOfOffice(Cast.ALNOOR, Cast.ALNOOR.main(), 72, "Automatic reply: ", "I am on Eid holiday and will reply after my return.", true);
        outOfOffice(Cast.LUZ, Cast.LUZ.main(), 85, "Resposta automática: ", "Estou de férias até dia 20.", false);
    }

    private void erp(Buyer b, Addr system, int day, String subject, String file) {
        rec.add(new Draft(Client.GMAIL, system, rec.at(day, 3, 15, b.zoneId())).to(REP).subject(subject)
                .text("This message was generated automatically by " + b.name() + ". Document attached.\n")
                .header("Auto-Submitted", "auto-generated").header("X-Auto-Response-Suppress", "All")
                .messageId(Client.hex(rec.random, 20) + "." + system.address().replace('@', '.') + "@" + system.domain())
                .attach(file, "application/pdf", Letters.content(".pdf", rec.random)), "customer-erp", b.key());
    }

    private void outOfOffice(Buyer b, Addr person, int day, String prefix, String text, boolean threaded) {
        Written asked = rec.add(new Draft(rec.repClient(), REP, rec.at(day, 14, 0, Recorder.CHINA)).to(person)
                .subject(rec.pick(List.of("Quotation follow-up", "Shipment schedule", "Sample feedback?")))
                .text("Dear " + CustomerThreads.first(person) + ",\n\nAny news?\n" + Letters.SIGNATURE),
                b.freeMail() == person ? "free-mail-contact" : "direct", b.key());
        Client client = CustomerThreads.clientOf(b, person);
        Draft d = new Draft(client, person, rec.minutesAfter(asked.date(), 1, b.zoneId())).to(REP).subject(prefix + asked.subject())
                .text(text).header("Auto-Submitted", "auto-replied");
        if (client == Client.OUTLOOK_365) {
            d.header("X-Auto-Response-Suppress", "All").header("X-MS-Exchange-Inbox-Rules-Loop", person.address());
        }
        if (threaded) {
            d.threadedWith(asked);
        }
        rec.add(d, "out-of-office", b.key());
    }
}
