package io.genjin.app.scenario;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Collects the generated messages with what each must link to. One seeded {@link Random} drives
 * every choice, so the same seed writes the same bytes.
 */
final class Recorder {
    /** The first day of the three months the mailbox covers. */
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 2);
    static final int DAYS = 88;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    final Random random;
    private final List<Scenario.Message> messages = new ArrayList<>();

    Recorder(long seed) {
        this.random = new Random(seed);
    }

    Written add(Draft draft, String family, String... expected) {
        Written w = draft.write(random);
        boolean sent = w.from().address().equals(Cast.REP.address());
        messages.add(new Scenario.Message(w.messageId(), w.date().toInstant(), sent, family, Set.of(expected), w.raw()));
        return w;
    }

    /** A time on the given day of the period, in the writer's own zone. */
    ZonedDateTime at(int day, int hour, int minute, ZoneId zone) {
        return FIRST_DAY.plusDays(Math.floorMod(day, DAYS)).atTime(hour, minute, random.nextInt(60)).atZone(zone);
    }

    /** When an answer to {@code previous} is written: a few hours later, in office hours of the answering side. */
    ZonedDateTime after(ZonedDateTime previous, ZoneId zone) {
        ZonedDateTime t = previous.plusMinutes(40 + random.nextInt(60 * 20)).withZoneSameInstant(zone);
        if (t.getHour() < 8) {
            t = t.withHour(8 + random.nextInt(2));
        } else if (t.getHour() > 19) {
            t = t.plusDays(1).withHour(8 + random.nextInt(3));
        }
        return t.isAfter(previous) ? t : previous.plusMinutes(30).withZoneSameInstant(zone);
    }

    ZonedDateTime minutesAfter(ZonedDateTime previous, int minutes, ZoneId zone) {
        return previous.plusMinutes(minutes).plusSeconds(random.nextInt(50)).withZoneSameInstant(zone);
    }

    /** The rep writes with Foxmail most of the time and with Outlook on the office PC. */
    Client repClient() {
        return random.nextInt(10) < 7 ? Client.FOXMAIL : Client.OUTLOOK_DESKTOP;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** Messages in the order they were written (Date), as a mailbox shows them; ties keep generation order. */
    List<Scenario.Message> messages() {
        List<Scenario.Message> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(Scenario.Message::date));
        return sorted;
    }
}
