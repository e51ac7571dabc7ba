package io.genjin.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.EmailUnderstanding;
import io.genjin.gateway.MailSource;
import io.genjin.store.events.CustomerMailRead;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.message.MailReading;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mail in through the pipeline with the real classifier: a customer's own words are read, machines and quotes are not. */
class ReadCustomerMailTest {
    private static ClassifierUnderstanding understanding;
    private final PipelineFixture f = new PipelineFixture();

    @BeforeAll
    static void loadModels() {
        understanding = new ClassifierUnderstanding(new EmailUnderstanding());
    }

    @AfterAll
    static void drop() {
        understanding = null;
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aComplaintFromACustomerIsStoredWithItsReadingAndPublishedOnceAfterCustomerReplied() {
        f.pipeline(understanding).ingest(PipelineFixture.mail("""
                From: Hans <hans@acme-trading.de>
                To: Li Lei <lilei@team.example>
                Subject: Re: Order 4512
                Message-ID: <complaint-1@acme-trading.de>
                Date: Mon, 2 Nov 2026 09:00:00 +0100
                Content-Type: text/plain; charset=utf-8

                Li, this is the third time the shipment is late and 8% of the bottles leak. Our customer stopped sales.
                If you cannot ship the replacement by Friday we will cancel the order. What is the new ETA?

                On Fri, 30 Oct 2026, Li Lei <lilei@team.example> wrote:
                > Thank you very much, we are very happy to work with you and we appreciate your order!
                """), new MailSource.Import(f.li.id(), "test"));

        MailReading reading = f.store.messages().byMessageId("complaint-1@acme-trading.de").orElseThrow().reading();
        assertThat(reading.tone()).isEqualTo("negative");
        assertThat(reading.dissatisfied()).isTrue();
        assertThat(reading.topics()).contains("lead-time");
        Document stored = f.mongo.getCollection("messages").find(new Document("messageId", "complaint-1@acme-trading.de")).first();
        assertThat(stored.get("reading", Document.class)).containsEntry("tone", "negative").containsEntry("dissatisfied", true)
                .containsKeys("intent", "topics");

        List<String> order = f.events.stream().map(e -> e.getClass().getSimpleName()).toList();
        assertThat(order).containsSubsequence("CustomerReplied", "CustomerMailRead");
        assertThat(f.events).filteredOn(e -> e instanceof CustomerMailRead).singleElement().satisfies(e -> {
            CustomerMailRead read = (CustomerMailRead) e;
            CustomerReplied replied = (CustomerReplied) f.events.stream().filter(x -> x instanceof CustomerReplied).findFirst().orElseThrow();
            assertThat(read.messageId()).isEqualTo("complaint-1@acme-trading.de");
            assertThat(read.companyId()).isEqualTo(replied.companyId());
            assertThat(read.tone()).isEqualTo("negative");
            assertThat(read.dissatisfied()).isTrue();
            assertThat(read.topics()).isEqualTo(reading.topics());
            assertThat(read.intent()).isEqualTo(reading.intent());
        });
    }

    @Test
    void anAutoReplyAndOurOwnMailAreNotRead() {
        IngestionPipeline pipeline = f.pipeline(understanding);
        pipeline.ingest(PipelineFixture.mail("""
                From: Hans <hans@acme-trading.de>
                To: Li Lei <lilei@team.example>
                Subject: Automatic reply: Order 4512
                Message-ID: <ooo-2@acme-trading.de>
                Auto-Submitted: auto-replied
                Date: Mon, 2 Nov 2026 09:00:00 +0100

                I am out of the office until 16 November 2026. Unacceptable delays will be handled by my colleague.
                """), new MailSource.Import(f.li.id(), "test"));
        pipeline.ingest(PipelineFixture.mail("""
                From: Li Lei <lilei@team.example>
                To: Hans <hans@acme-trading.de>
                Subject: Order 4512
                Message-ID: <out-2@team.example>
                Date: Mon, 2 Nov 2026 10:00:00 +0100

                Sorry for the delay, we will refund the damaged bottles.
                """), new MailSource.Import(f.li.id(), "test"));

        assertThat(f.store.messages().byMessageId("ooo-2@acme-trading.de").orElseThrow().reading()).isNull();
        assertThat(f.store.messages().byMessageId("out-2@team.example").orElseThrow().reading()).isNull();
        assertThat(f.events).noneMatch(e -> e instanceof CustomerMailRead);
    }
}
