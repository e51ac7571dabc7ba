package io.genjin.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.embedded.EmbeddedBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The store contract on the product's own embedded backend, which tells every write, so contacts and
 * companies are kept between reads ({@link RecordCache}); and what keeping them must never change: a
 * record written by anyone, through the store's classes or straight into the collection from another
 * client, reads back as written.
 */
class KeptRecordsContractTest implements StoreContract {
    @TempDir
    Path dir;
    private EmbeddedBackend backend;
    private MongoServer server;
    private MongoClient client;
    private MongoClient other;
    private final AtomicInteger finds = new AtomicInteger();
    private final AtomicInteger updates = new AtomicInteger();
    private CrmStore store;

    @BeforeEach
    void start() {
        backend = new EmbeddedBackend(EmbeddedBackend.storeAt(dir.resolve("genjin.mv")).open());
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    finds.incrementAndGet();
                } else if (event.getCommandName().equals("update")) {
                    updates.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(uri)).addCommandListener(counting).build());
        other = MongoClients.create(uri);
        store = CrmStore.over(new MongoTemplate(client, "genjin"), Clock.fixed(T0, ZoneOffset.UTC), CrmStore.Backend.EMBEDDED,
                backend);
    }

    @AfterEach
    void stop() {
        client.close();
        other.close();
        server.shutdownNow();
    }

    @Override
    public CrmStore store() {
        return store;
    }

    @Test
    void aContactAndItsCompanyReadAgainCostNoStoreRead() {
        Company acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), "u1", T0));
        Contact ann = store.contacts().insert(new Contact(Ids.newId(), "Ann", List.of("ann@acme.example"), List.of(), null,
                acme.id(), "u1", false, null, T0));
        assertThat(store.contacts().byAddress("Ann@Acme.example")).contains(ann);
        assertThat(store.companies().findLive(acme.id())).isPresent();
        int before = finds.get();
        for (int i = 0; i < 5; i++) {
            assertThat(store.contacts().byAddress("ann@acme.example")).contains(ann);
            assertThat(store.contacts().find(ann.id())).contains(ann);
            assertThat(store.companies().findLive(acme.id()).map(Company::name)).contains("Acme");
            assertThat(store.companies().byDomain("Acme.example")).contains(acme);
            assertThat(store.companies().allByDomain("acme.example")).containsExactly(acme);
        }
        assertThat(finds.get() - before).isZero();
    }

    /**
     * Older mail (a first sync reads newest first) leaves a kept company's contact time alone without an
     * update; newer mail moves it, and so does a company no longer kept or changed by someone else.
     */
    @Test
    void aContactTimeAlreadyAsLateOnAKeptCompanyIsNotSentAsAnUpdate() {
        Company acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), "u1", T0));
        store.companies().touchContact(acme.id(), true, T0.plusSeconds(600));
        assertThat(store.companies().find(acme.id()).map(Company::lastInboundAt)).contains(T0.plusSeconds(600));
        int before = updates.get();
        store.companies().touchContact(acme.id(), true, T0.plusSeconds(60));
        store.companies().touchContact(acme.id(), true, T0.plusSeconds(600));
        assertThat(updates.get() - before).as("older and equal times on a kept company").isZero();
        assertThat(store.companies().find(acme.id()).map(Company::lastInboundAt)).contains(T0.plusSeconds(600));

        store.companies().touchContact(acme.id(), false, T0.plusSeconds(60));
        store.companies().touchContact(acme.id(), true, T0.plusSeconds(900));
        assertThat(updates.get() - before).as("the other direction's first time, and a later one").isEqualTo(2);
        Company read = store.companies().find(acme.id()).orElseThrow();
        assertThat(read.lastInboundAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(read.lastOutboundAt()).isEqualTo(T0.plusSeconds(60));

        // Set back behind the store's back: no longer kept, so the older time is sent and lands.
        other.getDatabase("genjin").getCollection("companies").updateOne(Filters.eq("_id", new ObjectId(acme.id())),
                Updates.set("lastInboundAt", java.util.Date.from(T0)));
        store.companies().touchContact(acme.id(), true, T0.plusSeconds(60));
        assertThat(store.companies().find(acme.id()).map(Company::lastInboundAt)).contains(T0.plusSeconds(60));
    }

    @Test
    void aRecordWrittenStraightIntoTheCollectionByAnotherClientReadsBackAsWritten() {
        Company acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), "u1", T0));
        Company globex = store.companies().insert(Company.create(Ids.newId(), "Globex", List.of("globex.example"), "u1", T0));
        Contact ann = store.contacts().insert(new Contact(Ids.newId(), "Ann", List.of("ann@acme.example"), List.of(), null,
                acme.id(), "u1", false, null, T0));
        assertThat(store.contacts().byAddress("ann@acme.example").map(Contact::companyId)).contains(acme.id());
        assertThat(store.companies().find(acme.id()).map(Company::name)).contains("Acme");

        var contacts = other.getDatabase("genjin").getCollection("contacts");
        var companies = other.getDatabase("genjin").getCollection("companies");
        contacts.updateOne(Filters.eq("_id", new ObjectId(ann.id())), Updates.set("companyId", globex.id()));
        companies.updateOne(Filters.eq("_id", new ObjectId(acme.id())), Updates.set("name", "Acme Trading"));
        assertThat(store.contacts().byAddress("ann@acme.example").map(Contact::companyId)).contains(globex.id());
        assertThat(store.contacts().find(ann.id()).map(Contact::companyId)).contains(globex.id());
        assertThat(store.companies().find(acme.id()).map(Company::name)).contains("Acme Trading");

        // Merged away, then gone: a contact no longer live is not found by its address.
        store.contacts().markMerged(ann.id(), Ids.newId());
        assertThat(store.contacts().byAddress("ann@acme.example")).isEmpty();
        companies.deleteOne(Filters.eq("_id", new ObjectId(acme.id())));
        assertThat(store.companies().find(acme.id())).isEmpty();

        // Dropped: nothing kept survives it.
        assertThat(store.companies().find(globex.id())).isPresent();
        other.getDatabase("genjin").getCollection("companies").drop();
        assertThat(store.companies().find(globex.id())).isEmpty();
    }

    @Test
    void ofSeveralContactsWithAnAddressTheOldestLiveOneIsFound() {
        Company acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), "u1", T0));
        Contact newer = store.contacts().insert(new Contact(Ids.newId(), "Newer", List.of("desk@acme.example"), List.of(),
                null, acme.id(), "u1", false, null, T0.plusSeconds(60)));
        Contact older = store.contacts().insert(new Contact(Ids.newId(), "Older", List.of("desk@acme.example"), List.of(),
                null, acme.id(), "u1", false, null, T0));
        assertThat(store.contacts().byAddress("desk@acme.example")).contains(older);
        assertThat(store.contacts().allByAddress("desk@acme.example")).containsExactly(older, newer);
        other.getDatabase("genjin").getCollection("contacts").updateOne(Filters.eq("_id", new ObjectId(older.id())),
                new Document("$set", new Document("mergedInto", newer.id())));
        assertThat(store.contacts().byAddress("desk@acme.example")).contains(newer);
    }

    @Test
    void ofSeveralCompaniesWithADomainTheOldestLiveOneIsFoundAsWrittenByAnyone() {
        Company newer = store.companies().insert(Company.create(Ids.newId(), "Acme Trading", List.of("acme.example"), "u1",
                T0.plusSeconds(60)));
        Company older = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example", "acme.test"),
                "u1", T0));
        Company sameTime = store.companies().insert(Company.create(Ids.newId(), "Acme Again", List.of("acme.example"), "u1",
                T0.plusSeconds(60)));
        assertThat(store.companies().byDomain("acme.example")).contains(older);
        assertThat(store.companies().allByDomain("ACME.example")).containsExactly(older,
                newer.id().compareTo(sameTime.id()) < 0 ? newer : sameTime, newer.id().compareTo(sameTime.id()) < 0 ? sameTime : newer);
        var companies = other.getDatabase("genjin").getCollection("companies");
        companies.updateOne(Filters.eq("_id", new ObjectId(older.id())), Updates.set("domains", List.of("acme.test")));
        assertThat(store.companies().allByDomain("acme.example")).extracting(Company::id)
                .containsExactlyInAnyOrder(newer.id(), sameTime.id());
        assertThat(store.companies().byDomain("acme.test").map(Company::name)).contains("Acme");
        companies.updateOne(Filters.eq("_id", new ObjectId(newer.id())), Updates.set("mergedInto", sameTime.id()));
        assertThat(store.companies().allByDomain("acme.example")).extracting(Company::id).containsExactly(sameTime.id());
    }
}
