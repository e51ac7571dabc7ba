package io.genjin.classifier.accuracy;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A rough single-thread throughput (messages per CPU-second) of the whole facade on real mail (parsed beforehand): people's mail
 * and MTA bounces, after a warm-up; model loading is timed separately. Not a JMH benchmark, but
 * enough to see an order-of-magnitude regression in the table.
 */
final class ThroughputBench {

    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    List<Figure> run(Path corpora) {
        List<Email> people = new ArrayList<>();
        for (Path file : BounceBench.list(corpora.resolve("reply-forward/talon/tests/fixtures/standard_replies"))) {
            people.add(Email.fromEml(CorpusFiles.bytes(file)));
        }
        for (Path file : BounceBench.list(corpora.resolve("cjk/letters/tests"))) {
            people.add(Email.fromEml(CorpusFiles.bytes(file)));
        }
        for (Path file : BounceBench.list(corpora.resolve("reply-forward/discourse-email_reply_trimmer/test/emails"))) {
            people.add(Email.ofText(CorpusFiles.text(file)));
        }
        List<Email> bounces = new ArrayList<>();
        for (Path file : BounceBench.list(corpora.resolve("sisimai/set-of-emails/maildir/bsd"))) {
            bounces.add(Email.fromEml(CorpusFiles.bytes(file)));
        }
        if (people.isEmpty() || bounces.isEmpty()) {
            return List.of();
        }
        long loadStart = System.nanoTime();
        EmailUnderstanding understanding = new EmailUnderstanding();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        loop(understanding, people, WARM_UP_NANOS);
        double typical = loop(understanding, people, MEASURE_NANOS) / (MEASURE_NANOS / 1e9);
        double dsn = loop(understanding, bounces, MEASURE_NANOS) / (MEASURE_NANOS / 1e9);
        return List.of(
                Figure.of("model load (s)", "facade", loadSeconds, 1),
                Figure.of("messages per CPU-second", "people: talon+letters+discourse", typical, people.size()),
                Figure.of("messages per CPU-second", "bounces (sisimai)", dsn, bounces.size()));
    }

    /* CPU time of this thread, not wall time: the figure stays meaningful on a busy shared machine. */
    private static long loop(EmailUnderstanding understanding, List<Email> emails, long cpuNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long count = 0;
        while (threads.getCurrentThreadCpuTime() - start < cpuNanos) {
            understanding.understand(emails.get((int) (count % emails.size())));
            count++;
        }
        return count;
    }
}
