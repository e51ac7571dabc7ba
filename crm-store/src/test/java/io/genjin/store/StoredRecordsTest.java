package io.genjin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Stage;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailReading;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.MessageLink;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredAttachment;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * {@link StoredRecords} against Spring Data's mapping, on each record it is used for: the same
 * document written (fields, order, values and their BSON types), the same record read back from what
 * either wrote, from documents missing fields, and from documents an older version wrote.
 */
class StoredRecordsTest {
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.891234567Z");
    private final EmbeddedMongo embedded = new EmbeddedMongo();
    private final MongoTemplate mongo = embedded.template();
    private final MongoConverter mapping = mongo.getConverter();

    @AfterEach
    void stop() {
        embedded.close();
    }

    private static String oid() {
        return new ObjectId().toHexString();
    }

    private List<Record> samples() {
        List<Record> all = new ArrayList<>();
        all.add(new Contact(oid(), "Li Wei", List.of(" Li.Wei@Acme.CN ", "lw@acme.cn"), List.of("+86 21 5555"), "Buyer",
                oid(), oid(), true, null, AT, "+8613800000000", "liwei_wx"));
        all.add(new Contact("contact-1", null, null, null, null, null, null, false, "merged-into", null));
        all.add(new StoredMessage(oid(), "m1@acme.cn", "root@acme.cn", "p@acme.cn", List.of("root@acme.cn", "p@acme.cn"),
                Direction.INBOUND, new Participant("Li Wei", "Li.Wei@acme.cn"),
                List.of(new Participant(null, "rep@genjin.test"), new Participant("Anna", "anna@genjin.test")),
                List.of(Participant.of("cc@acme.cn")), "RE: 报价 PI-2024-17", AT, "Please confirm the lead time",
                List.of(new MailboxRef("u1", "INBOX", 42L), new MailboxRef("u2", "Sent", null)), "c1", List.of("k1", "k2"),
                AT.plusSeconds(5), List.of("c1", "c2"),
                List.of(MessageLink.automatic("c1", "SENDER_CONTACT", "li.wei@acme.cn"),
                        new MessageLink("c2", "PERSON", null, "u9", "moved", AT)),
                null, null, "sha256-abc",
                List.of(new StoredAttachment(2, "PI.pdf", "application/pdf", 12_345L, null, false, "m1/2"),
                        new StoredAttachment(3, "logo.png", "image/png", 99L, "logo@x", true, null)),
                new MailReading("order", "positive", true, List.of("lead-time", "sample"))));
        all.add(new StoredMessage(null, "m2@acme.cn", "m2@acme.cn", null, null, Direction.OUTBOUND,
                Participant.of("rep@genjin.test"), null, null, null, null, null, null, null, null, AT, null, null,
                "NONE_AUTOMATED", "list-unsubscribe", null, null, null));
        all.add(new Activity(oid(), "c1", ActivityType.EMAIL, AT, null, List.of("k1"), "RE: 报价", "body",
                "email:m1@acme.cn", Map.of("linkStep", "SENDER_CONTACT", "messageId", "m1@acme.cn"), AT.plusMillis(3)));
        all.add(new Activity(null, "c1", ActivityType.NOTE, AT, "u1", null, "note", null, null, null, null));
        all.add(new io.genjin.store.user.User(oid(), "Anna 安娜", List.of(" Anna@Genjin.Test ", "anna.w@genjin.test"),
                io.genjin.store.user.Role.MANAGER, "team-1", oid(), "zh-CN", AT, AT.plusSeconds(60)));
        all.add(new io.genjin.store.user.User(oid(), "Rep", null, io.genjin.store.user.Role.REP, null, null, null, AT));
        return all;
    }

    @Test
    void anUpsertByIdInsertsOrChangesTheRecordAndCanReadBackWhatItLeft() {
        String id = oid();
        StoredRecords.upsert(mongo, Contact.class, id, new Document("$set", new Document("name", "Li Wei")));
        Contact after = StoredRecords.upsertAndRead(mongo, Contact.class, id,
                new Document("$addToSet", new Document("addresses", "li.wei@acme.cn")));
        assertThat(after).isEqualTo(StoredRecords.findById(mongo, Contact.class, id));
        assertThat(after.name()).isEqualTo("Li Wei");
        assertThat(after.addresses()).containsExactly("li.wei@acme.cn");
        assertThat(StoredRecords.upsertAndRead(mongo, Contact.class, "contact-2", new Document("$max",
                new Document("createdAt", java.util.Date.from(AT))))).as("inserted when there was none")
                .isEqualTo(StoredRecords.findById(mongo, Contact.class, "contact-2"));
        assertThat(mongo.getCollection(mongo.getCollectionName(Contact.class)).countDocuments()).isEqualTo(2);
    }

