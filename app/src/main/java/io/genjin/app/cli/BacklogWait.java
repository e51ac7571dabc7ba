package io.genjin.app.cli;

import io.genjin.app.events.Backlog;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The end of an import from the command line: the messages are stored, and the process waits until
 * the work they started in the background is done (the listeners' events, the search index) before it
 * stops, showing what is left on one console line. While the total keeps moving it waits; when it has
 * not moved for {@code stall} (a listener failing on the same event again and again), it stops waiting
 * and says what the next start will finish.
 */
final class BacklogWait {
    /**
     * Short: the import's end is the first zero reading plus this (twice), and at 100 ms a short
     * import's last 150 ms were spent here on average, with nothing left to do.
     */
    private static final long POLL_MS = 20;

    private final List<Backlog> backlogs;
    private final PrintStream out;
    private final Duration stall;

    BacklogWait(List<Backlog> backlogs, PrintStream out, Duration stall) {
        this.backlogs = List.copyOf(backlogs);
        this.out = out;
        this.stall = stall;
    }

    /** @return true when every backlog reached zero, false when the wait stopped on a stall (or an interrupt) */
    boolean await() {
        long last = -1;
        long lastProgress = System.nanoTime();
        int zeros = 0;
        String shown = null;
        try {
            while (true) {
                // In order (events before the index they feed), twice in a row: an event handled
                // between two readings may just have handed the index a message.
                long[] now = backlogs.stream().mapToLong(Backlog::remaining).toArray();
                long total = Arrays.stream(now).sum();
                if (total == 0 && ++zeros >= 2) {
                    if (shown != null) {
                        out.println();
                    }
                    return true;
                }
                if (total > 0) {
                    zeros = 0;
                    String left = describe(now);
                    if (!left.equals(shown)) {
                        out.print("\rimport: finishing: " + left + "    ");
                        out.flush();
                        shown = left;
                    }
                }
                if (total != last) {
                    last = total;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                    out.println();
                    out.println("import: stopped waiting after " + stall.toSeconds() + " s without progress: " + describe(now)
                            + " still to do; the next start of Genjin on this data finishes them");
                    return false;
                }
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What is left, for a total above zero. */
    private String describe(long[] now) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < now.length; i++) {
            if (now[i] > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(now[i]).append(' ').append(backlogs.get(i).what());
            }
        }
        return text.toString();
    }
}
