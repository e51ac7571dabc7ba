package io.genjin.app.events;

import io.genjin.store.events.outbox.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the outbox for this process's {@link EventConsumer}s and hands each its events.
 *
 * <p>Each shared consumer's events are split into {@code partitions} parts by customer
 * ({@code hash(customer or message) mod partitions}); a part has a lease ({@code events:<name>:<n>})
 * and a saved position ({@code <name>:<n>}). A process handles the parts whose lease it holds, in
 * position order, and saves the position after handling (at least once: a crash between handling and
 * saving hands the events again to whoever takes the part next). Parts are taken by whichever
 * process finds them free (tried every third of the lease), and move when their holder stops
 * renewing. Each-process consumers start at the head when the process starts and save nothing.
 *
 * <p>Rounds run on one thread at a time: the poll thread every {@code poll-interval} and when woken
 * ({@link #wake()}: a batch's events, taken at once without holding the batch up), and the thread
 * that published in this process ({@link #nudge()}), so with all roles in one process an event is
 * handled before {@code publish} returns, as with in-process events. A listener's failure is logged
 * and retried with a growing pause (the part waits, keeping the customer's order) and passed after
 * {@code attempts} tries.
 */
final class EventRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final long SAVE_IDLE = Duration.ofSeconds(10).toNanos();
    private final Outbox outbox;
    private final LockProvider leases;
    private final Supplier<List<EventConsumer>> consumers;
    private final ToIntFunction<List<String>> liveLeases;
    private final EventsProperties settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Boolean> inRound = ThreadLocal.withInitial(() -> false);
    private final Map<Long, Long> gapsSeenAt = new HashMap<>();
    /** Gaps already passed (and logged): a part that reads them again passes them at once. */
    private final Set<Long> gapsPassed = new HashSet<>();
    private volatile List<Part> parts = List.of();
    private SimpleLock member;
    private volatile ScheduledExecutorService executor;
    private long nextLeaseTry;
    private long nextPrune;
    private volatile boolean running;

    /** @param liveLeases how many of the named leases are held now (by any process) */
    EventRelay(Outbox outbox, LockProvider leases, ToIntFunction<List<String>> liveLeases,
            Supplier<List<EventConsumer>> consumers, EventsProperties settings) {
        this.outbox = outbox;
        this.leases = leases;
        this.liveLeases = liveLeases;
        this.consumers = consumers;
        this.settings = settings;
    }

    /** One consumer's share: a partition of a shared consumer, or the whole of an each-process one. */
    static final class Part {
        final EventConsumer consumer;
        final int partition;
        final String name;
        SimpleLock lease;
        long renewAt;
        volatile long cursor;
        long saved;
        long savedAt;
        int failures;
        /** Rounds in a row whose end failed ({@link EventConsumer#roundEnd}); handled events do not reset it. */
        int endFailures;
        long retryAt;

        Part(EventConsumer consumer, int partition) {
            this.consumer = consumer;
            this.partition = partition;
            this.name = partition < 0 ? consumer.name() : consumer.name() + ":" + partition;
            this.retryAt = System.nanoTime();
            this.savedAt = retryAt;
        }

        boolean shared() {
            return partition >= 0;
        }
    }

    @Override
    public void start() {
        lock.lock();
        try {
            List<Part> built = new ArrayList<>();
            long head = outbox.head();
            for (EventConsumer c : consumers.get()) {
                if (c.scope() == EventConsumer.Scope.EACH_PROCESS) {
                    Part p = new Part(c, -1);
                    p.cursor = head;
                    built.add(p);
                } else {
                    for (int i = 0; i < settings.partitions(); i++) {
                        built.add(new Part(c, i));
                    }
                }
            }
            parts = List.copyOf(built);
            long now = System.nanoTime();
            nextLeaseTry = now;
            nextPrune = now;
            tendLeases(now);
            running = true;
        } finally {
            lock.unlock();
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "domain-events");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        log.info("domain events: {} consumer part(s) in this process ({})", parts.size(),
                parts.stream().map(p -> p.consumer.name()).distinct().toList());
    }

    /**
     * Events written that the slowest consumer part this process holds has not handled yet: the
     * listeners' lag (0 when this process holds none). Reads the head from the store.
     */
    public long behind() {
        return behind(outbox.head());
    }

    /** {@link #behind()} with the head known (the position {@link Outbox#append} returned). */
    long behind(long head) {
        long lowest = Long.MAX_VALUE;
        for (Part p : parts) {
            if (!p.shared() || p.lease != null) {
                lowest = Math.min(lowest, p.cursor);
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : Math.max(0, head - lowest);
    }

    /** Handles what was just published in this process, on the caller's thread; never fails the caller. */
    void nudge() {
        if (!running || inRound.get()) {
            return; // a listener published: the round running on this thread reads it next
        }
        try {
            drain(true);
        } catch (RuntimeException e) {
            log.warn("domain events: handling in the publishing thread failed ({}); the poll retries", e.toString());
        }
    }

    /**
     * Hands what was just written to the poll thread, now rather than at its next poll, and returns at
     * once: the listeners work on their own thread while the caller goes on. During an import the
     * pipeline's thread handled a batch's events itself at every flush (and before that waited for a
     * round in progress): about a tenth of its time, spent while the second core had room.
     */
    void wake() {
        ScheduledExecutorService poller = executor;
        if (!running || poller == null) {
            return;
        }
        try {
            poller.execute(this::poll);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stop() shut the executor down meanwhile: the next start delivers them
        }
    }

    private void poll() {
        try {
            lock.lock();
            try {
                long now = System.nanoTime();
                tendLeases(now);
                prune(now);
            } finally {
                lock.unlock();
            }
            drain(false);
        } catch (Throwable e) {
            // Anything thrown (an Error too) would cancel the schedule for good; see Repeating.
            if (!running) {
                // stop() interrupts a round in flight (an import ends while its events drain): not a failure.
                log.info("domain events: stopped in the middle of a round; the next start delivers the rest");
                return;
            }
            log.error("domain events: a round failed; the next one retries", e);
        }
    }

    /**
     * Renews held leases and, every third of the lease, balances: this process is a member (a lease
     * {@code events:member:<n>}), and each shared consumer's parts are split evenly over the members
     * (at most {@code ceil(partitions / members)} each), so a second process takes half of the parts
     * as the first gives up what is above its share. Called with the lock held.
     */
    void tendLeases(long now) {
        Duration lease = settings.lease();
        for (Part p : parts) {
            if (p.lease != null && now - p.renewAt >= 0) {
                Optional<SimpleLock> renewed = extend(p.lease, p.name);
                if (renewed.isEmpty()) {
                    log.warn("domain events: lease of {} lost; another process takes it", p.name);
                }
                p.lease = renewed.orElse(null);
                p.renewAt = now + lease.toNanos() / 3;
            }
        }
        if (now - nextLeaseTry < 0 || parts.stream().noneMatch(Part::shared)) {
            return;
        }
        nextLeaseTry = now + lease.toNanos() / 3;
        member = member == null ? join() : extend(member, "membership").orElseGet(this::join);
        int members = Math.max(1, liveLeases.applyAsInt(MEMBERS));
        int share = (settings.partitions() + members - 1) / members;
        for (EventConsumer c : parts.stream().filter(Part::shared).map(p -> p.consumer).distinct().toList()) {
            List<Part> mine = parts.stream().filter(p -> p.consumer == c).toList();
            long held = mine.stream().filter(p -> p.lease != null).count();
            for (Part p : mine) {
                if (p.lease != null && held > share) {
                    release(p);
                    held--;
                } else if (p.lease == null && held < share) {
                    Optional<SimpleLock> taken = leases.lock(new LockConfiguration(Instant.now(), "events:" + p.name,
                            lease, Duration.ZERO));
                    if (taken.isPresent()) {
                        p.lease = taken.get();
                        p.renewAt = now + lease.toNanos() / 3;
                        p.cursor = outbox.cursor(p.name);
                        p.saved = p.cursor;
                        p.failures = 0;
                        p.retryAt = System.nanoTime();
                        held++;
                        log.info("domain events: took {} at position {} ({} member(s))", p.name, p.cursor, members);
                    }
                }
            }
        }
    }

    private static final List<String> MEMBERS = IntStream.range(0, 64).mapToObj(i -> "events:member:" + i).toList();

    private SimpleLock join() {
        for (String name : MEMBERS) {
            Optional<SimpleLock> slot = leases.lock(new LockConfiguration(Instant.now(), name, settings.lease(),
                    Duration.ZERO));
            if (slot.isPresent()) {
                return slot.get();
            }
        }
        return null;
    }

    private void release(Part p) {
        if (p.cursor > p.saved) {
            save(Map.of(p.name, p.cursor), System.nanoTime());
        }
        try {
            p.lease.unlock();
            log.info("domain events: released {} at position {}", p.name, p.cursor);
        } catch (RuntimeException e) {
            log.debug("lease {} lapses by itself", p.name);
        }
        p.lease = null;
    }

    private Optional<SimpleLock> extend(SimpleLock lease, String name) {
        try {
            return lease.extend(settings.lease(), Duration.ZERO);
        } catch (RuntimeException e) {
            log.warn("domain events: renewing the lease of {} failed ({})", name, e.toString());
            return Optional.empty();
        }
    }

    private void prune(long now) {
        if (settings.pruneEvery().isZero() || now - nextPrune < 0) {
            return;
        }
        nextPrune = now + settings.pruneEvery().toNanos();
        Optional<SimpleLock> once = leases.lock(new LockConfiguration(Instant.now(), "events:prune",
                settings.pruneEvery(), Duration.ZERO));
        if (once.isEmpty()) {
            return;
        }
        long deleted = outbox.pruneOlderThan(settings.retention());
        if (deleted > 0) {
            log.info("domain events: pruned {} event(s) older than {} that every consumer has handled", deleted,
                    settings.retention());
        }
    }

    /**
     * Hands every part it holds the events after its position, round after round, until none is left;
     * unless {@code untilCaughtUp}, it stops after a round that read less than a full batch, leaving what was written during that round to the next poll. On the poll thread
     * during an import this makes a round of what a poll interval brought (tens of messages' events)
     * rather than of the one or two messages stored while the previous round ran, so a listener's
     * round-end work (the reports' bulk writes) and the relay's own reads serve many messages.
     */
    void drain(boolean untilCaughtUp) {
        if (inRound.get()) {
            return;
        }
        lock.lock();
        inRound.set(true);
        try {
            while (round(untilCaughtUp)) {
                // Until caught up, stopped at a fresh gap, or a part waits to retry. Listeners behind under a
                // sustained load drain for longer than a lease: the leases are renewed as they fall due, between
                // rounds, so that no other process takes a part this one is still handling.
                tendLeases(System.nanoTime());
            }
        } finally {
            inRound.set(false);
            lock.unlock();
        }
    }

    /**
     * One read of up to {@code batch} positions; true when there may be more to do at once (unless
     * {@code untilCaughtUp}, only when this round read a full batch).
     */
    private boolean round(boolean untilCaughtUp) {
        long now = System.nanoTime();
        List<Part> active = parts.stream().filter(p -> (!p.shared() || p.lease != null) && now - p.retryAt >= 0).toList();
        if (active.isEmpty()) {
            return false;
        }
        Outbox.Counter counter = outbox.counter();
        long head = counter.head();
        long floor = counter.floor();
        long lowest = Long.MAX_VALUE;
        Map<Part, Long> started = new IdentityHashMap<>();
        for (Part p : active) {
            p.cursor = Math.max(p.cursor, floor);
            started.put(p, p.cursor);
            lowest = Math.min(lowest, p.cursor + 1);
        }
        long from = lowest;
        if (from > head) {
            return false;
        }
        long to = Math.min(head, from + settings.batch() - 1);
        Map<Long, Outbox.Stored> read = new HashMap<>();
        outbox.read(from, to).forEach(s -> read.put(s.position(), s));
        gapsSeenAt.keySet().removeIf(position -> position < from);
        gapsPassed.removeIf(position -> position < from);
        List<Long> passed = new ArrayList<>();
        // Every position this read found missing was seen missing now: a writer that died after reserving
        // a block leaves the whole block to pass after one wait, not one wait per position.
        if (read.size() < to - from + 1) {
            for (long missing = from; missing <= to; missing++) {
                if (!read.containsKey(missing)) {
                    gapsSeenAt.putIfAbsent(missing, now);
                }
            }
        }
        Map<String, Long> moved = new LinkedHashMap<>();
        Set<EventConsumer> handled = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean blocked = false;
        long position = from;
        for (; position <= to; position++) {
            Outbox.Stored event = read.get(position);
            if (event == null) {
                if (now - gapsSeenAt.get(position) < settings.gapWait().toNanos()) {
                    break;
                }
                if (gapsPassed.add(position)) {
                    passed.add(position);
                }
            }
            for (Part p : active) {
                if (p.cursor >= position || p.retryAt - now > 0) {
                    continue;
                }
                boolean handles = event != null && mine(p, event);
                if (!handles || handle(p, event, now)) {
                    p.cursor = position;
                    if (handles) {
                        handled.add(p.consumer);
                    }
                    if (handles && p.shared()) {
                        moved.put(p.name, position);
                    }
                } else {
                    blocked = true;
                }
            }
        }
        if (!passed.isEmpty()) {
            log.warn("domain events: position(s) {} were reserved but not written within {}; passing them",
                    ranges(passed), settings.gapWait());
        }
        for (EventConsumer consumer : handled) {
            try {
                consumer.roundEnd();
                active.stream().filter(p -> p.consumer == consumer).forEach(p -> p.endFailures = 0);
            } catch (RuntimeException e) {
                blocked |= roundEndFailed(consumer, active, started, moved, position - 1, now, e);
            }
        }
        for (Part p : active) {
            // A part that handled nothing saves its passing now and then (for retention), not every round.
            if (p.shared() && p.cursor > p.saved && (p.cursor - p.saved >= settings.batch() || now - p.savedAt > SAVE_IDLE)) {
                moved.put(p.name, p.cursor);
            }
        }
        save(moved, now);
        boolean full = to - from + 1 >= settings.batch();
        return !blocked && position > to && position > from && (full || untilCaughtUp) && to < outbox.head();
    }

    /** Ascending positions as ranges, for a log line: {@code 1-160, 175}. */
    static String ranges(List<Long> ascending) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ascending.size(); ) {
            int j = i;
            while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) {
                j++;
            }
            out.append(out.isEmpty() ? "" : ", ").append(ascending.get(i));
            if (j > i) {
                out.append('-').append(ascending.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }

    private void save(Map<String, Long> moved, long now) {
        if (moved.isEmpty()) {
            return;
        }
        outbox.saveCursors(moved);
        for (Part p : parts) {
            Long position = moved.get(p.name);
            if (position != null) {
                p.saved = Math.max(p.saved, position);
                p.savedAt = now;
            }
        }
    }

    private boolean mine(Part p, Outbox.Stored event) {
        return !p.shared() || partition(event.key(), settings.partitions()) == p.partition;
    }

    /** The part a customer's (or, without one, a message's) events go to; the same in every process. */
    static int partition(String key, int partitions) {
        return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
    }

    /**
     * A consumer's round end threw: what it put off from the round's events is not done, so its parts
     * go back to where they stood before the round and are handed those events again after a growing
     * pause, as an event whose {@code on} throws. After {@code attempts} rounds in a row the round is
     * logged and passed. Returns whether a part now waits.
     */
    private boolean roundEndFailed(EventConsumer consumer, List<Part> active, Map<Part, Long> started,
            Map<String, Long> moved, long last, long now, RuntimeException e) {
        boolean waits = false;
        for (Part p : active) {
            if (p.consumer != consumer || p.cursor == started.get(p)) {
                continue;
            }
            if (running && ++p.endFailures >= settings.attempts()) {
                log.error("domain events: {} failed {} times to finish a round ending at position {}; passing it", p.name,
                        p.endFailures, last, e);
                p.endFailures = 0;
                continue;
            }
            p.cursor = started.get(p);
            moved.remove(p.name);
            waits = true;
            if (running) {
                p.retryAt = now + pause(p.endFailures);
                log.warn("domain events: {} failed to finish a round ending at position {} (try {}); its events are handed"
                        + " again in {} ms", p.name, last, p.endFailures, (p.retryAt - now) / 1_000_000, e);
            }
        }
        return waits;
    }

    /** The pause before a part's next try after {@code failures} failed ones: from the poll interval (at most 1 s), doubling, at most a minute. */
    private long pause(int failures) {
        long base = Math.min(settings.pollInterval().toNanos(), Duration.ofSeconds(1).toNanos());
        return Math.min(Duration.ofMinutes(1).toNanos(), base << Math.min(failures, 20));
    }

    private boolean handle(Part p, Outbox.Stored event, long now) {
        try {
            p.consumer.on(event.event());
            p.failures = 0;
            return true;
        } catch (RuntimeException e) {
            if (!running) {
                // Interrupted by stop(): the position stays before the event, so the next start hands it again.
                return false;
            }
            p.failures++;
            if (p.failures >= settings.attempts()) {
                log.error("domain events: {} failed {} times on {} #{} {}; passing it", p.name, p.failures, event.type(),
                        event.position(), event.event(), e);
                p.failures = 0;
                return true;
            }
            long pause = pause(p.failures);
            p.retryAt = now + pause;
            log.warn("domain events: {} failed on {} #{} (try {}); retried in {} ms", p.name, event.type(),
                    event.position(), p.failures, pause / 1_000_000, e);
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        lock.lock();
        try {
            for (Part p : parts) {
                if (p.lease != null) {
                    release(p);
                }
            }
            if (member != null) {
                try {
                    member.unlock();
                } catch (RuntimeException e) {
                    log.debug("membership lapses by itself");
                }
                member = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Abandons everything as a killed process would: no lease released, nothing saved. For tests. */
    void crash() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        parts = List.of();
    }

    /** This process's parts (for tests). */
    List<Part> parts() {
        return parts;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the servers and schedules that publish. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }
}
