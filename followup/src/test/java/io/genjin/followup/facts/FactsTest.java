package io.genjin.followup.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.followup.EmbeddedMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The facts' dates are written as documents exactly as the mapping's {@code $max} upsert wrote them. */
class FactsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");
    private static final List<String> FIELDS = List.of("lastQuoteAt", "lastReplyAt", "lastInquiryAt", "lastAnswerAt");
    private final EmbeddedMongo store = EmbeddedMongo.productStore();
    private final EmbeddedMongo reference = EmbeddedMongo.productStore();
    private final Facts facts = new Facts(store.template());

    @AfterEach
    void stop() {
        store.close();
        reference.close();
    }

    @Test
    void theDatesAreStoredAsTheMappingsUpsertStoredThemAndTheFactsAfterAMoveAreRead() {
        Random random = new Random(17);
        List<String> companies = List.of(new ObjectId().toHexString(), new ObjectId().toHexString(), "company-by-name");
        for (int i = 0; i < 400; i++) {
            String company = companies.get(random.nextInt(companies.size()));
            int field = random.nextInt(FIELDS.size());
            // Earlier, equal and later times, sub-millisecond parts included (the store keeps milliseconds).
            Instant at = T0.plusMillis(random.nextInt(20_000) - 10_000).plusNanos(random.nextInt(1_000_000));
            if (i % 50 == 7) {
                facts.taskOpened(company, "quote-no-reply", "t" + i);
                reference.template().upsert(byId(company), new Update().addToSet("openTasks.quote-no-reply", "t" + i),
                        CustomerFacts.class);
            }
            CustomerFacts after = switch (field) {
                case 0 -> { facts.quoteSent(company, at); yield null; }
                case 1 -> facts.customerReplied(company, at);
                case 2 -> { facts.inquiryReceived(company, at); yield null; }
                default -> facts.teamWrote(company, at);
            };
            reference.template().upsert(byId(company), new Update().max(FIELDS.get(field), at), CustomerFacts.class);
            if (after != null) {
                assertThat(after).as("the facts the move returns are the stored ones").isEqualTo(facts.find(company).orElseThrow());
                assertThat(after).isEqualTo(reference.template().findById(company, CustomerFacts.class));
            }
        }
        assertThat(stored(store.template())).isEqualTo(stored(reference.template())).hasSize(3);
        companies.forEach(company -> assertThat(facts.find(company))
                .contains(reference.template().findById(company, CustomerFacts.class)));
    }

    @Test
    void aMoveWithoutATimeOrACompanyWritesNothingAndReadsWhatIsThere() {
        assertThat(facts.customerReplied("c1", null)).isEqualTo(CustomerFacts.none("c1"));
        assertThat(facts.teamWrote(null, T0)).isEqualTo(CustomerFacts.none(null));
        assertThat(stored(store.template())).isEmpty();
        facts.quoteSent("c1", T0);
        assertThat(facts.teamWrote("c1", null).lastQuoteAt()).isEqualTo(T0.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(stored(store.template())).hasSize(1);
    }

    private static Query byId(String company) {
        return Query.query(Criteria.where("id").is(company));
    }

    private static List<Document> stored(MongoTemplate template) {
        return template.getCollection(template.getCollectionName(CustomerFacts.class)).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
