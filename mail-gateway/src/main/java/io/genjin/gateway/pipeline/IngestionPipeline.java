package io.genjin.gateway.pipeline;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.IngestResult.Outcome;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.SentTracking;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.mail.MailArchive;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The ingestion pipeline, the front door every transport uses. The steps and their order are
 * declared here and nowhere else:
 * <ol>
 * <li>keep raw, <li>de-duplicate, <li>detect loops, <li>parse, <li>unwrap a forward, <li>understand,
 * <li>resolve thread, <li>resolve customer, <li>read customer mail (tone, dissatisfaction, topics: inbound
 * customer mail only), <li>append to timeline (and store the message),
 * <li>link tracking (a sent copy carrying {@value SentTracking#HEADER}), <li>publish events, <li>checkpoint (durability flush; in a {@link #batch()}, once per batch).
 * </ol>
 * Each message is one log line: its Message-ID, its outcome, its time in the pipeline and every
 * step's decision in order ({@code ingest <id> STORED in 3.2 ms | keepRaw: … | checkpoint: durable}).
 * A step that fails puts the message in the error store (raw kept, replayable) and the outcome is
 * FAILED, still durable. Only an unreachable store throws: then nothing is acknowledged and the
 * transport retries.
 */
public final class IngestionPipeline implements MailIngestion {
    private static final Logger log = LoggerFactory.getLogger(IngestionPipeline.class);

    /**
     * Messages per flush in a {@link #batch()}: an H2 MVStore commit costs a few milliseconds; at 500
     * that is noise, and an interrupted import re-reads at most 500 messages as duplicates.
     */
    static final int BATCH_FLUSH_EVERY = 500;
    private final Steps steps;
    private final List<Step> order;

    public IngestionPipeline(CrmStore store, MailArchive archive, LinkMessageToCustomer linker, Understanding understanding,
            ForwardedMessages forwards, DomainEvents events, Durability durability, PipelineSettings settings, Clock clock) {
        this(store, archive, linker, understanding, forwards, events, durability, settings, clock, SentTracking.NONE);
    }

    /** With {@code sentTracking}: messages carrying {@value SentTracking#HEADER} are linked to their tracking record. */
    public IngestionPipeline(CrmStore store, MailArchive archive, LinkMessageToCustomer linker, Understanding understanding,
            ForwardedMessages forwards, DomainEvents events, Durability durability, PipelineSettings settings, Clock clock,
            SentTracking sentTracking) {
        this(store, archive, linker, understanding, forwards, events, durability, settings, clock, sentTracking,
                ParsedMailSink.NONE);
    }

    /** With {@code parsedSink}: every parse the pipeline makes is handed to it (see {@link ParsedMailSink}). */
    public IngestionPipeline(CrmStore store, MailArchive archive, LinkMessageToCustomer linker, Understanding understanding,
            ForwardedMessages forwards, DomainEvents events, Durability durability, PipelineSettings settings, Clock clock,
            SentTracking sentTracking, ParsedMailSink parsedSink) {
        this.steps = new Steps(store, archive, linker, understanding, forwards, events, durability, settings, clock,
                sentTracking, parsedSink);
        this.order = order(steps, null, null);
    }

    /** The steps of one message alone ({@code batch} null: flushed per message) or of a batch's messages. */
    private static List<Step> order(Steps steps, PendingPublication batch, ReadAhead ahead) {
        return List.of(new KeepRaw(steps, ahead), new Deduplicate(steps, batch, ahead), new DetectLoops(steps), new Parse(steps, ahead),
                new UnwrapForward(steps), new Understand(steps, ahead), new ResolveThread(steps), new ResolveCustomer(steps),
                new ReadCustomerMail(steps), new AppendToTimeline(steps, batch), new LinkTracking(steps), new PublishEvents(steps, batch),
                new Checkpoint(steps, batch == null));
    }

    /** The step names in order, for documentation and tests. */
    public List<String> stepNames() {
        return order.stream().map(Step::name).toList();
    }

    @Override
    public IngestResult ingest(RawMail mail, MailSource source) {
        return run(mail, source, order, true);
    }

    /**
     * A batch also reads ahead: the message named by {@link Batch#ahead} is parsed and classified on
     * a second thread ({@link ReadAhead}) while the current one is linked and stored; the messages
     * still go through every step one at a time, in the order they are ingested.
     */
    @Override
    public Batch batch() {
        ReadAhead ahead = new ReadAhead(steps);
        PendingPublication pending = new PendingPublication(steps);
        List<Step> batchOrder = order(steps, pending, ahead);
        return new Batch() {
            private int unflushed;

            @Override
            public void ahead(RawMail mail, MailSource source) {
                ahead.start(mail);
            }

            @Override
            public IngestResult ingest(RawMail mail, MailSource source) {
                IngestResult result;
                try {
                    result = run(mail, source, batchOrder, false);
                } finally {
                    ahead.forget(mail);
                }
                if (++unflushed >= BATCH_FLUSH_EVERY) {
                    flush(false);
                }
                return result;
            }

            /**
             * The batch's events are written (appended) here. In the middle of a batch they are handed to
             * the listeners' own thread, which takes them at once while this thread goes on ingesting (on
             * the second core); the outbox's bound on the listeners' lag still holds. A batch closes with
             * its events handled, on this thread.
             */
            private void flush(boolean last) {
                pending.write();
                if (last) {
                    steps.events().handOver();
                } else {
                    steps.events().handOverInBackground();
                }
                steps.durability().flush();
                unflushed = 0;
            }

            @Override
            public void flush() {
                pending.write();
                steps.durability().flush();
                unflushed = 0;
            }

            /** The caller's journal keeps what this batch ingested: the batch's own flushes wait for its {@link #flush()}. */
            @Override
            public void publish() {
                pending.write();
                unflushed = 0;
            }

            @Override
            public void close() {
                ahead.close();
                flush(true);
            }
        };
    }

    private IngestResult run(RawMail mail, MailSource source, List<Step> stepsInOrder, boolean flushPerMessage) {
        long started = System.nanoTime();
        InboundMessage m = InboundMessage.of(mail, source);
        StringBuilder trail = new StringBuilder(320);
        for (Step step : stepsInOrder) {
            StepResult result;
            try {
                result = step.apply(m);
            } catch (DataAccessResourceFailureException | TransientDataAccessException unreachable) {
                log.warn("ingest {} store unreachable at {}: {}{}", m.messageId(), step.name(), unreachable.getMessage(), trail);
                throw unreachable;
            } catch (RuntimeException e) {
                return fail(m, step, e, flushPerMessage, trail);
            }
            m = result.message();
            trail.append(" | ").append(step.name()).append(": ").append(result.note());
            if (result instanceof StepResult.Stop stop) {
                if (flushPerMessage) {
                    steps.durability().flush();
                }
                log.info("ingest {} {} at {} in {} ms{}", m.messageId(), stop.reason(), step.name(), millis(started), trail);
                Outcome outcome = stop.reason() == StepResult.Reason.DUPLICATE ? Outcome.DUPLICATE : Outcome.LOOP;
                String storedId = steps.store().messages().byMessageId(m.messageId()).map(s -> s.id()).orElse(null);
                return new IngestResult(outcome, m.messageId(), storedId, null, stop.note());
            }
        }
        log.info("ingest {} STORED in {} ms{}", m.messageId(), millis(started), trail);
        return new IngestResult(Outcome.STORED, m.messageId(), m.storedId(), m.decision().companyId(), null);
    }

    /** Milliseconds since {@code started} ({@link System#nanoTime()}), to a tenth. */
    private static double millis(long started) {
        return (System.nanoTime() - started) / 100_000 / 10.0;
    }

    private IngestResult fail(InboundMessage m, Step step, RuntimeException e, boolean flush, CharSequence trail) {
        log.warn("ingest {} FAILED at {}, kept for replay: {}{}", m.messageId(), step.name(), e.toString(), trail, e);
        if (m.rawKey() == null) {
            // Not even the raw could be kept: nothing to replay from, so this is the transport's to retry.
            throw e;
        }
        String id = m.rawKey() + "." + Integer.toHexString(Sources.describe(m.source()).hashCode());
        steps.archive().failures().record(id, m.rawKey(), m.messageId(), Sources.describe(m.source()), step.name(),
                e.toString(), steps.clock().instant());
        if (flush) {
            steps.durability().flush();
        }
        return new IngestResult(Outcome.FAILED, m.messageId(), null, null, step.name() + ": " + e.getMessage());
    }

    /**
     * Replays a failed message through the whole pipeline from its kept raw; marks it resolved unless
     * it fails again. Returns empty when there is no such failure.
     */
    public java.util.Optional<IngestResult> replay(String failureId) {
        return steps.archive().failures().find(failureId).map(f -> {
            RawMail raw = new RawMail() {
                @Override
                public java.io.InputStream open() {
                    return steps.archive().raw().open(f.rawKey())
                            .orElseThrow(() -> new IllegalStateException("raw " + f.rawKey() + " is gone"));
                }

                @Override
                public long size() {
                    return steps.archive().raw().size(f.rawKey()).orElse(-1L);
                }
            };
            IngestResult result = ingest(raw, Sources.restore(f.source()));
            if (result.outcome() != Outcome.FAILED) {
                steps.archive().failures().resolve(failureId, steps.clock().instant());
                steps.durability().flush();
            }
            return result;
        });
    }
}
