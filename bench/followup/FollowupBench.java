import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.genjin.store.embedded.EmbeddedBackend;
import io.genjin.followup.FollowupScan;
import io.genjin.followup.FollowupSettings;
import io.genjin.followup.ScanReport;
import io.genjin.followup.escalation.EscalateOverdueTask;
import io.genjin.followup.facts.CustomerFacts;
import io.genjin.followup.facts.Facts;
import io.genjin.followup.notify.Notifier;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.followup.rules.Rules;
import io.genjin.followup.rules.TaskActions;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.contract.Contract;
import io.genjin.store.contract.Contracts;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.mailbox.SecretCipher;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.order.Order;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.h2.mvstore.MVStore;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * bench/followup: seeds a book of customers on the embedded store (H2 file backend) with a spread
 * of last contact, grades, quotes, inquiries, orders, negotiations, contracts and open tasks, then
 * times the follow-up scan twice: the first raises what is due, the second must create nothing.
 */
public class FollowupBench {
    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final int BATCH = 5_000;

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("genjin-bench-followup");
        Path file = dir.resolve("genjin.mv");
        // Opened as the app opens its data file; -Dbench.mvCacheMb / -Dbench.mvCommitKb to experiment.
        MVStore.Builder builder = EmbeddedBackend.storeAt(file);
        if (Integer.getInteger("bench.mvCacheMb") != null) {
            builder.cacheSize(Integer.getInteger("bench.mvCacheMb"));
        }
        mvStore = builder.open();
        // -Dbench.stockBackend=true measures mongo-java-server's own H2 backend, for comparison.
        H2Backend backend = Boolean.getBoolean("bench.stockBackend") ? new H2Backend(mvStore)
                : new EmbeddedBackend(mvStore, Integer.getInteger("bench.mvCommitKb", EmbeddedBackend.COMMIT_BUFFER_KB));
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            // The JIT compiles the scan's paths while they first run; a product's scan runs in a JVM that has
            // been up for a while. A full rehearsal on a small book in another database warms it first
            // (-Dbench.warmup=0 measures a cold JVM instead).
            int warmup = Integer.getInteger("bench.warmup", 20_000);
            if (warmup > 0) {
                long start = System.nanoTime();
                run(client, "warmup", warmup, false);
                System.out.printf("warm-up:             the same seed and scans over %,d customers in another database, %.1f s%n",
                        warmup, (System.nanoTime() - start) / 1e9);
            }
            run(client, "genjin", customers, true);
            backend.close();
            System.out.printf("data file:           %d MB%n", Files.size(file) / (1024 * 1024));
        } finally {
            server.shutdownNow();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Seeds {@code customers} into {@code database} and runs the three scans; prints only when asked. */
    static void run(MongoClient client, String database, int customers, boolean printing) throws Exception {
        java.io.PrintStream out = printing ? System.out : new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        MongoTemplate mongo = new MongoTemplate(client, database);
        java.util.concurrent.atomic.AtomicReference<Instant> time = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return time.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        CrmStore store = CrmStore.over(mongo, clock, CrmStore.Backend.EMBEDDED);
        long seedStart = System.nanoTime();
        Seeded seeded = seed(store, mongo, customers, new Random(42));
        out.printf("java:                %s%n", System.getProperty("java.version"));
        out.printf("seeded:              %,d customers, %,d facts, %,d orders, %,d deals in negotiation, "
                + "%,d contracts, %,d open tasks, %d reps in %.1f s%n", customers, seeded.facts, seeded.orders,
                seeded.deals, seeded.contracts, seeded.tasks, seeded.reps, (System.nanoTime() - seedStart) / 1e9);

        FollowupSettings settings = new FollowupSettings(Duration.ZERO, ZoneOffset.UTC, null, null, null, null);
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        NotifyStore notifications = new NotifyStore(mongo, SecretCipher.withKey(key));
        Notifier notifier = new Notifier(notifications, (k, locale, a) -> k + List.of(a), settings.notifications(),
                clock, () -> { });
        Facts facts = new Facts(mongo);
        TaskActions actions = new TaskActions(store, facts, notifier, (k, locale, a) -> k + List.of(a),
                settings.taskDueIn(), settings.timeZone());
        FollowupScan scan = new FollowupScan(store, facts, new Contracts(mongo), Rules.of(settings.rules()), actions,
                new EscalateOverdueTask(store, notifier, (k, locale, a) -> k, settings.escalation(), settings.timeZone()),
                notifier, settings, clock);

        System.gc();
        ScanReport first = timed(scan);
        print(out, "first scan", first);
        ScanReport second = timed(scan);
        print(out, "second scan", second);
        out.printf("second scan created: %d tasks (%s)%n", second.tasksCreated(),
                second.tasksCreated() == 0 ? "as it must: one task per rule x customer x period" : "WRONG");
        time.set(NOW.plus(Duration.ofDays(1)));
        print(out, "next day's scan", timed(scan));
        System.gc();
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        out.printf("heap live:           %d MB after the scans (-Xmx1g)%n", heap);
        out.printf("load average:        %s (the machine is shared; figures move with it)%n",
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    static MVStore mvStore;
    static String storeWork = "";
    static long cpuMillis;
    static long scanThreadMillis;

    /** Runs the scan and notes the CPU it took (scan and embedded server share this JVM): on a shared machine wall time moves with the neighbours' load, CPU time much less. */
    static ScanReport timed(FollowupScan scan) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = os.getProcessCpuTime();
        long own = threads.getCurrentThreadCpuTime();
        long versions = mvStore.getCurrentVersion();
        long writes = mvStore.getFileStore().getWriteCount();
        long read = mvStore.getFileStore().getReadBytes();
        ScanReport report = scan.run();
        cpuMillis = (os.getProcessCpuTime() - cpu) / 1_000_000;
        storeWork = String.format("; store: %,d commits, %,d page writes, %,d MB read back", mvStore.getCurrentVersion() - versions,
                mvStore.getFileStore().getWriteCount() - writes, (mvStore.getFileStore().getReadBytes() - read) >> 20);
        scanThreadMillis = (threads.getCurrentThreadCpuTime() - own) / 1_000_000;
        return report;
    }

    static void print(java.io.PrintStream out, String what, ScanReport r) {
        out.printf("%-20s %,d ms wall, %,d ms CPU (scan + embedded server; %,d ms on the scan's thread) over %,d customers: %,d tasks created, "
                        + "%,d closed, %,d escalated, %,d to the dormant pool, %,d notifications%s%n", what + ":", r.millis(),
                cpuMillis, scanThreadMillis, r.customers(), r.tasksCreated(), r.tasksClosed(), r.escalated(), r.movedToDormantPool(),
                r.notifications(), storeWork);
    }

    record Seeded(long facts, long orders, long deals, long contracts, long tasks, int reps) {
    }

    /** Inserts in batches of 5,000 (one bulk insert each) rather than one round trip per document. */
    static Seeded seed(CrmStore store, MongoTemplate mongo, int n, Random random) {
        List<User> reps = io.genjin.followup.BenchBook.reps(store);
        List<Company> companies = new ArrayList<>();
        List<CustomerFacts> facts = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        List<Opportunity> deals = new ArrayList<>();
        List<Contract> contracts = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        long[] counts = new long[5];
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            String id = Ids.newId();
            User owner = reps.get(i % reps.size());
            Grade grade = switch (i % 10) {
                case 0 -> Grade.A;
                case 1, 2, 3 -> Grade.B;
                case 9 -> Grade.D;
                default -> Grade.C;
            };
            // Most of a book is in touch; a tail goes quiet: 70% within two weeks, then 10/8/5/7%.
            int r = random.nextInt(100);
            int silentDays = r < 70 ? random.nextInt(14) : r < 80 ? 14 + random.nextInt(16) : r < 88 ? 30 + random.nextInt(30)
                    : r < 93 ? 60 + random.nextInt(120) : 182 + random.nextInt(200);
            Instant inbound = NOW.minus(Duration.ofDays(silentDays)).minusSeconds(random.nextInt(86_400));
            Instant outbound = inbound.plusSeconds(random.nextInt(86_400));
            companies.add(io.genjin.followup.BenchBook.customer(id, i, reps, grade, inbound, outbound,
                    NOW.minus(Duration.ofDays(500))));
            Instant quote = null;
            Instant inquiry = null;
            if (random.nextInt(100) < 5) {
                quote = NOW.minus(Duration.ofHours(48 + random.nextInt(96)));
            }
            if (random.nextInt(100) < 2) {
                inquiry = NOW.minus(Duration.ofHours(12 + random.nextInt(48)));
            }
            facts.add(new CustomerFacts(id, quote, inbound.isBefore(NOW) ? inbound : null, inquiry,
                    inquiry == null ? outbound : inquiry.minusSeconds(3600), Map.of()));
            if (random.nextInt(100) < 30) {
                orders.add(new Order(Ids.newId(), id, "PO-" + i, new BigDecimal("10000"), "USD",
                        NOW.minus(Duration.ofDays(random.nextInt(200))), owner.id(), NOW));
            }
            if (random.nextInt(100) < 3) {
                Instant updated = NOW.minus(Duration.ofDays(random.nextInt(30)));
                deals.add(new Opportunity(Ids.newId(), id, "Deal " + i, Stage.NEGOTIATION, new BigDecimal("50000"), "USD", null,
                        owner.id(), List.of(), updated, updated, null));
            }
            if (random.nextInt(100) < 5) {
                contracts.add(new Contract(Ids.newId(), id, "Supply agreement", null, null,
                        today.plusDays(random.nextInt(200)), owner.id(), NOW));
            }
            if (random.nextInt(100) < 20) {
                boolean high = random.nextInt(10) == 0;
                tasks.add(new Task(Ids.newId(), id, "Call back", null, TaskType.CALL, high ? Priority.HIGH : Priority.NORMAL,
                        NOW.plus(Duration.ofHours(random.nextInt(240) - 120)), owner.id(), TaskStatus.OPEN, null, null, null,
                        null, null, owner.id(), NOW.minus(Duration.ofDays(10)), null));
            }
            if (companies.size() == BATCH) {
                flush(mongo, companies, facts, orders, deals, contracts, tasks, counts);
            }
        }
        flush(mongo, companies, facts, orders, deals, contracts, tasks, counts);
        return new Seeded(counts[0], counts[1], counts[2], counts[3], counts[4], reps.size());
    }

    static void flush(MongoTemplate mongo, List<Company> companies, List<CustomerFacts> facts, List<Order> orders,
            List<Opportunity> deals, List<Contract> contracts, List<Task> tasks, long[] counts) {
        mongo.insert(companies, Company.class);
        mongo.insert(facts, CustomerFacts.class);
        mongo.insert(orders, Order.class);
        mongo.insert(deals, Opportunity.class);
        mongo.insert(contracts, Contract.class);
        mongo.insert(tasks, Task.class);
        counts[0] += facts.size();
        counts[1] += orders.size();
        counts[2] += deals.size();
        counts[3] += contracts.size();
        counts[4] += tasks.size();
        companies.clear();
        facts.clear();
        orders.clear();
        deals.clear();
        contracts.clear();
        tasks.clear();
    }
}
