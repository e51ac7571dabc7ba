package io.genjin.app.scenario;

import io.genjin.app.GenjinApplication;
import io.genjin.gateway.mbox.MailImport;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Runs a scenario the way a team meets the product: a fresh data directory, the team and its
 * customers entered as the REST API enters them, the rep's mailbox imported as an mbox through the
 * ingestion pipeline, then the timelines read back and scored.
 */
public final class LinkingAccuracy {
    private LinkingAccuracy() {
    }

    /** On a temporary data directory, removed afterwards. */
    public static LinkingScore measure(Scenario scenario) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("genjin-linking");
            return measure(scenario, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    public static LinkingScore measure(Scenario scenario, Path dataDir) throws IOException {
        String[] args = {"--genjin.store.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                // No internal domains are configured: the team's domain must be known from its users' addresses.
                // The mailbox is read from a file: no SMTP listener is needed, and none may clash with a running server.
                "--genjin.dropbox.enabled=false", "--genjin.relay.enabled=false",
                // A throwaway store: its admin token is never used, so none is generated and printed.
                "--genjin.admin-token=" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID(),
                "--logging.threshold.console=ERROR", "--logging.file.name=" + dataDir.resolve("linking.log"),
                "--logging.level.org.springframework=WARN", "--logging.level.de.bwaldvogel.mongo.backend=ERROR"};
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GenjinApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(args)) {
            CrmStore store = context.getBean(CrmStore.class);
            Map<String, String> customerKeys = enter(scenario, store);
            String owner = store.users().byAddress(scenario.owner()).orElseThrow().id();
            Path mbox = dataDir.resolve("scenario.mbox");
            ScenarioFiles.writeMbox(scenario, mbox);
            MailImport.Summary summary = new MailImport(context.getBean(IngestionPipeline.class), silent()).mbox(mbox, owner);
            return score(scenario, context.getBean(MongoOperations.class), customerKeys, summary.toString());
        }
    }

    /** Enters the team and the customers; returns customer key by company id. */
    static Map<String, String> enter(Scenario scenario, CrmStore store) {
        Scenario.Person manager = scenario.team().stream().filter(p -> p.role().equals("MANAGER")).findFirst().orElseThrow();
        User boss = store.users().create(manager.name(), manager.addresses(), Role.MANAGER, null, null, "zh_CN");
        Team team = store.users().createTeam("Export sales", boss.id());
        store.users().save(new User(boss.id(), boss.name(), boss.addresses(), boss.role(), team.id(), null, boss.locale(), boss.createdAt()));
        String ownerId = null;
        for (Scenario.Person p : scenario.team()) {
            if (p != manager) {
                User u = store.users().create(p.name(), p.addresses(), Role.valueOf(p.role()), team.id(), boss.id(), "zh_CN");
                ownerId = p.addresses().contains(scenario.owner()) ? u.id() : ownerId;
            }
        }
        Map<String, String> keys = new HashMap<>();
        Instant now = store.clock().instant();
        for (Scenario.Customer c : scenario.customers()) {
            Company company = store.companies().insert(new Company(Ids.newId(), c.name(), null, c.domains(), c.country(), "Lighting",
                    Grade.valueOf(c.grade()), c.grade().equals("C") ? Stage.QUOTED : Stage.WON, ownerId, Set.of(), false, null, null,
                    null, now, null));
            keys.put(company.id(), c.key());
            for (Scenario.ContactPerson p : c.contacts()) {
                store.contacts().insert(new Contact(Ids.newId(), p.name(), p.addresses(), List.of(), p.title(), company.id(),
                        company.ownerId(), false, null, now));
            }
        }
        return keys;
    }

    private static LinkingScore score(Scenario scenario, MongoOperations mongo, Map<String, String> customerKeys, String summary) {
        Map<String, String> keyOfCompany = new HashMap<>(customerKeys);
        Map<String, String> mergedInto = new HashMap<>();
        List<String> unexpected = new ArrayList<>();
        Set<String> expectedLeads = scenario.expectedLeads();
        for (Company c : mongo.findAll(Company.class)) {
            if (c.mergedInto() != null) {
                mergedInto.put(c.id(), c.mergedInto());
            }
            if (!customerKeys.containsKey(c.id())) {
                String key = c.domains().isEmpty() ? "company:" + c.name() : Scenario.Keys.lead(c.domains().get(0));
                keyOfCompany.put(c.id(), key);
                if (!expectedLeads.contains(key)) {
                    unexpected.add(key);
                }
            }
        }
        Map<String, Set<String>> got = new HashMap<>();
        Query emails = Query.query(Criteria.where("type").is(ActivityType.EMAIL.name()));
        for (Activity a : mongo.find(emails, Activity.class)) {
            if (a.sourceKey().startsWith("email:")) {
                String company = mergedInto.getOrDefault(a.companyId(), a.companyId());
                got.computeIfAbsent(a.sourceKey().substring("email:".length()), k -> new HashSet<>())
                        .add(keyOfCompany.getOrDefault(company, "company-id:" + company));
            }
        }
        return LinkingScore.of(scenario, got, new ArrayList<>(new TreeSet<>(unexpected)), summary);
    }

    private static PrintStream silent() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the score is what matters.
        }
    }
}
