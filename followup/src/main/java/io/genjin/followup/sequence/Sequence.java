package io.genjin.followup.sequence;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A follow-up sequence: steps sent one after another from the enrolled contact's owner's mailbox,
 * each after its delay, inside the recipient's send window.
 *
 * @param ownerId the user who made it; anyone may enrol their own contacts in any sequence
 * @param window  when mail may go out, in the recipient's time zone
 */
@Document("sequences")
public record Sequence(String id, String name, String ownerId, String defaultLanguage, List<Step> steps,
        SendWindow window, boolean archived, Instant createdAt) {

    public Sequence {
        steps = steps == null ? List.of() : List.copyOf(steps);
        window = window == null ? SendWindow.DEFAULT : window;
        defaultLanguage = defaultLanguage == null || defaultLanguage.isBlank() ? "en"
                : defaultLanguage.toLowerCase(Locale.ROOT);
    }

    /**
     * One step: sent {@code delay} after the previous one (after enrolment for the first), in the
     * variant of the recipient's language.
     */
    public record Step(Duration delay, List<Variant> variants) {
        public Step {
            variants = variants == null ? List.of() : List.copyOf(variants);
        }

        /** The variant in this language, else in the sequence's default, else the first. */
        public Variant variantFor(String language, String fallback) {
            return find(language).or(() -> find(fallback)).orElse(variants.get(0));
        }

        private Optional<Variant> find(String language) {
            return language == null ? Optional.empty()
                    : variants.stream().filter(v -> v.language().equalsIgnoreCase(language)).findFirst();
        }
    }

    /** A step's subject and body in one language, with {@code {{variables}}}. */
    public record Variant(String language, String subject, String body) {
        public Variant {
            language = language == null ? "en" : language.toLowerCase(Locale.ROOT);
        }
    }

    /** Hours of the day (recipient's local time) and days of the week when steps may be sent. */
    public record SendWindow(LocalTime start, LocalTime end, Set<DayOfWeek> days) {
        public static final SendWindow DEFAULT = new SendWindow(LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));

        public SendWindow {
            start = start == null ? DEFAULT.start() : start;
            end = end == null ? DEFAULT.end() : end;
            days = days == null || days.isEmpty() ? DEFAULT.days() : Set.copyOf(days);
            if (!end.isAfter(start)) {
                throw new io.genjin.store.Invalid("a send window must end after it starts");
            }
        }
    }
}
