package io.genjin.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.reports.weekly.SendWeeklyReports;
import io.genjin.reports.weekly.SummariseWeek;
import io.genjin.reports.weekly.WeeklyReport;
import io.genjin.reports.weekly.WeeklySends;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The weekly report mail over data made through the product's own flows (customers through the API,
 * mail through the ingestion pipeline), sent to GreenMail on loopback through the configured mail
 * server: its figures equal the report API's for the same week and scope; it is a multipart/related
 * mail whose PNG parts are the images the HTML names by cid:; and the schedule, on a fixed clock,
 * sends it once per manager and week, across ticks, restarts and failures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.reports.customer-cache=0s", "genjin.reports.weekly.tick=0s",
                "genjin.reports.weekly.public-url=https://crm.example"})
@DirtiesContext
class WeeklyMailAppTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Monday 30 November 2026, 08:00 in Shanghai: the mail for the week of 23 November is due. */
    static final Instant MONDAY_8 = ZonedDateTime.of(2026, 11, 30, 8, 0, 0, 0, SHANGHAI).toInstant();
    static final LocalDate WEEK = LocalDate.of(2026, 11, 23);
    static final MutableClock CLOCK = new MutableClock(MONDAY_8);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
        registry.add("genjin.reports.weekly.from", () -> "genjin@crm.example");
    }

    @TestConfiguration
    static class ControlledClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    IngestionPipeline pipeline;
    @Autowired
    SendWeeklyReports schedule;
    @Autowired
    WeeklySends sends;
    @Autowired
    MongoOperations mongo;
    @Autowired
    Durability durability;
    @Autowired
    WeeklyMailer mailer;
    @Autowired
    io.genjin.reports.ReportService reports;

    Http http;
    String tag;
    Person manager;
    Person amy;
    Person bo;

    @BeforeEach
    void aTeamWithAWeekOfMail() throws Exception {
        CLOCK.set(MONDAY_8);
        greenMail.purgeEmailFromAllMailboxes();
        http = new Http(port);
        tag = Long.toString(System.nanoTime(), 36);
        Seed seed = new Seed(store);
        Team team = seed.team("Weekly team " + tag);
        manager = seed.person("Mia Manager " + tag, Role.MANAGER, team, null);
        amy = seed.person("Amy Chen " + tag, Role.REP, team, manager.user());
        bo = seed.person("Bo Wang " + tag, Role.REP, team, manager.user());
        String acme = "acme-" + tag + ".example";
        String beta = "beta-" + tag + ".example";
        String dormant = "dormant-" + tag + ".example";
        customer(amy, "Acme " + tag, acme, "A");
        customer(bo, "Beta " + tag, beta, "B");
        customer(bo, "Quiet <b>GmbH</b> " + tag, dormant, "A");
        Instant tuesday = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, SHANGHAI).toInstant();
        Instant lastWeek = tuesday.minus(Duration.ofDays(7));
        // This week: Acme asks Amy, she answers in an hour; Beta writes to Bo, who answers the next day.
        ingest("a1", "buyer@" + acme, amy, tuesday, "LED panels?");
        ingest("a2", amy, "buyer@" + acme, tuesday.plus(Duration.ofHours(1)), "Re: LED panels?");
        ingest("b1", "buyer@" + beta, bo, tuesday.plus(Duration.ofHours(2)), "Catalogue");
        ingest("b2", bo, "buyer@" + beta, tuesday.plus(Duration.ofDays(1)), "Re: Catalogue");
        ingest("a3", amy, "buyer@" + acme, tuesday.plus(Duration.ofDays(2)), "Price list");
        // The week before: one mail each way with Acme.
        ingest("p1", "buyer@" + acme, amy, lastWeek, "Hello");
        ingest("p2", amy, "buyer@" + acme, lastWeek.plus(Duration.ofHours(5)), "Re: Hello");
        // An A customer last heard from in October.
        ingest("d1", "buyer@" + dormant, bo, ZonedDateTime.of(2026, 10, 12, 9, 0, 0, 0, SHANGHAI).toInstant(), "Old");
    }

    @Test
    void theMailsFiguresAreTheReportApisForTheSameWeek() {
        WeeklyReport report = new SummariseWeek(reports).of(manager.user(), WEEK.plusDays(3));
        assertThat(report.week()).isEqualTo(WEEK);
        assertThat(report.isoWeek()).isEqualTo("2026-W48");
        Http.Reply reply = http.get(manager.token(), "/api/reports/activity?period=week&date=" + WEEK);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode api = reply.json();
        Map<String, WeeklyReport.Figure> figures = SummariseWeek.byKey(report);
        assertThat(figures.keySet()).containsExactlyElementsOf(SummariseWeek.figureKeys());
        for (String key : SummariseWeek.figureKeys()) {
            assertThat(figures.get(key).current()).as(key).isEqualTo(number(api.get("total"), key));
            assertThat(figures.get(key).previous()).as(key + " previous").isEqualTo(number(api.get("totalPrevious"), key));
        }
        assertThat(figures.get("sent.total").current()).isEqualTo(3.0);
        assertThat(figures.get("sent.total").previous()).isEqualTo(1.0);
        assertThat(figures.get("firstResponse.medianMinutes").current()).as("60 and 1320 minutes").isEqualTo(690.0);
        assertThat(figures.get("firstResponse.within24h").current()).isEqualTo(1.0);

        // Daily: this week's sent per day are the API's; last week's are the API's for that week.
        JsonNode before = http.get(manager.token(), "/api/reports/activity?period=week&date=" + WEEK.minusDays(7)).json();
        for (int i = 0; i < 7; i++) {
            assertThat(report.daily().get(i).sent()).isEqualTo(api.get("daily").get(i).get("sent").asInt());
            assertThat(report.daily().get(i).sentPreviousWeek()).isEqualTo(before.get("daily").get(i).get("sent").asInt());
        }
        // Ranking: Amy touched one customer and sent two customer mails, Bo touched two (Beta and, last, nobody else).
        assertThat(report.reps()).extracting(WeeklyReport.RepLine::userId).containsExactlyInAnyOrder(amy.id(), bo.id());
        assertThat(report.top()).extracting(WeeklyReport.RepLine::userId).containsExactly(
                repWithMostCustomers(api));
        assertThat(report.bottom()).hasSize(1).doesNotContainAnyElementsOf(report.top());
        // Dormant A customers: the coverage report's, grade A.
        JsonNode coverage = http.get(manager.token(), "/api/reports/coverage?grade=A").json();
        int silent = coverage.get("silent").get("d30").asInt() + coverage.get("silent").get("d60").asInt()
                + coverage.get("silent").get("d90").asInt();
        assertThat(report.dormantA()).isEqualTo(silent).isEqualTo(1);
        assertThat(report.dormant()).extracting(WeeklyReport.Dormant::name).containsExactly("Quiet <b>GmbH</b> " + tag);

        // The API answers the same report to the manager, and 403 to a rep.
        JsonNode weekly = http.get(manager.token(), "/api/reports/weekly?date=" + WEEK).json();
        assertThat(weekly.get("figures").get(0).get("current").asDouble()).isEqualTo(3.0);
        assertThat(http.get(amy.token(), "/api/reports/weekly").status()).isEqualTo(403);
    }

    @Test
    void theMailIsMultipartRelatedWithItsChartsAsPngPartsTheHtmlNamesByCid() throws Exception {
        Http.Reply sent = http.post(manager.token(), "/api/reports/weekly/send?date=" + WEEK, null);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().get("sentTo").asString()).isEqualTo(manager.user().primaryAddress());
        assertThat(http.post(manager.token(), "/api/reports/weekly/send?date=" + WEEK, null).status())
                .as("send me now, again at once").isEqualTo(429);

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(manager.user().primaryAddress());
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Genjin <genjin@crm.example>");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getSubject()).isEqualTo("Genjin weekly report, 2026-11-23 to 2026-11-29");
        assertThat(mail.getContentType()).startsWith("multipart/related");

        Map<String, byte[]> pngs = new HashMap<>();
        List<String> html = new ArrayList<>();
        List<String> text = new ArrayList<>();
        walk(mail, pngs, html, text);
        assertThat(html).hasSize(1);
        assertThat(text).hasSize(1);
        Matcher cids = Pattern.compile("src=\"cid:([^\"]+)\"").matcher(html.get(0));
        List<String> named = new ArrayList<>();
        while (cids.find()) {
            named.add(cids.group(1));
        }
        assertThat(named).hasSize(2);
        assertThat(pngs.keySet()).containsExactlyInAnyOrderElementsOf(named);
        for (byte[] png : pngs.values()) {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(640);
        }
        // Store text is escaped, links lead to the public address's drill-downs, the text part says the same.
        assertThat(html.get(0)).contains("Quiet &lt;b&gt;GmbH&lt;/b&gt;").doesNotContain("<b>GmbH");
        assertThat(html.get(0)).contains("https://crm.example/reports/items?figure=sent.total&amp;period=week&amp;date=2026-11-23");
        assertThat(text.get(0)).contains("Emails sent: 3 (Last week 1, +2)").contains("Quiet <b>GmbH</b>")
                .contains("https://crm.example/reports?period=week&date=2026-11-23");
    }

    @Test
    void aChineseManagerGetsTheMailInChinese() throws Exception {
        User m = manager.user();
        store.users().save(new User(m.id(), m.name(), m.addresses(), m.role(), m.teamId(), m.managerId(), "zh-CN",
                m.createdAt()));
        WeeklyMail.Rendered rendered = mailer.mail().render(store.users().get(m.id()), WEEK, true);
        assertThat(rendered.subject()).isEqualTo("跟进周报：2026-11-23 至 2026-11-29");
        assertThat(rendered.html()).contains("本周数据").contains("发送邮件");
        assertThat(rendered.text()).contains("沉默的 A 级客户");
    }

    @Test
    void mondayAtEightTheScheduleSendsOncePerManagerAndWeekAcrossTicksAndRestarts() throws Exception {
        List<String> mailed = new ArrayList<>();
        SendWeeklyReports.Mailer recording = (user, week) -> {
            mailed.add(user.id() + " " + week);
            mailer.send(user, week);
        };
        CLOCK.set(MONDAY_8.minus(Duration.ofMinutes(1)));
        assertThat(run(recording).week()).as("Monday 07:59 is too early: last week's mail is no longer due").isNull();

        CLOCK.set(MONDAY_8);
        SendWeeklyReports.Tick first = run(recording);
        assertThat(first.week()).isEqualTo("2026-W48");
        assertThat(mailed).contains(manager.id() + " " + WEEK);
        assertThat(mailed).noneMatch(m -> m.startsWith(amy.id()) || m.startsWith(bo.id()));
        assertThat(sends.state(manager.id(), "2026-W48")).contains(WeeklySends.State.SENT);
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        int delivered = (int) java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(this::toManager).count();
        assertThat(delivered).isEqualTo(1);

        mailed.clear();
        CLOCK.advance(Duration.ofMinutes(5));
        run(recording);
        // A restart: a new schedule over the same store, later in the week.
        CLOCK.advance(Duration.ofDays(2));
        new SendWeeklyReports(() -> store.users().all(), new WeeklySends(mongo, CLOCK), durability, recording,
                new SendWeeklyReports.Schedule(SHANGHAI, java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(8, 0), false),
                CLOCK).run();
        assertThat(mailed).as("nothing sent twice").noneMatch(m -> m.startsWith(manager.id()));
        assertThat(java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(this::toManager).count()).isEqualTo(1);
    }

    @Test
    void aFailedSendIsTriedAgainAtTheNextTickAndThenSentOnce() {
        CLOCK.set(MONDAY_8.plus(Duration.ofDays(7)));
        String week = "2026-W49";
        AtomicInteger calls = new AtomicInteger();
        SendWeeklyReports.Mailer flaky = (user, w) -> {
            if (user.id().equals(manager.id()) && calls.getAndIncrement() == 0) {
                throw new IllegalStateException("451 try later");
            }
        };
        SendWeeklyReports.Tick failed = run(flaky);
        assertThat(failed.week()).isEqualTo(week);
        assertThat(failed.failed()).isGreaterThanOrEqualTo(1);
        assertThat(sends.state(manager.id(), week)).contains(WeeklySends.State.FAILED);
        CLOCK.advance(Duration.ofMinutes(5));
        run(flaky);
        assertThat(sends.state(manager.id(), week)).contains(WeeklySends.State.SENT);
        assertThat(calls.get()).isEqualTo(2);
        run(flaky);
        assertThat(calls.get()).isEqualTo(2);
    }

    private SendWeeklyReports.Tick run(SendWeeklyReports.Mailer mailer) {
        return new SendWeeklyReports(() -> store.users().all(), sends, durability, mailer,
                new SendWeeklyReports.Schedule(SHANGHAI, java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(8, 0), false),
                CLOCK).run();
    }

    private boolean toManager(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString().equals(manager.user().primaryAddress());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String repWithMostCustomers(JsonNode api) {
        String best = null;
        int most = -1;
        int sent = -1;
        for (JsonNode r : api.get("reps")) {
            int touched = r.get("current").get("customersTouched").asInt();
            int s = r.get("current").get("sent").get("customer").asInt();
            if (touched > most || touched == most && s > sent) {
                best = r.get("userId").asString();
                most = touched;
                sent = s;
            }
        }
        return best;
    }

    private static void walk(Part part, Map<String, byte[]> pngs, List<String> html, List<String> text) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                walk(mp.getBodyPart(i), pngs, html, text);
            }
        } else if (part.isMimeType("image/png")) {
            String id = ((BodyPart) part).getHeader("Content-ID")[0];
            try (InputStream in = part.getInputStream()) {
                pngs.put(id.replaceAll("^<|>$", ""), in.readAllBytes());
            }
        } else if (part.isMimeType("text/html")) {
            html.add((String) part.getContent());
        } else if (part.isMimeType("text/plain")) {
            text.add((String) part.getContent());
        }
    }

    private static Double number(JsonNode figures, String path) {
        JsonNode node = figures;
        for (String step : path.split("\\.")) {
            node = node.get(step);
        }
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private void customer(Person owner, String name, String domain, String grade) {
        JsonNode company = http.post(owner.token(), "/api/companies", Map.of("name", name, "domains", List.of(domain),
                "grade", grade, "country", "DE")).json();
        String id = company.get("id").asString();
        assertThat(http.post(owner.token(), "/api/companies/" + id + "/contacts", Map.of("name", "Buyer",
                "addresses", List.of("buyer@" + domain))).status()).isEqualTo(201);
    }

    private void ingest(String id, String from, Person to, Instant at, String subject) {
        ingest(id, from, to.user().primaryAddress(), to, at, subject);
    }

    private void ingest(String id, Person from, String to, Instant at, String subject) {
        ingest(id, from.user().primaryAddress(), to, from, at, subject);
    }

    private void ingest(String id, String from, String to, Person mailbox, Instant at, String subject) {
        String raw = """
                Message-ID: <%s-%s@mail.example>
                Date: %s
                From: <%s>
                To: <%s>
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Hello.
                """.formatted(id, tag, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)
                        .format(ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), java.time.ZoneOffset.UTC)),
                from, to, subject);
        IngestResult result = pipeline.ingest(RawMail.of(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(mailbox.id(), "weekly-test"));
        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.STORED);
    }
}
