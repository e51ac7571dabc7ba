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
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;

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
        Path data = Files.createTempDirectory("genjin-reports-bench");
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
            Team team = store.users().createTeam("Bench team", null);
            User manager = store.users().create("Bench Manager", List.of("manager@bench-team.example"), Role.MANAGER,
                    team.id(), null, "en");
            List<User> users = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                users.add(store.users().create(String.format("Rep %02d", i), List.of("rep" + i + "@bench-team.example"),
                        Role.REP, team.id(), manager.id(), "en"));
            }
            String managerToken = store.apiTokens().issue(manager.id(), "bench").secret();
            String repToken = store.apiTokens().issue(users.get(0).id(), "bench").secret();

            Random random = new Random(42);
            Instant now = Instant.now();
            Instant start = now.minusSeconds(365L * 86_400);
            long t0 = System.nanoTime();
            Grade[] grades = Grade.values();
            Stage[] stages = {Stage.LEAD, Stage.INQUIRY, Stage.QUOTED, Stage.SAMPLE, Stage.NEGOTIATION, Stage.WON};
            String[] countries = {"DE", "US", "FR", "BR", "IN", "AE", "NG", "RU", "GB", "MX"};
            List<String> companyIds = new ArrayList<>();
            List<Company> batch = new ArrayList<>();
            for (int i = 0; i < customers; i++) {
                String id = Ids.newId();
                companyIds.add(id);
                Instant created = start.plusSeconds((long) (random.nextDouble() * 365 * 86_400));
                batch.add(new Company(id, "Customer " + i, null, List.of("c" + i + ".bench.example"), countries[i % countries.length],
                        null, grades[random.nextInt(grades.length)], stages[random.nextInt(stages.length)],
                        users.get(i % reps).id(), Set.of(), false, now.minusSeconds(random.nextInt(120) * 86_400L),
                        now.minusSeconds(random.nextInt(120) * 86_400L), null, created, null));
                if (batch.size() == 2000) {
                    mongo.insert(batch, Company.class);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                mongo.insert(batch, Company.class);
            }
            long t1 = System.nanoTime();
            List<StoredMessage> mail = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                int c = random.nextInt(customers);
                User rep = users.get(c % reps);
                boolean inbound = random.nextInt(100) < 55;
                Instant at = start.plusSeconds((long) (random.nextDouble() * 365 * 86_400));
                Participant buyer = new Participant("Buyer", "buyer@c" + c + ".bench.example");
                Participant me = new Participant(rep.name(), rep.primaryAddress());
                String mid = "m" + i + "@bench.example";
                mail.add(new StoredMessage(Ids.newId(), mid, mid, null, List.of(), inbound ? Direction.INBOUND : Direction.OUTBOUND,
                        inbound ? buyer : me, List.of(inbound ? me : buyer), List.of(), "Message " + i, at, "…",
                        List.of(new MailboxRef(rep.id(), inbound ? "INBOX" : "Sent", (long) i)), companyIds.get(c), List.of(), at,
                        List.of(companyIds.get(c)), List.of(), null, null));
                if (mail.size() == 5000) {
                    mongo.insert(mail, StoredMessage.class);
                    mail.clear();
                }
            }
            if (!mail.isEmpty()) {
                mongo.insert(mail, StoredMessage.class);
            }
            long t2 = System.nanoTime();
            Rollups rollups = app.getBean(Rollups.class);
            long read;
            read = rollups.rebuildFromStore(store.messages(), store.users().all());
            long t3 = System.nanoTime();
            System.out.printf("size: %d reps, %,d customers, %,d messages over the last year%n", reps, customers, messages);
            System.out.printf("seed (bulk inserts): customers %.1f s, messages %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            System.out.printf("rollups rebuilt by the product's rebuild from %,d messages: %.1f s (%.0f msg/s)%n", read,
                    (t3 - t2) / 1e9, read / ((t3 - t2) / 1e9));

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
                    {"funnel, team, month", managerToken, "/api/reports/funnel?period=month&team=" + team.id()},
                    {"funnel, one rep, month", repToken, "/api/reports/funnel?period=month&rep=" + rep0},
                    {"coverage, team", managerToken, "/api/reports/coverage?team=" + team.id()},
                    {"coverage, one rep", repToken, "/api/reports/coverage"},
                    {"rfm, team, 365 days", managerToken, "/api/reports/rfm?team=" + team.id()},
            };
            System.out.printf("%-46s %8s %8s %8s%n", "endpoint (HTTP, " + rounds + " requests after 2 warm-up)", "p50 ms", "p95 ms", "bytes");
            for (String[] c : cases) {
                long[] times = new long[rounds];
                int bytes = 0;
                for (int i = -2; i < rounds; i++) {
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
                System.out.printf("%-46s %8.0f %8.0f %8d%n", c[0], times[rounds / 2] / 1e6,
                        times[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.95) - 1)] / 1e6, bytes);
            }
        } finally {
            app.close();
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