    @Test
    void writesEachRecordAsTheMappingDoesFieldForField() {
        for (Record sample : samples()) {
            Document byMapping = new Document();
            mapping.write(sample, byMapping);
            Document byCodec = StoredRecords.write(sample);
            if (!byMapping.containsKey("_id")) {
                assertThat(byCodec.get("_id")).as("a new id is minted").isInstanceOf(ObjectId.class);
                byCodec.remove("_id");
            }
            assertThat(new ArrayList<>(byCodec.keySet())).as("%s fields in order", sample)
                    .isEqualTo(new ArrayList<>(byMapping.keySet()));
            assertThat(byCodec.toJson()).as("%s", sample.getClass().getSimpleName()).isEqualTo(byMapping.toJson());
            assertThat(byCodec).isEqualTo(byMapping);
        }
    }

    @Test
    void readsWhatEitherWroteAsTheMappingReadsIt() {
        for (Record sample : samples()) {
            Document stored = StoredRecords.write(sample);
            Record byMapping = mapping.read(sample.getClass(), stored);
            assertThat(StoredRecords.read(sample.getClass(), stored)).isEqualTo(byMapping);
            Document written = new Document();
            mapping.write(sample, written);
            written.putIfAbsent("_id", new ObjectId());
            assertThat(StoredRecords.read(sample.getClass(), written)).isEqualTo(mapping.read(sample.getClass(), written));
        }
    }

    @Test
    void readsPartialAndOlderDocumentsAsTheMappingDoes() {
        List<Document> contacts = List.of(
                new Document("_id", new ObjectId()).append("left", false),
                new Document("_id", "text-id").append("addresses", List.of("A@B.C")).append("left", true).append("phones", null),
                new Document("_id", new ObjectId()).append("createdAt", java.util.Date.from(AT)).append("companyId", new ObjectId())
                        .append("left", false).append("_class", "io.genjin.store.customer.Contact"));
        for (Document d : contacts) {
            assertThat(StoredRecords.read(Contact.class, d)).isEqualTo(mapping.read(Contact.class, d));
        }
        Document noFlag = new Document("_id", new ObjectId());
        assertThatThrownBy(() -> mapping.read(Contact.class, noFlag)).as("the mapping cannot read a missing primitive")
                .hasMessageContaining("instantiate");
        assertThat(StoredRecords.read(Contact.class, noFlag).left()).as("read as its zero").isFalse();
        Document company = new Document("_id", new ObjectId()).append("name", "ACME Co., Ltd.").append("domains", List.of("Acme.CN"))
                .append("grade", "A").append("stage", "NEGOTIATION").append("tags", List.of("vip", "fair-2025", "vip"))
                .append("dormant", true).append("lastInboundAt", java.util.Date.from(AT)).append("version", 3)
                .append("createdAt", java.util.Date.from(AT));
        for (Document d : List.of(company, new Document("_id", "c-text").append("dormant", false),
                new Document("_id", new ObjectId()).append("version", 7L).append("dormant", false))) {
            Company byCodec = StoredRecords.read(Company.class, d);
            assertThat(byCodec).isEqualTo(mapping.read(Company.class, d));
        }
        Document message = new Document("_id", new ObjectId()).append("messageId", "old@x").append("companyId", "c1")
                .append("to", List.of(new Document("address", "A@X.COM"))).append("mailboxes", List.of(new Document("userId", "u")
                        .append("folder", "INBOX").append("uid", 7)));
        assertThat(StoredRecords.read(StoredMessage.class, message)).isEqualTo(mapping.read(StoredMessage.class, message));
        Document activity = new Document("_id", new ObjectId()).append("companyId", "c1").append("type", "EMAIL")
                .append("attributes", new Document("k", "v")).append("occurredAt", java.util.Date.from(AT));
        assertThat(StoredRecords.read(Activity.class, activity)).isEqualTo(mapping.read(Activity.class, activity));
    }

