import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.embedded.EmbeddedBackend;
import io.genjin.store.order.Order;
import io.genjin.store.order.OrderItem;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The seeding half of bench/export: writes N customers (a contact and an order each) of a 20-rep team
 * straight into an embedded data file, the way the app opens it, then closes it for the app to start
 * on. Names mix Chinese and Latin text; some hold commas, quotes and a leading "=" (what the CSV
 * writer must quote or neutralise); a tenth are in the public pool. Prints a token of rep 0.
 *   java ExportSeed.java <data dir> <customers>
 */
public class ExportSeed {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        EmbeddedBackend backend = new EmbeddedBackend(EmbeddedBackend.storeAt(dir.resolve("genjin.mv")).open());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        long start = System.nanoTime();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoTemplate mongo = new MongoTemplate(client, "genjin");
            CrmStore store = CrmStore.over(mongo, Clock.systemUTC(), CrmStore.Backend.EMBEDDED);
            User manager = store.users().create("销售经理", List.of("manager@bench-team.example"), Role.MANAGER, null, null, "zh-CN");
            Team team = store.users().createTeam("Export team", manager.id());
            List<User> reps = new ArrayList<>();
            for (int r = 0; r < 20; r++) {
                reps.add(store.users().create("Rep " + r + " 业务员", List.of("rep" + r + "@bench-team.example"), Role.REP,
                        team.id(), manager.id(), r % 2 == 0 ? "zh-CN" : "en"));
            }
            Random random = new Random(42);
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            List<Company> companies = new ArrayList<>();
            List<Contact> contacts = new ArrayList<>();
            List<Order> orders = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String owner = i % 10 == 9 ? null : reps.get(i % reps.size()).id();
                String name = switch (i % 4) {
                    case 0 -> "深圳市" + i + "号电子有限公司";
                    case 1 -> "Customer " + i + " Trading GmbH";
                    case 2 -> "Comma, \"Quoted\" " + i + " Ltd";
                    default -> "=Formula " + i;
                };
                Instant created = t0.plus(Duration.ofMinutes(random.nextInt(500_000)));
                Company c = new Company(Ids.newId(), name, null, List.of("customer-" + i + ".example"), "CN", "Electronics",
                        Grade.values()[i % 4], Stage.values()[i % 6], owner, Set.of("展会", "2025"), false,
                        created.plus(Duration.ofDays(3)), created.plus(Duration.ofDays(4)), null, created, 0L);
                companies.add(c);
                contacts.add(new Contact(Ids.newId(), "王经理 " + i, List.of("buyer@customer-" + i + ".example"),
                        List.of("+86 755 " + (10_000_000 + i)), "Purchasing, \"senior\"", c.id(), owner, false, null, created,
                        null, "wx_" + i));
                orders.add(new Order(Ids.newId(), c.id(), "PO-" + i, BigDecimal.valueOf(random.nextInt(1_000_000), 2), "USD",
                        created.plus(Duration.ofDays(10)), owner, created.plus(Duration.ofDays(10)), OrderStatus.SHIPPED,
                        List.of(new OrderItem("LED panel 60x60", BigDecimal.valueOf(500), new BigDecimal("12.50")))));
                if (companies.size() == 5_000 || i == n - 1) {
                    mongo.insert(companies, Company.class);
                    mongo.insert(contacts, Contact.class);
                    mongo.insert(orders, Order.class);
                    companies.clear();
                    contacts.clear();
                    orders.clear();
                }
            }
            System.out.printf("seeded:        %,d customers, %,d contacts, %,d orders, 20 reps in %.1f s%n", n, n, n,
                    (System.nanoTime() - start) / 1e9);
            System.out.println("REP_TOKEN=" + store.apiTokens().issue(reps.get(0).id(), "bench").secret());
        } finally {
            backend.close();
            server.shutdownNow();
        }
    }
}
