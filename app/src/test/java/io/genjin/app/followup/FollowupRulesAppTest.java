package io.genjin.app.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.order.Order;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every follow-up rule through its real trigger — mail through the ingestion pipeline, a stage change
 * or a sample recorded through the API, a tracking event — on a clock the test moves, with the scan
 * run the way an admin runs it ({@code POST /api/followup/scan}); the tasks read back as the
 * salesperson reads them ({@code GET /api/tasks}) and on the customer's timeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FollowupRulesAppTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private static final DateTimeFormatter MAIL_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
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
    MailIngestion ingestion;
    @Autowired
    DomainEvents events;

    Http http;
    Seed seed;
    Person director;
    Person manager;
    Person rep;
    Customer customer;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        seed = new Seed(store);
        Team team = seed.team("Export " + Ids.newId());
        director = seed.person("Zhao Director", Role.MANAGER, null, null);
        manager = seed.person("Wang Manager", Role.MANAGER, team, director.user());
        rep = seed.person("Li Rep", Role.REP, team, manager.user());
        customer = seed.customer("Acme Trading", "acme-" + Ids.newId() + ".de", rep.user());
        // Seed's own hand-made task stays out of the way of the escalation assertions.
        store.tasks().closeIfOpen(customer.task().id(), TaskStatus.DONE, "seeded", CLOCK.instant());
    }

    @Test
    void quoteWithoutReplyForThreeDaysRaisesATaskAndTheCustomersReplyClosesIt() {
        String quoteId = outbound("Quotation LED panels", "Please find attached our quotation for 2,000 LED panels.");
        CLOCK.advance(Duration.ofDays(2));
        scan();
        assertThat(ruleTasks("quote-no-reply")).isEmpty();

        CLOCK.advance(Duration.ofDays(1).plusHours(1));
        scan();
        JsonNode task = single(ruleTasks("quote-no-reply"));
        assertThat(task.get("title").asString()).startsWith("Follow up the quotation to Acme Trading");
        assertThat(task.get("assigneeId").asString()).isEqualTo(rep.id());
        assertThat(timelineEvents()).contains("created:" + task.get("id").asString());
        assertThat(http.get(rep.token(), "/api/notifications").json().findValuesAsString("title"))
                .contains("New follow-up: " + task.get("title").asString());

        inbound("Re: Quotation LED panels", "Thanks, the price is fine. Can you do 30% deposit?", quoteId);
        JsonNode closed = http.get(rep.token(), "/api/tasks/" + task.get("id").asString()).json();
        assertThat(closed.get("status").asString()).isEqualTo("DONE");
        assertThat(closed.get("closedReason").asString()).startsWith("The customer replied");
        assertThat(timelineEvents()).contains("closed:" + task.get("id").asString());

        scan();
        assertThat(ruleTasks("quote-no-reply")).isEmpty();
        assertThat(store.tasks().ofCompany(customer.id(), List.of(TaskStatus.values())).stream()
                .filter(t -> "quote-no-reply".equals(t.originRule()))).hasSize(1);
    }

    @Test
    void aSecondScanAndARedeliveredEventCreateNothingMore() {
        outbound("Our quotation", "Please find attached our quotation for the 2k LED panels.");
        CLOCK.advance(Duration.ofDays(4));
        JsonNode first = scan();
        assertThat(first.get("tasksCreated").asLong()).isPositive();
        JsonNode second = scan();
        assertThat(second.get("tasksCreated").asLong()).isZero();
        assertThat(second.get("tasksClosed").asLong()).isZero();
        assertThat(ruleTasks("quote-no-reply")).hasSize(1);

        var shipped = new io.genjin.store.events.SampleShipped(Ids.newId(), customer.id(), "10 pcs", LocalDate.of(2026, 4, 1),
                rep.id(), CLOCK.instant());
        events.publish(shipped);
        events.publish(shipped);
        assertThat(ruleTasks("sample-arrival")).hasSize(1);
    }

    @Test
    void anInquiryUnansweredFor24HoursRaisesAnAlertAndTheAnswerClosesIt() {
        String inquiry = inbound("Inquiry: LED panel 600x600",
                "Hello, we are interested in your LED panels. Please send us your best price and MOQ for 5000 pcs, "
                        + "delivery to Hamburg. Best regards, Hans", null);
        CLOCK.advance(Duration.ofHours(25));
        scan();
        JsonNode task = single(ruleTasks("inquiry-unanswered"));
        assertThat(task.get("priority").asString()).isEqualTo("HIGH");

        outbound("Re: Inquiry: LED panel 600x600", "Dear Hans, thank you for your inquiry. We will come back tomorrow.",
                inquiry);
        assertThat(status(task)).isEqualTo("DONE");
    }

    @Test
    void recordedSamplesRemindTheDayAfterTheirArrival() {
        JsonNode activity = http.post(rep.token(), "/api/companies/" + customer.id() + "/samples",
                Map.of("description", "10 pcs 600x600 panels", "carrier", "DHL", "trackingNumber", "1234567890",
                        "expectedArrival", "2026-06-10")).json();
        assertThat(activity.at("/attributes/kind").asString()).isEqualTo("sample");
        JsonNode task = single(ruleTasks("sample-arrival"));
        assertThat(task.get("dueAt").asString()).isEqualTo("2026-06-11T10:00:00Z");
        assertThat(task.get("type").asString()).isEqualTo("SAMPLE");
        assertThat(task.get("title").asString()).contains("10 pcs 600x600 panels").contains("2026-06-10");
    }

    @Test
    void aStageChangeRaisesTheNextStagesTasksAndClosesTheStageLeftBehind() {
        http.send(rep.token(), "PUT", "/api/companies/" + customer.id() + "/stage", Map.of("stage", "QUOTED"));
        List<JsonNode> quoting = ruleTasks("stage-tasks");
        assertThat(quoting).extracting(t -> t.get("title").asString())
                .containsExactlyInAnyOrder("Prepare the quotation for Acme Trading", "Get the quotation for Acme Trading approved");

        http.send(rep.token(), "PUT", "/api/companies/" + customer.id() + "/stage", Map.of("stage", "SAMPLE"));
        assertThat(ruleTasks("stage-tasks")).extracting(t -> t.get("title").asString())
                .containsExactly("Ship the samples to Acme Trading and record the tracking number");
        for (JsonNode old : quoting) {
            JsonNode closed = http.get(rep.token(), "/api/tasks/" + old.get("id").asString()).json();
            assertThat(closed.get("status").asString()).isEqualTo("DONE");
            assertThat(closed.get("closedReason").asString()).isEqualTo("The customer moved on to another stage.");
        }
    }

    @Test
    void aNegotiationWithoutActivityFor15DaysAlertsTheOwnerAndCopiesTheManager() {
        String deal = customer.opportunity().id();
        http.send(rep.token(), "PATCH", "/api/opportunities/" + deal, Map.of("stage", "NEGOTIATION"));
        assertThat(ruleTasks("stage-tasks")).extracting(t -> t.get("title").asString())
                .containsExactly("Confirm price, payment and delivery terms with Acme Trading");
        CLOCK.advance(Duration.ofDays(16));
        scan();
        JsonNode task = single(ruleTasks("negotiation-stalled"));
        assertThat(task.get("title").asString()).contains("First order").contains("16 days");
        assertThat(http.get(manager.token(), "/api/notifications").json().findValuesAsString("title"))
                .contains("For your information: " + task.get("title").asString());

        outbound("Re: terms", "Dear Hans, as discussed: our best offer stands, 30% deposit.", null);
        scan();
        assertThat(status(task)).isEqualTo("DONE");
    }

    @Test
    void silenceRaisesReactivationThenChurnWarningThenMovesToTheDormantPoolAndAReplyBringsItBack() {
        inbound("Hello", "We will order again after the holidays.", null);
        CLOCK.advance(Duration.ofDays(31));
        scan();
        JsonNode reactivate = single(ruleTasks("no-two-way-contact"));
        assertThat(reactivate.get("type").asString()).isEqualTo("REACTIVATE");
        assertThat(reactivate.get("title").asString()).contains("31 days");

        CLOCK.advance(Duration.ofDays(30));
        scan();
        assertThat(status(reactivate)).isEqualTo("DONE");
        JsonNode churn = single(ruleTasks("churn-warning"));

        CLOCK.advance(Duration.ofDays(125));
        scan();
        assertThat(store.companies().get(customer.id()).dormant()).isTrue();
        assertThat(status(churn)).isEqualTo("DONE");
        assertThat(http.get(rep.token(), "/api/notifications").json().findValuesAsString("title"))
                .contains("Acme Trading moved to the dormant pool");

        inbound("Re: Hello", "We are back, please quote the same items again.", null);
        assertThat(store.companies().get(customer.id()).dormant()).isFalse();
    }

    @Test
    void anArchivedCustomerRaisesNoSilenceTasks() {
        inbound("Hello", "We will order again after the holidays.", null);
        assertThat(http.send(rep.token(), "PATCH", "/api/companies/" + customer.id(), java.util.Map.of("archived", true))
                .status()).isEqualTo(200);
        assertThat(store.companies().get(customer.id()).archived()).isTrue();
        CLOCK.advance(Duration.ofDays(31));
        scan();
        assertThat(store.tasks().ofCompany(customer.id(), List.of(TaskStatus.values())).stream()
                .filter(t -> t.originRule() != null)).isEmpty();
    }

    @Test
    void theSilenceThresholdDependsOnTheGrade() {
        Company company = store.companies().get(customer.id());
        store.companies().save(company.withDetails(company.name(), company.domains(), null, null, Grade.A, null));
        inbound("Hello", "Thanks for the catalogue.", null);
        CLOCK.advance(Duration.ofDays(15));
        scan();
        assertThat(single(ruleTasks("no-two-way-contact")).get("title").asString()).contains("15 days");
    }

    @Test
    void ninetyDaysWithoutAnOrderSuggestACareMailUntilTheNextOrder() {
        order(CLOCK.instant());
        CLOCK.advance(Duration.ofDays(91));
        scan();
        JsonNode task = single(ruleTasks("care-mail"));
        assertThat(task.get("type").asString()).isEqualTo("EMAIL");
        assertThat(task.get("priority").asString()).isEqualTo("LOW");
        order(CLOCK.instant());
        scan();
        assertThat(status(task)).isEqualTo("DONE");
        assertThat(http.get(rep.token(), "/api/tasks/" + task.get("id").asString()).json().get("closedReason").asString())
                .isEqualTo("A new order was recorded.");
    }

    @Test
    void aHardBounceFromAKnownContactMarksThemLeftAndAsksToRebuildTheRelationship() {
        String address = customer.contact().addresses().get(0);
        ingest("""
                From: Mail Delivery System <MAILER-DAEMON@mx.team.example>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce-%s@mx.team.example>
                Date: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.

                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.team.example

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown

                --b--
                """.formatted(rep.user().primaryAddress(), Ids.newId(), MAIL_DATE.format(CLOCK.instant()), address, address));
        assertThat(store.contacts().get(customer.contact().id()).left()).isTrue();
        JsonNode task = single(ruleTasks("contact-left"));
        assertThat(task.get("title").asString()).contains(address).contains("rebuild the relationship");
    }

    @Test
    void contractsRemindAt90And60And30DaysAndARenewalClosesTheReminder() {
        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        String contract = http.post(rep.token(), "/api/companies/" + customer.id() + "/contracts",
                Map.of("title", "Distribution agreement 2026", "endsOn", today.plusDays(85).toString())).json()
                .get("id").asString();
        scan();
        JsonNode ninety = single(ruleTasks("contract-expiry"));
        assertThat(ninety.get("dedupeKey").asString()).endsWith(":90");
        assertThat(ninety.get("title").asString()).contains("85 days left");

        CLOCK.advance(Duration.ofDays(30));
        scan();
        assertThat(status(ninety)).isEqualTo("DONE");
        JsonNode sixty = single(ruleTasks("contract-expiry"));
        assertThat(sixty.get("dedupeKey").asString()).endsWith(":60");

        http.send(rep.token(), "PATCH", "/api/contracts/" + contract, Map.of("endsOn", today.plusYears(2).toString()));
        scan();
        assertThat(status(sixty)).isEqualTo("DONE");
        assertThat(ruleTasks("contract-expiry")).isEmpty();
    }

    @Test
    void strongIntentFromTrackingNotifiesAtOnceAndTheOverdueHighTaskEscalatesTwoLevels() {
        // What the tracking module does: raise the HIGH task, then publish the event.
        Task high = store.tasks().insert(new Task(Ids.newId(), customer.id(), "客户意向度高,请立即联系", null, TaskType.CALL,
                Priority.HIGH, CLOCK.instant().plus(Duration.ofHours(2)), rep.id(), TaskStatus.OPEN, "tracking-intent",
                "tracking-intent:" + Ids.newId(), null, null, null, null, CLOCK.instant(), null));
        events.publish(new CustomerShowedIntent("m-" + Ids.newId(), customer.id(), "buyer@acme.de", rep.id(), high.id(),
                CustomerShowedIntent.Signal.REPEATED_OPENS, null, CLOCK.instant()));
        events.publish(new CustomerShowedIntent("m-again", customer.id(), "buyer@acme.de", rep.id(), high.id(),
                CustomerShowedIntent.Signal.REPEATED_OPENS, null, CLOCK.instant()));
        List<String> titles = http.get(rep.token(), "/api/notifications").json().findValuesAsString("title");
        assertThat(titles).filteredOn(t -> t.startsWith("Customer shows strong intent")).hasSize(1);
        assertThat(store.tasks().ofCompany(customer.id(), List.of(TaskStatus.OPEN))).hasSize(1);

        CLOCK.advance(Duration.ofHours(2 + 23));
        scan();
        assertThat(store.tasks().get(high.id()).escalation().level()).isZero();
        CLOCK.advance(Duration.ofHours(2));
        scan();
        assertThat(store.tasks().get(high.id()).escalation().level()).isEqualTo(1);
        assertThat(store.tasks().get(high.id()).escalation().escalatedToId()).isEqualTo(manager.id());
        assertThat(http.get(manager.token(), "/api/notifications").json().findValuesAsString("title"))
                .contains("Overdue task escalated to you: 客户意向度高,请立即联系");

        scan();
        assertThat(store.tasks().get(high.id()).escalation().level()).isEqualTo(1);
        CLOCK.advance(Duration.ofHours(48));
        scan();
        assertThat(store.tasks().get(high.id()).escalation().level()).isEqualTo(2);
        assertThat(store.tasks().get(high.id()).escalation().escalatedToId()).isEqualTo(director.id());
        assertThat(timelineEvents()).contains("escalated:" + high.id());
    }

    @Test
    void anOverdueTaskOnAnACustomerEscalatesButOneOnACCustomerDoesNot() {
        Customer aGrade = seed.customer("Big Buyer", "big-" + Ids.newId() + ".com", rep.user());
        Company a = store.companies().get(aGrade.id());
        store.companies().save(a.withDetails(a.name(), a.domains(), null, null, Grade.A, null));
        Task onC = store.tasks().insert(new Task(Ids.newId(), customer.id(), "Call back", null, TaskType.CALL, Priority.NORMAL,
                CLOCK.instant().plus(Duration.ofDays(1)), rep.id(), TaskStatus.OPEN, null, null, null, null, null, rep.id(),
                CLOCK.instant(), null));
        CLOCK.advance(Duration.ofDays(3));
        scan();
        assertThat(store.tasks().get(aGrade.task().id()).escalation().level()).isEqualTo(1);
        assertThat(store.tasks().get(aGrade.task().id()).escalation().escalatedToId()).isEqualTo(manager.id());
        assertThat(store.tasks().get(onC.id()).escalation().level()).isZero();
    }

    @Test
    void notificationsAndTaskTitlesFollowTheRecipientsLanguage() {
        Person chinese = new Person(store.users().save(new io.genjin.store.user.User(rep.id(), rep.user().name(),
                rep.user().addresses(), Role.REP, rep.user().teamId(), manager.id(), "zh-CN", rep.user().createdAt())),
                rep.token());
        http.send(chinese.token(), "PUT", "/api/companies/" + customer.id() + "/stage", Map.of("stage", "QUOTED"));
        assertThat(ruleTasks("stage-tasks")).extracting(t -> t.get("title").asString())
                .contains("为 Acme Trading 准备报价");
        assertThat(http.get(rep.token(), "/api/notifications").json().findValuesAsString("title"))
                .contains("新的跟进任务：为 Acme Trading 准备报价");
    }

    @Test
    void theRulesAreListedWithTheirTriggerConditionActionAndEffectiveSettings() {
        JsonNode book = http.get(manager.token(), "/api/followup/rules").json();
        List<String> names = new ArrayList<>();
        book.get("rules").forEach(r -> names.add(r.get("name").asString()));
        assertThat(names).containsExactly("quote-no-reply", "showed-intent", "sample-arrival", "inquiry-unanswered",
                "stage-tasks", "negotiation-stalled", "no-two-way-contact", "churn-warning", "care-mail", "dormant-pool",
                "contact-left", "contract-expiry");
        JsonNode quote = book.get("rules").get(0);
        assertThat(quote.get("condition").asString()).contains("3 days");
        assertThat(quote.at("/settings/after").asString()).isEqualTo("PT72H");
        assertThat(book.at("/rules/6/settings/afterByGrade/C").asString()).isEqualTo("PT720H");
        assertThat(book.at("/escalation/grace").asString()).isEqualTo("PT24H");
        assertThat(http.get(rep.token(), "/api/followup/rules").status()).isEqualTo(403);
    }

    // --- the way things happen ---

    private String outbound(String subject, String text) {
        return outbound(subject, text, null);
    }

    private String outbound(String subject, String text, String inReplyTo) {
        String id = "out-" + Ids.newId() + "@team.example";
        ingest("From: Li Rep <" + rep.user().primaryAddress() + ">\nTo: Hans <" + customer.contact().addresses().get(0)
                + ">\nSubject: " + subject + "\nMessage-ID: <" + id + ">\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\n")
                + "Date: " + MAIL_DATE.format(CLOCK.instant()) + "\n\n" + text + "\n");
        return id;
    }

    private String inbound(String subject, String text, String inReplyTo) {
        String id = "in-" + Ids.newId() + "@customer.example";
        ingest("From: Hans <" + customer.contact().addresses().get(0) + ">\nTo: Li Rep <" + rep.user().primaryAddress()
                + ">\nSubject: " + subject + "\nMessage-ID: <" + id + ">\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\n")
                + "Date: " + MAIL_DATE.format(CLOCK.instant()) + "\n\n" + text + "\n");
        return id;
    }

    private void ingest(String message) {
        var result = ingestion.ingest(RawMail.of(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(rep.id(), "test"));
        assertThat(result.outcome().name()).as(result.toString()).isEqualTo("STORED");
    }

    private void order(Instant at) {
        store.orders().insert(new Order(Ids.newId(), customer.id(), "PO-" + Ids.newId(), new BigDecimal("12000"), "USD", at,
                rep.id(), at));
    }

    private JsonNode scan() {
        Http.Reply reply = http.post(AppTest.ADMIN_TOKEN, "/api/followup/scan", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** The rep's open tasks on this test's customer from one rule, as "my tasks" lists them. */
    private List<JsonNode> ruleTasks(String rule) {
        List<JsonNode> found = new ArrayList<>();
        http.get(rep.token(), "/api/tasks").json().forEach(t -> {
            if (rule.equals(t.path("originRule").asString(null)) && customerIds().contains(t.get("companyId").asString())) {
                found.add(t);
            }
        });
        return found;
    }

    private List<String> customerIds() {
        return store.companies().search(io.genjin.store.access.CustomerAccess.Scope.ALL, null, 0, 10_000).stream()
                .filter(c -> rep.id().equals(c.ownerId())).map(Company::id).toList();
    }

    private String status(JsonNode task) {
        return http.get(rep.token(), "/api/tasks/" + task.get("id").asString()).json().get("status").asString();
    }

    private List<String> timelineEvents() {
        List<String> lines = new ArrayList<>();
        http.get(rep.token(), "/api/companies/" + customer.id() + "/timeline?type=TASK&size=200").json().get("items")
                .forEach(a -> lines.add(a.at("/attributes/event").asString() + ":" + a.at("/attributes/taskId").asString()));
        return lines;
    }

    private static JsonNode single(List<JsonNode> tasks) {
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }
}
