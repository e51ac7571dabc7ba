import io.genjin.app.GenjinApplication;
import io.genjin.reports.store.Rollups;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * bench/reports: seeds reps, customers and messages into an embedded store (bulk inserts, not the
 * pipeline), builds the reports' rollups with the product's own rebuild, then times each report
 * endpoint over HTTP. Prints figures; asserts nothing. Args: messages customers reps rounds.
 */
public class ReportsBench {
    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0]);
        int customers = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        // BENCH_DATA=dir keeps the seeded store there and reuses it on the next run (seeding 1,000,000
        // messages takes a quarter of an hour on a shared 2-core machine); without it, a temporary one.
        String keep = System.getenv("BENCH_DATA");
        Path data = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("genjin-reports-bench");
        boolean reuse = Files.exists(data.resolve("bench-seeded"));
        String adminToken = "bench-admin-token-" + System.nanoTime() + "-0123456789";
        ConfigurableApplicationContext app = new SpringApplicationBuilder(GenjinApplication.class).logStartupInfo(false)
                .run("--server.port=0", "--server.address=127.0.0.1", "--genjin.store.data-dir=" + data,
                        "--genjin.admin-token=" + adminToken, "--genjin.dropbox.enabled=false", "--genjin.relay.enabled=false",
                        "--genjin.followup.scan-interval=0", "--genjin.reports.rebuild-at-start=false",
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            CrmStore store = app.getBean(CrmStore.class);
            MongoOperations mongo = app.getBean(MongoOperations.class);
            Team team;
            User manager;
            List<User> users = new ArrayList<>();
            String bigAccount = null; // recorded with the seed only
            if (reuse) {
                team = store.users().teams().stream().filter(t -> t.name().equals("Bench team")).findFirst().orElseThrow();
                List<User> inTeam = store.users().all().stream().filter(u -> team.id().equals(u.teamId())).toList();
                manager = inTeam.stream().filter(u -> u.role() == Role.MANAGER).findFirst().orElseThrow();
                inTeam.stream().filter(u -> u.role() == Role.REP).sorted(java.util.Comparator.comparing(User::name))
                        .forEach(users::add);
                System.out.printf("reusing the store seeded in %s: %s%n", data, Files.readString(data.resolve("bench-seeded")).trim());
                Rollups rollups = app.getBean(Rollups.class);
                if (!rollups.current()) {
                    // Rollups of an older version: the same messages are generated again (the same seed, over
                    // the year ending now) from the seeded customers, and the rollups rebuilt from them.
                    List<String> companyIds = new ArrayList<>(customers);
                    Query byName = new Query();
                    byName.fields().include("_id", "name");
                    Map<Integer, String> idByNumber = new HashMap<>();
                    mongo.find(byName, org.bson.Document.class, "companies").forEach(d -> {
                        String name = d.getString("name");
                        if (name != null && name.startsWith("Customer ")) {
                            idByNumber.put(Integer.parseInt(name.substring(9)), String.valueOf(d.get("_id")));
                        }
                    });
                    for (int i = 0; i < idByNumber.size(); i++) {
                        companyIds.add(idByNumber.get(i));
                    }
                    long r0 = System.nanoTime();
                    long read = rollups.rebuild(messages(users, companyIds, messages, Instant.now().minusSeconds(365L * 86_400),
                            null, null), store.users().all());
                    System.out.printf("rollups were of an older version: rebuilt from %,d generated messages in %.1f s%n", read,
                            (System.nanoTime() - r0) / 1e9);
                }
            } else {
                team = store.users().createTeam("Bench team", null);
                manager = store.users().create("Bench Manager", List.of("manager@bench-team.example"), Role.MANAGER,
                        team.id(), null, "en");
                for (int i = 0; i < reps; i++) {
                    users.add(store.users().create(String.format("Rep %02d", i), List.of("rep" + i + "@bench-team.example"),
                            Role.REP, team.id(), manager.id(), "en"));
                }
                bigAccount = seed(app, store, mongo, manager, users, messages, customers, reps);
                Files.writeString(data.resolve("bench-seeded"), String.format("%d reps, %d customers, %d messages, seeded %s%n",
                        reps, customers, messages, Instant.now()));
            }
            String managerToken = store.apiTokens().issue(manager.id(), "bench").secret();
            String repToken = store.apiTokens().issue(users.get(0).id(), "bench").secret();


            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            String rep0 = users.get(0).id();
            String[][] cases = {
                    {"activity, team, week", managerToken, "/api/reports/activity?period=week&team=" + team.id()},
                    {"activity, team, month", managerToken, "/api/reports/activity?period=month&team=" + team.id()},
                    {"activity, one rep, month", repToken, "/api/reports/activity?period=month&date=" + today},
                    {"items received.total, team, week", managerToken, "/api/reports/items?period=week&figure=received.total&team=" + team.id()},
                    {"items firstResponse.unanswered, team, month", managerToken, "/api/reports/items?period=month&figure=firstResponse.unanswered&team=" + team.id()},
                    {"items quoteOpens.humanOpened, team, month", managerToken, "/api/reports/items?period=month&figure=quoteOpens.humanOpened&team=" + team.id()},
                    {"items tasks.overdue, team, month", managerToken, "/api/reports/items?period=month&figure=tasks.overdue&team=" + team.id()},
                    {"activity, team, month, grade A", managerToken, "/api/reports/activity?period=month&grade=A&team=" + team.id()},
                    {"funnel, team, month", managerToken, "/api/reports/funnel?period=month&team=" + team.id()},
                    {"funnel, one rep, month", repToken, "/api/reports/funnel?period=month&rep=" + rep0},
                    {"coverage, team", managerToken, "/api/reports/coverage?team=" + team.id()},
                    {"coverage, one rep", repToken, "/api/reports/coverage"},
                    {"rfm, team, 365 days", managerToken, "/api/reports/rfm?team=" + team.id()},
            };
            // CPU: the whole process's CPU time per request (client, server and store share this JVM), a
            // figure that does not grow when other work on the machine slows the wall clock.
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            // The embedded store compacts its file in the background after large writes (the seed, a
            // rebuild) for minutes, holding commands up meanwhile: that thread's CPU is shown apart.
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.function.LongSupplier compaction = () -> {
                long sum = 0;
                for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (t != null && t.getThreadName().equals("embedded-store-commit")) {
                        sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
                    }
                }
                return sum;
            };
            System.out.printf("%-46s %8s %8s %8s %10s %8s%n", "endpoint (HTTP, " + rounds + " requests after 2 warm-up)",
                    "p50 ms", "p95 ms", "CPU ms", "of it store", "bytes");
            for (String[] c : cases) {
                long[] times = new long[rounds];
                int bytes = 0;
                long cpu = 0;
                long store0 = 0;
                for (int i = -2; i < rounds; i++) {
                    if (i == 0) {
                        cpu = os.getProcessCpuTime();
                        store0 = compaction.getAsLong();
                    }
                    long s = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + c[2]))
                            .header("Authorization", "Bearer " + c[1]).build(), HttpResponse.BodyHandlers.ofString());
                    long e = System.nanoTime();
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(c[0] + ": " + r.statusCode() + " " + r.body());
                    }
                    bytes = r.body().length();
                    if (i >= 0) {
                        times[i] = e - s;
                    }
                }
                Arrays.sort(times);
                cpu = os.getProcessCpuTime() - cpu;
                long storeCpu = compaction.getAsLong() - store0;
                System.out.printf("%-46s %8.0f %8.0f %8.0f %10.0f %8d%n", c[0], times[rounds / 2] / 1e6,
                        times[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.95) - 1)] / 1e6, cpu / 1e6 / rounds,
                        storeCpu / 1e6 / rounds, bytes);
            }
            var customerCopy = app.getBean(io.genjin.reports.store.CompanyIndex.class);
            var service = app.getBean(io.genjin.reports.ReportService.class);
            java.time.Duration customerStaleness = customerCopy.worstStaleness();
            System.out.println("how stale a number may be:");
            System.out.println("  mail sent/received, customers touched, first response, quotations sent, funnel stage changes:");
            System.out.printf("    0 s after the message is stored (rollups are written on the storing thread, from the events;"
                    + "%n    the day documents a process keeps are checked against their day's version in the store at"
                    + "%n    every request, so a write by any process is seen by the next report)%n");
            System.out.printf("  tasks, escalations, orders (RFM): at most %d s (tasks) and %d s (orders), on every store"
                    + " (kept in memory as the customers are, the longest bound of any copy served during this run)%n",
                    service.taskCopy().worstStaleness().toSeconds(),
                    service.orderCopy().worstStaleness().toSeconds());
            System.out.println("  quote opens: 0 s (tracking's counters, one query per thousand quotations at each request)");
            System.out.printf("  customers' grade, country, stage, owner (filters, new customers, funnel cohort, coverage, RFM scope):"
                    + "%n    at most %d s (customer snapshot refreshed in the background: twice genjin.reports.customer-cache,"
                    + "%n    or twice 4 x the read's own time when a read took longer than a quarter of it; the longest bound"
                    + "%n    of any copy served during this run; the copy served last: %d s)%n",
                    customerStaleness.toSeconds(), customerCopy.staleness().toSeconds());
            if (bigAccount != null) {
                System.out.print(bigAccount);
            }
        } finally {
            app.close();
            if (keep == null) {
                try (var files = Files.walk(data)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /**
     * The messages, generated one by one from a fixed seed over the year from {@code start}: the same
     * messages for the same customers and reps. {@code quotes} (if not null) gets the quotations among
     * them; {@code each} (if not null) sees every message.
     */
    static java.util.stream.Stream<StoredMessage> messages(List<User> users, List<String> companyIds, int messages,
            Instant start, List<Object[]> quotes, java.util.function.Consumer<StoredMessage> each) {
        int customers = companyIds.size();
        int reps = users.size();
        Random words = new Random(7);
        return java.util.stream.IntStream.range(0, messages).mapToObj(i -> {
            int c = words.nextInt(customers);
            User rep = users.get(c % reps);
            boolean inbound = words.nextInt(100) < 55;
            Instant at = start.plusSeconds((long) (words.nextDouble() * 365 * 86_400));
            Participant buyer = new Participant("Buyer", "buyer@c" + c + ".bench.example");
            Participant me = new Participant(rep.name(), rep.primaryAddress());
            String mid = "m" + i + "@bench.example";
            StoredMessage m = new StoredMessage(Ids.newId(), mid, mid, null, List.of(), inbound ? Direction.INBOUND
                    : Direction.OUTBOUND, inbound ? buyer : me, List.of(inbound ? me : buyer), List.of(), "Message " + i, at,
                    "…", List.of(new MailboxRef(rep.id(), inbound ? "INBOX" : "Sent", (long) i)), companyIds.get(c), List.of(),
                    at, List.of(companyIds.get(c)), List.of(), null, null);
            boolean quote = !inbound && words.nextInt(100) < 5;
            if (quote && quotes != null) {
                quotes.add(new Object[] {m.id(), mid, companyIds.get(c), rep.id(), at});
            }
            if (each != null) {
                each.accept(m);
            }
            return m;
        });
    }

    /**
     * Customers, messages, stage changes, tasks, orders and tracked quotations, in bulk; then the rollups.
     * Prints the seed's timings; returns the big account's line, a partial figure, for the caller to print
     * after the endpoints' figures.
     */
    static String seed(ConfigurableApplicationContext app, CrmStore store, MongoOperations mongo, User manager, List<User> users,
            int messages, int customers, int reps) {
        Random random = new Random(42);
        Instant now = Instant.now();
        Instant start = now.minusSeconds(365L * 86_400);
        long t0 = System.nanoTime();
        Grade[] grades = Grade.values();
        Stage[] stages = {Stage.LEAD, Stage.INQUIRY, Stage.QUOTED, Stage.SAMPLE, Stage.NEGOTIATION, Stage.WON};
        String[] countries = {"DE", "US", "FR", "BR", "IN", "AE", "NG", "RU", "GB", "MX"};
        List<String> companyIds = new ArrayList<>();
        List<Company> batch = new ArrayList<>();
        List<Company> seeded = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String id = Ids.newId();
            companyIds.add(id);
            Instant created = start.plusSeconds((long) (random.nextDouble() * 365 * 86_400));
            batch.add(new Company(id, "Customer " + i, null, List.of("c" + i + ".bench.example"), countries[i % countries.length],
                    null, grades[random.nextInt(grades.length)], stages[random.nextInt(stages.length)],
                    users.get(i % reps).id(), Set.of(), false, now.minusSeconds(random.nextInt(120) * 86_400L),
                    now.minusSeconds(random.nextInt(120) * 86_400L), null, created, null));
            seeded.add(batch.get(batch.size() - 1));
            if (batch.size() == 2000) {
                mongo.insert(batch, Company.class);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, Company.class);
        }
        long t1 = System.nanoTime();
        // Stage history: every customer past lead moved there from lead some days after it was created.
        List<io.genjin.store.timeline.Activity> lines = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            Company company = seeded.get(i);
            if (company.stage() == Stage.LEAD) {
                continue;
            }
            Instant at = company.createdAt().plusSeconds(random.nextInt(30 * 86_400));
            lines.add(new io.genjin.store.timeline.Activity(Ids.newId(), company.id(),
                    io.genjin.store.timeline.ActivityType.STAGE_CHANGE, at.isAfter(now) ? now : at, company.ownerId(),
                    List.of(), "Stage", null, "bench-stage-" + i, java.util.Map.of("from", "LEAD", "to",
                    company.stage().name()), at));
            if (lines.size() == 5000) {
                mongo.insert(lines, io.genjin.store.timeline.Activity.class);
                lines.clear();
            }
        }
        if (!lines.isEmpty()) {
            mongo.insert(lines, io.genjin.store.timeline.Activity.class);
        }
        // Tasks: one per customer on average, due over the year, most done, some escalated.
        List<io.genjin.store.task.Task> tasks = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            int c = random.nextInt(customers);
            String owner = users.get(c % reps).id();
            Instant due = start.plusSeconds((long) (random.nextDouble() * 380 * 86_400));
            int roll = random.nextInt(100);
            io.genjin.store.task.TaskStatus status = roll < 60 && due.isBefore(now) ? io.genjin.store.task.TaskStatus.DONE
                    : roll < 65 ? io.genjin.store.task.TaskStatus.CANCELLED : io.genjin.store.task.TaskStatus.OPEN;
            io.genjin.store.task.Escalation escalation = roll >= 90 && due.isBefore(now)
                    ? new io.genjin.store.task.Escalation(1, manager.id(), due.plusSeconds(2 * 86_400))
                    : io.genjin.store.task.Escalation.NONE;
            tasks.add(new io.genjin.store.task.Task(Ids.newId(), companyIds.get(c), "Follow up " + i, null, null, null, due,
                    owner, status, null, null, escalation, status == io.genjin.store.task.TaskStatus.OPEN ? null
                    : due.plusSeconds(random.nextInt(3 * 86_400)), null, owner, due.minusSeconds(3 * 86_400), null));
            if (tasks.size() == 5000) {
                mongo.insert(tasks, io.genjin.store.task.Task.class);
                tasks.clear();
            }
        }
        if (!tasks.isEmpty()) {
            mongo.insert(tasks, io.genjin.store.task.Task.class);
        }
        // Orders: one per customer on average over the year, a tenth in EUR.
        List<io.genjin.store.order.Order> orders = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            int c = random.nextInt(customers);
            Instant at = start.plusSeconds((long) (random.nextDouble() * 365 * 86_400));
            orders.add(new io.genjin.store.order.Order(Ids.newId(), companyIds.get(c), "PO-" + i,
                    java.math.BigDecimal.valueOf(500 + random.nextInt(50_000)), random.nextInt(10) == 0 ? "EUR" : "USD", at,
                    users.get(c % reps).id(), at));
            if (orders.size() == 5000) {
                mongo.insert(orders, io.genjin.store.order.Order.class);
                orders.clear();
            }
        }
        if (!orders.isEmpty()) {
            mongo.insert(orders, io.genjin.store.order.Order.class);
        }
        long t2 = System.nanoTime();
        // The messages: generated one by one and handed to the product's rebuild, which computes the
        // rollups from them as it does from the stored messages. The reports read only the rollups
        // (and, for a page of items, the subjects), so storing a million messages (a quarter of an
        // hour here) is skipped unless BENCH_STORE_MESSAGES=1.
        boolean storeMessages = "1".equals(System.getenv("BENCH_STORE_MESSAGES"));
        List<Object[]> quotes = new ArrayList<>();
        List<StoredMessage> mail = new ArrayList<>();
        java.util.stream.Stream<StoredMessage> generated = messages(users, companyIds, messages, start, quotes, m -> {
            if (storeMessages) {
                mail.add(m);
                if (mail.size() == 5000) {
                    mongo.insert(mail, StoredMessage.class);
                    mail.clear();
                }
            }
        });
        Rollups rollups = app.getBean(Rollups.class);
        long read = rollups.rebuild(generated, store.users().all());
        if (!mail.isEmpty()) {
            mongo.insert(mail, StoredMessage.class);
        }
        long t3 = System.nanoTime();
        // Tracking: four in five quotations were instrumented, half of those opened by a person.
        List<io.genjin.tracking.message.TrackedMessage> tracked = new ArrayList<>();
        for (Object[] q : quotes) {
            if (random.nextInt(5) == 0) {
                continue;
            }
            long human = random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(3);
            tracked.add(new io.genjin.tracking.message.TrackedMessage(Ids.newId(), (String) q[1], (String) q[3], null,
                    (String) q[2], true, "Quotation", (Instant) q[4], List.of(), List.of(),
                    new io.genjin.tracking.message.Counters(human + random.nextInt(2), human, 0, 0, 0, null, null),
                    (Instant) q[4]));
            if (tracked.size() == 5000) {
                mongo.insert(tracked, io.genjin.tracking.message.TrackedMessage.class);
                tracked.clear();
            }
        }
        if (!tracked.isEmpty()) {
            mongo.insert(tracked, io.genjin.tracking.message.TrackedMessage.class);
        }
        for (Object[] q : quotes) {
            rollups.recordQuotes(List.of(new Rollups.Quote((String) q[0], (String) q[1], (String) q[2], (String) q[3],
                    (Instant) q[4])));
        }
        long t4 = System.nanoTime();
        // A big account: 5,000 mails in and out over the year with one customer, recorded one by one in
        // time order through the call the reports' listener makes for a round's stored mail (in process,
        // not the pipeline: a partial figure); the time each of the last 500 took. The anchor, in the same
        // run: 100 more of its mail dated before the last, as an old folder synced late brings them, each of
        // which has the customer's whole history read and walked again.
        Random account = new Random(11);
        User accountRep = users.get(0);
        Participant accountBuyer = new Participant("Buyer", "buyer@big-account.bench.example");
        Participant accountMe = new Participant(accountRep.name(), accountRep.primaryAddress());
        long[] lastMails = new long[500];
        int accountMails = 5000;
        for (int i = 0; i < accountMails; i++) {
            boolean inbound = account.nextInt(100) < 55;
            Instant at = start.plusSeconds(i * (365L * 86_400 / accountMails) + account.nextInt(3600));
            String mid = "big" + i + "@bench.example";
            StoredMessage m = new StoredMessage(Ids.newId(), mid, mid, null, List.of(), inbound ? Direction.INBOUND
                    : Direction.OUTBOUND, inbound ? accountBuyer : accountMe, List.of(inbound ? accountMe : accountBuyer),
                    List.of(), "Big account " + i, at, "…", List.of(new MailboxRef(accountRep.id(), inbound ? "INBOX" : "Sent",
                    (long) i)), "bench-big-account", List.of(), at, List.of("bench-big-account"), List.of(), null, null);
            long s0 = System.nanoTime();
            rollups.record(List.of(m), store.users().all());
            if (i >= accountMails - lastMails.length) {
                lastMails[i - (accountMails - lastMails.length)] = System.nanoTime() - s0;
            }
        }
        java.util.Arrays.sort(lastMails);
        long[] earlierMails = new long[100];
        for (int i = 0; i < earlierMails.length; i++) {
            Instant at = start.plusSeconds(i * (300L * 86_400 / earlierMails.length) + 1800);
            String mid = "big-earlier" + i + "@bench.example";
            StoredMessage m = new StoredMessage(Ids.newId(), mid, mid, null, List.of(), Direction.INBOUND, accountBuyer,
                    List.of(accountMe), List.of(), "Big account, an old folder " + i, at, "…", List.of(new MailboxRef(
                    accountRep.id(), "Archive", (long) i)), "bench-big-account", List.of(), at, List.of("bench-big-account"),
                    List.of(), null, null);
            long s0 = System.nanoTime();
            rollups.record(List.of(m), store.users().all());
            earlierMails[i] = System.nanoTime() - s0;
        }
        java.util.Arrays.sort(earlierMails);
        long t5 = System.nanoTime();
        System.out.printf("size: %d reps, %,d customers, %,d messages over the last year%n", reps, customers, messages);
        System.out.printf("seed (bulk inserts): customers %.1f s%n", (t1 - t0) / 1e9);
        System.out.printf("seed (bulk inserts): %,d stage changes, %,d tasks, %,d orders: %.1f s%n",
                mongo.count(new org.springframework.data.mongodb.core.query.Query(), io.genjin.store.timeline.Activity.class),
                mongo.count(new org.springframework.data.mongodb.core.query.Query(), io.genjin.store.task.Task.class),
                mongo.count(new org.springframework.data.mongodb.core.query.Query(), io.genjin.store.order.Order.class),
                (t2 - t1) / 1e9);
        System.out.printf("rollups built by the product's rebuild from %,d generated messages (%s): %.1f s (%.0f msg/s)%n", read,
                storeMessages ? "also stored" : "not stored", (t3 - t2) / 1e9, read / ((t3 - t2) / 1e9));
        System.out.printf("%,d quotations (%,d tracked) recorded one by one as their QuoteSent events record them: %.1f s%n",
                quotes.size(), mongo.count(new org.springframework.data.mongodb.core.query.Query(),
                        io.genjin.tracking.message.TrackedMessage.class), (t4 - t3) / 1e9);
        return String.format("partial (the rollups' call in process, not the pipeline): a big account's %,d mails recorded one "
                + "by one in time order: each of the last 500 (a history of 4,500 before it) p50 %.2f ms, p95 %.2f ms; "
                + "anchor, same run: 100 of its mails dated before them (the history read and walked again) p50 %.2f ms, "
                + "p95 %.2f ms; %.1f s in all%n", accountMails, lastMails[250] / 1e6, lastMails[475] / 1e6,
                earlierMails[50] / 1e6, earlierMails[95] / 1e6, (t5 - t4) / 1e9);
    }
}
