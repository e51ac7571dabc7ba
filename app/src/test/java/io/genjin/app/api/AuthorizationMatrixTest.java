package io.genjin.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.followup.sequence.EnrollContact;
import io.genjin.followup.sequence.Sequence;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Contact;
import io.genjin.store.contract.Contract;
import io.genjin.store.contract.Contracts;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.tracking.InstrumentRequest;
import io.genjin.tracking.Tracking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call which endpoint, over every API endpoint and every kind of caller. The customer
 * under test belongs to rep1 (team 1, manager1). rep2 is rep1's teammate, manager2 and rep3 are in
 * team 2. An endpoint added without a row here fails {@link #everyApiEndpointIsInTheMatrix()}.
 *
 * <p>Expected answers: 2 = any 2xx, 401, 403 (the role may never do this), 404 (the thing is not
 * visible to this caller, indistinguishable from absent).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    private static final List<String> CALLERS = List.of("anonymous", "rep1", "rep2", "manager1", "manager2", "rep3", "admin");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    Tracking tracking;
    @Autowired
    SequenceStore sequences;
    @Autowired
    EnrollContact enroll;
    @Autowired
    Contracts contracts;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Http http;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void seed() {
        http = new Http(port);
        Seed seed = new Seed(store);
        Team team1 = seed.team("Team 1");
        Team team2 = seed.team("Team 2");
        Person manager1 = seed.person("Manager One", Role.MANAGER, team1, null);
        Person manager2 = seed.person("Manager Two", Role.MANAGER, team2, null);
        Person rep1 = seed.person("Rep One", Role.REP, team1, manager1.user());
        Person rep2 = seed.person("Rep Two", Role.REP, team1, manager1.user());
        Person rep3 = seed.person("Rep Three", Role.REP, team2, manager2.user());
        Customer customer = seed.customer("Acme Trading", "acme-matrix.com", rep1.user());
        tokens.put("anonymous", null);
        tokens.put("rep1", rep1.token());
        tokens.put("rep2", rep2.token());
        tokens.put("manager1", manager1.token());
        tokens.put("manager2", manager2.token());
        tokens.put("rep3", rep3.token());
        tokens.put("admin", AppTest.ADMIN_TOKEN);
        Http.Reply upload = io.genjin.app.support.Multipart.upload(port, rep1.token(), "/api/imports", "matrix.csv",
                "Company,Email\r\nMatrix Import Ltd,buyer@matrix-import.example\r\nBad,not-an-address\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        ids.put("import", upload.json().get("job").get("id").asString());
        ids.put("mailImport", io.genjin.app.support.Multipart.upload(port, rep1.token(), "/api/mail-imports", "matrix.mbox",
                ("From buyer@matrix-import.example Tue Nov  3 09:00:00 2026\nFrom: buyer@matrix-import.example\n"
                        + "To: rep@genjin.test\nSubject: Matrix\nMessage-ID: <matrix-mail-import@matrix-import.example>\n\nHi\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()).json().get("id").asString());
        ids.put("company", customer.id());
        ids.put("pool", store.companies().insert(io.genjin.store.customer.Company.create(Ids.newId(), "Pool Lead Ltd",
                List.of("pool-matrix.com"), null, store.clock().instant())).id());
        ids.put("contact", customer.contact().id());
        ids.put("task", customer.task().id());
        ids.put("opportunity", customer.opportunity().id());
        ids.put("rep1", rep1.id());
        ids.put("team1", team1.id());
        ids.put("missingToken", "000000000000000000000000");
        ids.put("tracked", tracking.instrument(new InstrumentRequest("<matrix-quote@team.example>", rep1.id(), null,
                customer.id(), true, "Quotation", "<a href=\"https://acme-matrix.com/q\">q</a>", null,
                List.of("buyer@acme-matrix.com"), null)).trackedId());
        // A sequence by rep1; the customer's contact is in it (so enrolling it again is a 409 for whoever
        // may see it), and a second contact's enrolment is the one read and stopped.
        Sequence sequence = sequences.sequences().save(new Sequence(Ids.newId(), "Matrix sequence", rep1.id(), "en",
                List.of(new Sequence.Step(java.time.Duration.ofDays(1), List.of(new Sequence.Variant("en", "Hi", "Hello")))),
                null, false, store.clock().instant()));
        enroll.enroll(sequence.id(), customer.contact().id(), null, null, Map.of(), null, rep1.id());
        Contact second = store.contacts().insert(new Contact(Ids.newId(), "Second buyer", List.of("second@acme-matrix.com"),
                List.of(), null, customer.id(), rep1.id(), false, null, store.clock().instant()));
        ids.put("sequence", sequence.id());
        ids.put("enrollment", enroll.enroll(sequence.id(), second.id(), null, null, Map.of(), null, rep1.id()).id());
        Contact third = store.contacts().insert(new Contact(Ids.newId(), "Third buyer", List.of("third@acme-matrix.com"),
                List.of(), null, customer.id(), rep1.id(), false, null, store.clock().instant()));
        ids.put("enrollment2", enroll.enroll(sequence.id(), third.id(), null, null, Map.of(), null, rep1.id()).id());
        // Someone to deactivate and reactivate, so that no caller of the matrix loses their access.
        ids.put("leaver", seed.person("Leaving Rep", Role.REP, team2, manager2.user()).id());
        ids.put("kind", "companies");
        ids.put("smartTag", "delivery-sensitive");
        ids.put("csv", "csv");
        ids.put("xlsx", "xlsx");
        ids.put("order", store.orders().insert(new io.genjin.store.order.Order(Ids.newId(), customer.id(), "PI-MATRIX",
                java.math.BigDecimal.TEN, "USD", store.clock().instant(), rep1.id(), store.clock().instant())).id());
        ids.put("message", mailOf(rep1, customer, "matrix-mail-1@acme-matrix.com"));
        ids.put("message2", mailOf(rep1, customer, "matrix-mail-2@acme-matrix.com"));
        // 撞客: rep2 wrote to rep1's customer.
        ids.put("conflict", store.conflicts().record(customer.id(), rep1.id(), rep2.id(), "matrix-conflict@acme-matrix.com",
                store.clock().instant()).id());
        ids.put("contract", contracts.insert(new Contract(io.genjin.store.Ids.newId(), customer.id(), "Agreement", null, null,
                java.time.LocalDate.of(2030, 1, 1), rep1.id(), store.clock().instant())).id());
    }

    /** A message from the customer in rep1's mailbox, on the customer's timeline, as ingestion leaves it. */
    private String mailOf(Person rep, Customer customer, String messageId) {
        java.time.Instant at = store.clock().instant();
        store.timeline().append(new io.genjin.store.timeline.Activity(Ids.newId(), customer.id(),
                io.genjin.store.timeline.ActivityType.EMAIL, at, rep.id(), List.of(), "RFQ", "s", "email:" + messageId,
                Map.of("linkStep", "DOMAIN"), at));
        return store.messages().store(new io.genjin.store.message.StoredMessage(Ids.newId(), messageId, messageId, null,
                List.of(), io.genjin.store.message.Direction.INBOUND, io.genjin.store.message.Participant.of("buyer@acme-matrix.com"),
                List.of(), List.of(), "RFQ", at, "s", List.of(new io.genjin.store.message.MailboxRef(rep.id(), "INBOX", 1L)),
                customer.id(), List.of(), at)).message().id();
    }

    /** One row per endpoint: method, path, body, then the expected answer per caller in CALLERS order. */
    static Stream<Row> rows() {
        return Stream.of(
                row("GET", "/api/me", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/users", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/users/{rep1}", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/users", "{\"name\":\"New Rep\",\"addresses\":[\"new-%s@team.example\"],\"role\":\"REP\"}",
                        401, 403, 403, 403, 403, 403, 2),
                row("PATCH", "/api/users/{rep1}", "{\"locale\":\"en\"}", 401, 403, 403, 403, 403, 403, 2),
                row("POST", "/api/users/{rep1}/tokens", "{\"label\":\"matrix\"}", 401, 2, 403, 403, 403, 403, 2),
                row("GET", "/api/users/{rep1}/tokens", null, 401, 2, 403, 403, 403, 403, 2),
                // An unknown token id: callers allowed to manage rep1's tokens get 404, the others 403.
                row("DELETE", "/api/users/{rep1}/tokens/{missingToken}", null, 401, 404, 403, 403, 403, 403, 404),
                row("POST", "/api/users/{rep1}/mailboxes",
                        "{\"host\":\"imap.example\",\"port\":993,\"security\":\"SSL\",\"username\":\"m-%s@team.example\",\"secret\":\"pw\"}",
                        401, 2, 403, 403, 403, 403, 2),
                row("GET", "/api/users/{rep1}/mailboxes", null, 401, 2, 404, 2, 404, 404, 2),
                // An unknown mailbox: callers allowed to manage rep1's mailboxes get 404, the others 403.
                row("DELETE", "/api/users/{rep1}/mailboxes/{missingToken}", null, 401, 404, 403, 403, 403, 403, 404),
                row("POST", "/api/users/{rep1}/mailboxes/{missingToken}/sync", null, 401, 404, 403, 403, 403, 403, 404),
                row("GET", "/api/teams", null, 401, 2, 2, 2, 2, 2, 2),
                row("PATCH", "/api/teams/{team1}", "{\"name\":\"Team 1\"}", 401, 403, 403, 403, 403, 403, 2),
                row("POST", "/api/users/{leaver}/deactivate", null, 401, 403, 403, 403, 403, 403, 2),
                row("POST", "/api/users/{leaver}/hand-over", "{\"toUserId\":\"{rep1}\"}", 401, 403, 403, 403, 403, 403, 2),
                row("POST", "/api/users/{leaver}/reactivate", null, 401, 403, 403, 403, 403, 403, 2),
                row("POST", "/api/teams", "{\"name\":\"Team %s\"}", 401, 403, 403, 403, 403, 403, 2),
                row("GET", "/api/companies", null, 401, 2, 2, 2, 2, 2, 2),
                row("POST", "/api/companies", "{\"name\":\"New %s\",\"domains\":[\"new-%s.example\"]}", 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/companies/{company}", null, 401, 2, 404, 2, 404, 404, 2),
                row("PATCH", "/api/companies/{company}", "{\"industry\":\"LED\"}", 401, 2, 404, 2, 404, 404, 2),
                row("PUT", "/api/companies/{company}/stage", "{\"stage\":\"INQUIRY\"}", 401, 2, 404, 2, 404, 404, 2),
                row("PUT", "/api/companies/{company}/owner", "{\"ownerId\":\"{rep1}\"}", 401, 403, 403, 2, 404, 403, 2),
                // Claiming from the public pool: rep1's own customer is no-op for rep1 and taken (409) for others who see it.
                row("POST", "/api/companies/{company}/claim", null, 401, 2, 404, 409, 404, 404, 409),
                // An unowned customer (the public pool) is visible to every signed-in user.
                row("GET", "/api/companies/{pool}", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/companies/{company}/contacts", null, 401, 2, 404, 2, 404, 404, 2),
                // Customer health: whoever sees the customer; a team's settings: its manager and admins.
                row("GET", "/api/companies/{company}/health", null, 401, 2, 404, 2, 404, 404, 2),
                row("DELETE", "/api/companies/{company}/tags/{smartTag}", null, 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/health/policies/{team1}", null, 401, 403, 403, 2, 403, 403, 2),
                row("PUT", "/api/health/policies/{team1}", "{\"threshold\":60}", 401, 403, 403, 2, 403, 403, 2),
                row("POST", "/api/health/recompute", null, 401, 403, 403, 403, 403, 403, 2),
                row("POST", "/api/companies/{company}/contacts", "{\"name\":\"X\",\"addresses\":[\"x-%s@acme-matrix.com\"]}",
                        401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/contacts/{contact}", null, 401, 2, 404, 2, 404, 404, 2),
                row("PATCH", "/api/contacts/{contact}", "{\"title\":\"Purchasing manager\"}", 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/companies/{company}/timeline", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/companies/{company}/notes", "{\"body\":\"Called about samples\"}", 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/tasks", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/tasks/{task}", null, 401, 2, 404, 2, 404, 404, 2),
                row("PATCH", "/api/tasks/{task}", "{\"notes\":\"checked\"}", 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/tasks/{task}/snooze", "{\"until\":\"2030-01-01T09:00:00Z\"}", 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/tasks/{task}/comments", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/tasks/{task}/comments", "{\"text\":\"Checked with the buyer\"}", 401, 2, 404, 2, 404, 404, 2),
                // After snoozing: completing closes the task once; repeating it answers the done task.
                row("POST", "/api/tasks/{task}/complete", null, 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/companies/{company}/orders", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/companies/{company}/orders", "{\"number\":\"PI-%s\",\"currency\":\"USD\",\"amount\":100}",
                        401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/orders/{order}", null, 401, 2, 404, 2, 404, 404, 2),
                // Exports: everyone signed in, each gets their own scope (ExportApiTest); one customer only where it is visible.
                row("GET", "/api/export/customers.{csv}", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/export/customers.{xlsx}?q=acme", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/export/contacts.{csv}", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/export/contacts.{xlsx}?company={company}", null, 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/export/orders.{csv}?company={company}", null, 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/export/orders.{xlsx}", null, 401, 2, 2, 2, 2, 2, 2),
                row("PATCH", "/api/orders/{order}", "{\"status\":\"SHIPPED\"}", 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/companies/{company}/tasks", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/companies/{company}/tasks", "{\"title\":\"Call back\"}", 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/companies/{company}/opportunities", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/companies/{company}/opportunities", "{\"name\":\"Reorder\"}", 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/opportunities/{opportunity}", null, 401, 2, 404, 2, 404, 404, 2),
                row("PATCH", "/api/opportunities/{opportunity}", "{\"amount\":1000}", 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/conflicts", null, 401, 403, 403, 2, 2, 403, 2),
                // Decided once by rep1's manager; the admin then finds it decided (409). Team 2 does not see it.
                row("POST", "/api/conflicts/{conflict}/resolve", "{\"resolution\":\"KEEP_OWNER\"}",
                        401, 403, 403, 2, 404, 403, 409),
                row("GET", "/api/duplicates", null, 401, 403, 403, 2, 2, 403, 2),
                row("GET", "/api/ingestion/failures", null, 401, 403, 403, 403, 403, 403, 2),
                // An unknown failure id: only the admin gets that far (404).
                row("POST", "/api/ingestion/failures/{missingToken}/replay", null, 401, 403, 403, 403, 403, 403, 404),
                // Instrumenting mail to a customer the caller can see, as themselves; reading what tracking saw.
                row("POST", "/api/tracking/instrument", "{\"messageId\":\"<m-%s@team.example>\",\"companyId\":\"{company}\","
                        + "\"quote\":true,\"html\":\"<a href='https://acme-matrix.com/q'>q</a>\",\"recipients\":[\"buyer@acme-matrix.com\"]}",
                        401, 2, 404, 2, 404, 404, 2),
                // Instrumenting as someone else: only their manager or an admin may.
                row("POST", "/api/tracking/instrument", "{\"messageId\":\"<n-%s@team.example>\",\"ownerId\":\"{rep1}\","
                        + "\"text\":\"See https://acme-matrix.com/q\",\"recipients\":[\"buyer@acme-matrix.com\"]}",
                        401, 2, 403, 2, 403, 403, 2),
                row("GET", "/api/tracking/messages/{tracked}", null, 401, 2, 404, 2, 404, 404, 2),
                // The SMTP relay: the user or an admin changes; whoever sees the user's customers reads.
                row("POST", "/api/users/{rep1}/relay-credentials", "{\"label\":\"Foxmail\"}", 401, 2, 403, 403, 403, 403, 2),
                row("GET", "/api/users/{rep1}/relay-credentials", null, 401, 2, 404, 2, 404, 404, 2),
                row("DELETE", "/api/users/{rep1}/relay-credentials/{missingToken}", null, 401, 404, 403, 403, 403, 403, 404),
                row("GET", "/api/users/{rep1}/relay", null, 401, 2, 404, 2, 404, 404, 2),
                row("PUT", "/api/users/{rep1}/relay", "{\"tracking\":\"ALL\"}", 401, 2, 403, 403, 403, 403, 2),
                row("PUT", "/api/users/{rep1}/mailboxes/{missingToken}/smtp", "{\"host\":\"smtp.example\"}",
                        401, 404, 403, 403, 403, 403, 404),
                row("GET", "/api/users/{rep1}/outbound", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/users/{rep1}/outbound/{missingToken}/retry", null, 401, 404, 403, 403, 403, 403, 404),
                row("DELETE", "/api/users/{rep1}/outbound/{missingToken}", null, 401, 404, 403, 403, 403, 403, 404),
                // Sequences: the team's templates (its author or an admin changes one); enrolments follow
                // their customer's visibility. Enrolling a contact already in a sequence is 409 once visible.
                row("GET", "/api/sequences", null, 401, 2, 2, 2, 2, 2, 2),
                row("POST", "/api/sequences", "{\"name\":\"Seq %s\",\"steps\":[{\"delay\":\"P1D\",\"variants\":"
                        + "[{\"language\":\"en\",\"subject\":\"Hi\",\"body\":\"Hello\"}]}]}", 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/sequences/{sequence}", null, 401, 2, 2, 2, 2, 2, 2),
                row("PUT", "/api/sequences/{sequence}", "{\"name\":\"Matrix sequence\",\"steps\":[{\"delay\":\"P1D\","
                        + "\"variants\":[{\"language\":\"en\",\"subject\":\"Hi\",\"body\":\"Hello\"}]}]}",
                        401, 2, 403, 403, 403, 403, 2),
                row("POST", "/api/sequences/{sequence}/enrollments", "{\"contactId\":\"{contact}\"}",
                        401, 409, 404, 409, 404, 404, 409),
                row("GET", "/api/sequences/{sequence}/enrollments", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/sequences/enrollments/{enrollment}", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/sequences/enrollments/{enrollment}/stop", null, 401, 2, 404, 2, 404, 404, 2),
                // rep1 pauses first; after that the manager's and the admin's pause finds it paused (409).
                row("POST", "/api/sequences/enrollments/{enrollment2}/pause", null, 401, 2, 404, 409, 404, 404, 409),
                row("POST", "/api/sequences/enrollments/{enrollment2}/resume", null, 401, 2, 404, 409, 404, 404, 409),
                row("PUT", "/api/sequences/time-zones/{kind}/{company}", "{\"timeZone\":\"Europe/Berlin\"}",
                        401, 2, 404, 2, 404, 404, 2),
                // Merging a company into itself is refused (400) once role and visibility allow the call.
                row("POST", "/api/companies/{company}/merge", "{\"loserId\":\"{company}\"}", 401, 403, 403, 400, 404, 403, 400),
                row("GET", "/api/followup/rules", null, 401, 403, 403, 2, 2, 403, 2),
                row("POST", "/api/followup/scan", null, 401, 403, 403, 403, 403, 403, 2),
                row("GET", "/api/notifications", null, 401, 2, 2, 2, 2, 2, 2),
                // Only one's own notifications can be marked read; an unknown one is 404 to everyone.
                row("POST", "/api/notifications/{missingToken}/read", null, 401, 404, 404, 404, 404, 404, 404),
                row("GET", "/api/notifications/channels", null, 401, 2, 2, 2, 2, 2, 2),
                row("POST", "/api/notifications/channels", "{\"kind\":\"EMAIL\",\"address\":\"me-%s@team.example\"}",
                        401, 2, 2, 2, 2, 2, 2),
                // A team channel: its manager and admins only.
                row("POST", "/api/notifications/channels",
                        "{\"scope\":\"TEAM\",\"scopeId\":\"{team1}\",\"kind\":\"EMAIL\",\"address\":\"t-%s@team.example\"}",
                        401, 403, 403, 2, 403, 403, 2),
                row("DELETE", "/api/notifications/channels/{missingToken}", null, 401, 404, 404, 404, 404, 404, 404),
                row("POST", "/api/notifications/channels/{missingToken}/test", null, 401, 404, 404, 404, 404, 404, 404),
                row("GET", "/api/notifications/deliveries", null, 401, 403, 403, 2, 2, 403, 2),
                row("GET", "/api/companies/{company}/contracts", null, 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/companies/{company}/contracts", "{\"title\":\"Agreement\",\"endsOn\":\"2030-01-01\"}",
                        401, 2, 404, 2, 404, 404, 2),
                row("PATCH", "/api/contracts/{contract}", "{\"number\":\"C-%s\"}", 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/companies/{company}/samples", "{\"description\":\"10 pcs\"}", 401, 2, 404, 2, 404, 404, 2),
                // A message in rep1's mailbox on rep1's customer: seen like the customer; corrections too.
                row("GET", "/api/messages/{message}", null, 401, 2, 404, 2, 404, 404, 2),
                row("GET", "/api/messages/held", null, 401, 2, 2, 2, 2, 2, 2),
                row("POST", "/api/messages/{message}/companies", "{\"companyId\":\"{company}\"}", 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/messages/{message}/move", "{\"fromCompanyId\":\"{company}\",\"toCompanyId\":\"{company}\"}",
                        401, 2, 404, 2, 404, 404, 2),
                // Held once by rep1; still rep1's mail afterwards, so their manager and the admin may repeat it.
                row("POST", "/api/messages/{message2}/not-customer", "{\"reason\":\"matrix\"}", 401, 2, 404, 2, 404, 404, 2),
                // Everyone signed in may search; what they find is their own scope (SearchApiTest).
                row("GET", "/api/search", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/linking/settings", null, 401, 403, 403, 403, 403, 403, 2),
                row("PUT", "/api/linking/settings", "{\"internalDomains\":[],\"automatedDomains\":[]}",
                        401, 403, 403, 403, 403, 403, 2),
                row("GET", "/api/linking/rules", null, 401, 403, 403, 2, 2, 403, 2),
                // The Outlook add-in: every signed-in user; what they see is their own scope (AddinApiTest).
                row("GET", "/api/addin/card?address=buyer@acme-matrix.com", null, 401, 2, 2, 2, 2, 2, 2),
                row("POST", "/api/addin/messages", "{\"internetMessageId\":\"<addin-%s@acme-matrix.com>\","
                        + "\"from\":{\"address\":\"buyer@acme-matrix.com\"},\"text\":\"Thanks for the quote\"}",
                        401, 2, 2, 2, 2, 2, 2),
                row("POST", "/api/addin/compose/track", "{\"html\":\"<a href='https://acme-matrix.com/q'>q</a>\","
                        + "\"to\":[\"buyer@acme-matrix.com\"],\"companyId\":\"{company}\"}", 401, 2, 404, 2, 404, 404, 2),
                row("POST", "/api/addin/compose/check", "{\"to\":[\"buyer@acme-matrix.com\"],\"subject\":\"Quotation\","
                        + "\"text\":\"Please find our quotation\",\"tracked\":false}", 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/addin/snippets?companyId={company}", null, 401, 2, 404, 2, 404, 404, 2),
                row("DELETE", "/api/linking/rules/{missingToken}", null, 401, 404, 404, 404, 404, 404, 404),
                // Reports: a rep their own figures, a manager their team, an admin everyone (ReportsApiTest).
                row("GET", "/api/reports/activity", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/reports/activity?team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/activity?rep={rep1}", null, 401, 2, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/items?figure=sent.total", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/reports/items?figure=sent.total&team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/funnel?team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/coverage?rep={rep1}", null, 401, 2, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/rfm?team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                // The weekly report mail is a manager's (and an admin's); "send me now" needs a mail server,
                // which this test has none of (and the admin has no address).
                row("GET", "/api/reports/weekly", null, 401, 403, 403, 2, 2, 403, 2),
                row("POST", "/api/reports/weekly/send", null, 401, 403, 403, 503, 503, 403, 409),
                // Report exports: the same parameters and scope as the JSON reports (ReportExportApiTest).
                row("GET", "/api/reports/activity.{csv}?team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/activity.{xlsx}?rep={rep1}", null, 401, 2, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/items.{csv}?figure=sent.total&team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/items.{xlsx}?figure=sent.total", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/reports/funnel.{xlsx}?team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/coverage.{csv}?rep={rep1}", null, 401, 2, 403, 2, 403, 403, 2),
                row("GET", "/api/reports/rfm.{xlsx}?team={team1}", null, 401, 403, 403, 2, 403, 403, 2),
                // Imports: an import is its uploader's (and an admin's); the upload itself is multipart (ImportApiTest).
                row("POST", "/api/imports", "{}", 401, 415, 415, 415, 415, 415, 415),
                row("GET", "/api/imports", null, 401, 2, 2, 2, 2, 2, 2),
                row("POST", "/api/mail-imports", "{}", 401, 415, 415, 415, 415, 415, 415),
                row("GET", "/api/mail-imports", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/mail-imports/{mailImport}", null, 401, 2, 404, 404, 404, 404, 2),
                row("GET", "/api/imports/profiles", null, 401, 2, 2, 2, 2, 2, 2),
                row("GET", "/api/imports/{import}", null, 401, 2, 404, 404, 404, 404, 2),
                row("PUT", "/api/imports/{import}/mapping", "{\"ownerId\":\"{rep1}\"}", 401, 2, 404, 404, 404, 404, 2),
                row("POST", "/api/imports/{import}/preview", null, 401, 2, 404, 404, 404, 404, 2),
                row("GET", "/api/imports/{import}/rejected.csv", null, 401, 2, 404, 404, 404, 404, 2),
                row("POST", "/api/imports/{import}/profile", "{\"name\":\"Matrix\"}", 401, 2, 404, 404, 404, 404, 2),
                row("GET", "/api/imports/{import}/progress", null, 401, 2, 404, 404, 404, 404, 2),
                // Starting a running import again answers with it, running.
                row("POST", "/api/imports/{import}/start", null, 401, 2, 404, 404, 404, 404, 2));
    }

    static Stream<Arguments> cells() {
        return rows().flatMap(row -> {
            List<Arguments> cells = new ArrayList<>();
            for (int i = 0; i < CALLERS.size(); i++) {
                cells.add(Arguments.of(row.method() + " " + row.path(), CALLERS.get(i), row, row.expected()[i]));
            }
            return cells.stream();
        });
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("cells")
    void callerGetsTheAnswerTheirRoleAndScopeAllow(String endpoint, String caller, Row row, int expected) {
        String unique = Long.toString(System.nanoTime(), 36);
        String body = row.body() == null ? null : resolve(row.body()).replace("%s", unique);
        Http.Reply reply = http.send(tokens.get(caller), row.method(), resolve(row.path()), body);
        if (expected == 2) {
            assertThat(reply.status()).as("%s as %s: %s", endpoint, caller, reply).isBetween(200, 299);
        } else {
            assertThat(reply.status()).as("%s as %s: %s", endpoint, caller, reply).isEqualTo(expected);
            assertThat(reply.contentType()).as("errors are problem details").startsWith("application/problem+json");
        }
    }

    @Test
    void everyApiEndpointIsInTheMatrix() {
        Set<String> covered = new TreeSet<>();
        rows().forEach(r -> covered.add(r.method() + " " + r.path().replaceAll("\\?.*", "").replaceAll("\\{[^}]+}", "{}")));
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods()
                            .forEach(m -> served.add(m.name() + " " + pattern.replaceAll("\\{[^}]+}", "{}")));
                }
            }
        }
        assertThat(covered).containsAll(served);
    }

    private String resolve(String template) {
        String resolved = template;
        for (var id : ids.entrySet()) {
            resolved = resolved.replace("{" + id.getKey() + "}", id.getValue());
        }
        return resolved;
    }

    private static Row row(String method, String path, String body, int... expected) {
        return new Row(method, path, body, expected);
    }

    record Row(String method, String path, String body, int[] expected) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
