package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.tracking.TrackHits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A small team's week, written by the product's own flows: a buyer's inquiry making a lead, the rep's
 * quotation with a PDF, the buyer's counter-offer, a Chinese customer of a teammate's, a newsletter
 * nobody should link, a stage change raising tasks, a logged call with its next step, a PI, and a
 * quotation a person opened three times. The page tests read it.
 */
record TeamWeek(Person manager, Person rep, Person teammate, Person admin, String lumenId) {
    private static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    static TeamWeek make(ChromiumAppTest app, TrackHits hits) throws Exception {
        var store = app.store;
        int port = app.port;
        Seed seed = new Seed(store);
        Team team = seed.team("Lighting export team " + System.nanoTime());
        Person manager = seed.person("Mia Manager", Role.MANAGER, team, null);
        Person rep = seed.person("Ravi Rep", Role.REP, team, manager.user());
        Person teammate = seed.person("Tess Teammate", Role.REP, team, manager.user());
        Person admin = seed.person("Ada Admin", Role.ADMIN, team, null);
        String repAddress = rep.user().addresses().get(0);
        String teammateAddress = teammate.user().addresses().get(0);

        // A buyer's first inquiry makes a lead; the rep's quotation with a PDF; the buyer's reply with the quote below it.
        app.ingestAs(rep.id(), """
                Message-ID: <inq-1@lumen-buyer.example>
                Date: Mon, 30 Nov 2026 08:00:00 +0000
                From: Lena Buyer <lena@lumen-buyer.example>
                To: <%s>
                Subject: Inquiry: LED panel 600x600, 2000 pcs
                Content-Type: text/plain; charset=utf-8

                Hello, please quote 2000 pcs of the 600x600 LED panel, CIF Hamburg.
                Best regards, Lena
                """.formatted(repAddress));
        app.ingestAs(rep.id(), """
                Message-ID: <quote-1@team.example>
                In-Reply-To: <inq-1@lumen-buyer.example>
                Date: Mon, 30 Nov 2026 10:00:00 +0000
                From: Ravi Rep <%s>
                To: Lena Buyer <lena@lumen-buyer.example>
                Subject: RE: Inquiry: LED panel 600x600, 2000 pcs - Quotation Q-881
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/html; charset=utf-8

                <p>Dear Lena,</p><p>Please find our quotation <b>Q-881</b> attached: USD 11.20/pc CIF Hamburg.</p>
                <img src="https://images.example/logo.png" alt="logo">
                --b1
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="Q-881 报价单.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQKJSVFT0YK
                --b1--
                """.formatted(repAddress));
        app.ingestAs(rep.id(), """
                Message-ID: <reply-1@lumen-buyer.example>
                In-Reply-To: <quote-1@team.example>
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                From: Lena Buyer <lena@lumen-buyer.example>
                To: <%s>
                Subject: RE: Quotation Q-881
                Content-Type: text/plain; charset=utf-8

                Thanks Ravi, the price is a bit high. Can you do USD 10.80 for 3000 pcs?

                On Mon, 30 Nov 2026 at 10:00, Ravi Rep wrote:
                > Please find our quotation Q-881 attached.
                """.formatted(repAddress));
        // A Chinese customer of the teammate's, and a newsletter nobody's customer sent.
        app.ingestAs(teammate.id(), """
                Message-ID: <cn-1@huaxin-trade.example>
                Date: Tue, 01 Dec 2026 02:00:00 +0000
                From: 王经理 <wang@huaxin-trade.example>
                To: <%s>
                Subject: =?UTF-8?B?6K+35p+l5pS25oql5Lu35Y2V?=
                Content-Type: text/plain; charset=utf-8

                您好，请查收报价单，并确认交期。
                """.formatted(teammateAddress));
        app.ingestAs(rep.id(), """
                Message-ID: <news-1@mailer.trade-fair.example>
                Date: Tue, 01 Dec 2026 05:00:00 +0000
                From: Trade Fair News <news@trade-fair.example>
                To: <%s>
                Subject: Canton Fair: register now
                List-Unsubscribe: <mailto:unsubscribe@trade-fair.example>
                Precedence: bulk
                Content-Type: text/plain; charset=utf-8

                Register for the autumn session.
                """.formatted(repAddress));

        Http http = new Http(port);
        String lumen = http.get(rep.token(), "/api/companies?q=lumen").json().get(0).get("id").asString();
        assertThat(http.send(rep.token(), "PUT", "/api/companies/" + lumen + "/stage", Map.of("stage", "QUOTED")).status())
                .isEqualTo(200);
        assertThat(http.post(rep.token(), "/api/companies/" + lumen + "/notes", Map.of("type", "CALL",
                "body", "Called Lena about the counter-offer.", "nextStepAt", "2026-12-20T09:00:00Z",
                "nextStep", "Send the revised quotation")).status()).isEqualTo(201);
        assertThat(http.post(rep.token(), "/api/companies/" + lumen + "/orders", Map.of("number", "PI-881",
                "currency", "USD", "amount", 32400, "items", List.of(Map.of("description", "LED panel 600x600",
                        "quantity", 3000, "unitPrice", 10.80)))).status()).isEqualTo(201);
        var instrumented = http.post(rep.token(), "/api/tracking/instrument", Map.of("messageId", "<quote-2@team.example>",
                "quote", true, "subject", "Quotation Q-882", "html", "<p>Revised offer</p>",
                "recipients", List.of("lena@lumen-buyer.example")));
        assertThat(instrumented.status()).as(instrumented.toString()).isEqualTo(201);
        String pixel = URI.create(instrumented.json().get("recipients").get(0).get("pixelUrl").asString()).getRawPath();
        for (int open = 0; open < 3; open++) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.base() + pixel))
                    .header("User-Agent", BROWSER).build(), HttpResponse.BodyHandlers.discarding());
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(hits::drained);
            return new TeamWeek(manager, rep, teammate, admin, lumen);
    }
}