    @Test
    void insertsAsTheMappingDoesMintingTheIdAndRefusingADuplicateAsTheMappingDoes() {
        Activity noId = new Activity(null, "c1", ActivityType.NOTE, AT, "u1", null, "note", null, "note:1", null, AT);
        Activity stored = StoredRecords.insert(mongo, noId);
        assertThat(stored.id()).matches("[0-9a-f]{24}");
        assertThat(mongo.findById(stored.id(), Activity.class)).isEqualTo(mongo.getConverter().read(Activity.class,
                StoredRecords.write(stored)));
        Activity byMapping = mongo.insert(new Activity(null, "c1", ActivityType.NOTE, AT, "u1", null, "note", null, "note:2",
                null, AT));
        Document a = mongo.getCollection("activities").find(new Document("_id", new ObjectId(stored.id()))).first();
        Document b = mongo.getCollection("activities").find(new Document("_id", new ObjectId(byMapping.id()))).first();
        a.remove("_id");
        b.remove("_id");
        b.put("sourceKey", "note:1");
        assertThat(a).isEqualTo(b);

        mongo.indexOps(Activity.class).ensureIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("sourceKey", org.springframework.data.domain.Sort.Direction.ASC).unique());
        assertThatThrownBy(() -> StoredRecords.insert(mongo, new Activity(null, "c1", ActivityType.NOTE, AT, "u1", null, "n",
                null, "note:1", null, AT))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void savesAVersionedRecordAsTheMappingsSaveDoes() {
        Company ours = Company.create(oid(), "ACME Co., Ltd.", List.of("acme.cn"), "u1", AT);
        Company theirs = Company.create(oid(), "ACME Co., Ltd.", List.of("acme.cn"), "u1", AT);
        Company ours0 = StoredRecords.save(mongo, ours);
        Company theirs0 = mongo.save(theirs);
        assertThat(ours0.version()).isZero();
        assertThat(stored(ours0.id())).isEqualTo(stored(theirs0.id()));

        Company ours1 = StoredRecords.save(mongo, ours0.withStage(Stage.QUOTED));
        Company theirs1 = mongo.save(theirs0.withStage(Stage.QUOTED));
        assertThat(ours1.version()).isEqualTo(theirs1.version()).isEqualTo(1L);
        assertThat(stored(ours1.id())).isEqualTo(stored(theirs1.id()));
        assertThat(StoredRecords.findById(mongo, Company.class, ours1.id())).isEqualTo(mongo.findById(ours1.id(), Company.class))
                .extracting(Company::version, Company::stage).containsExactly(1L, Stage.QUOTED);

        assertThatThrownBy(() -> mongo.save(theirs0.withStage(Stage.WON))).as("the mapping, on a stale version")
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThatThrownBy(() -> StoredRecords.save(mongo, ours0.withStage(Stage.WON))).as("the same, without it")
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(stored(ours1.id())).as("unchanged").isEqualTo(stored(theirs1.id()));
    }

    /** A stored document without its id, to compare two records' documents. */
    private Document stored(String id) {
        Document d = mongo.getCollection("companies").find(new Document("_id", new ObjectId(id))).first();
        d.remove("_id");
        return d;
    }

    @Test
    void refusesWhatItCannotWriteAsTheMappingWould() {
        Company company = Company.create(oid(), "ACME", List.of("acme.cn"), "u1", AT);
        assertThatThrownBy(() -> StoredRecords.write(company)).hasMessageContaining("versioned");
        assertThatThrownBy(() -> StoredRecords.insert(mongo, company)).hasMessageContaining("versioned");
        assertThatThrownBy(() -> StoredRecords.save(mongo, new Activity(null, "c1", ActivityType.NOTE, AT, "u1", null, "n",
                null, null, null, AT))).hasMessageContaining("no version");
        record Dated(String id, java.time.LocalDate day) {
        }
        assertThatThrownBy(() -> StoredRecords.write(new Dated("x", java.time.LocalDate.EPOCH)))
                .hasMessageContaining("left to the mapping");
        record ById(ObjectId id, String name) {
        }
        assertThatThrownBy(() -> StoredRecords.write(new ById(new ObjectId(), "x"))).hasMessageContaining("left to the mapping");
        record Tagged(String id, Map<String, String> attributes) {
        }
        Tagged dotted = new Tagged("x", Map.of("a.b", "v"));
        assertThatThrownBy(() -> mapping.write(dotted, new Document())).as("the mapping refuses it too").isNotNull();
        assertThatThrownBy(() -> StoredRecords.write(dotted)).hasMessageContaining("dot");
    }
}
