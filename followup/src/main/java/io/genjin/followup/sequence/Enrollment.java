package io.genjin.followup.sequence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One contact going through one sequence. {@code activeContact} holds the contact id while the
 * enrolment is active and is absent otherwise; a sparse unique index on it is what allows one active
 * sequence per contact, on both stores.
 *
 * @param nextStep   index of the step to send next
 * @param dueAt      when the next step is due (a window, cap or gap may move it later)
 * @param leaseUntil set while a runner holds the enrolment: no other replica touches it until then
 * @param sent       the steps sent so far
 * @param postponedBy the last reason the next step was moved later, in words (kept for the API)
 * @param postponement the same as a value: why, until when, in which zone; cleared when a step goes out
 * @param pausedAt   when a person paused it (status PAUSED); null otherwise
 * @param pausedBy   who paused it
 */
@Document("sequence_enrollments")
public record Enrollment(
        String id,
        String sequenceId,
        String contactId,
        String companyId,
        String ownerId,
        String address,
        String language,
        String timeZone,
        Map<String, String> variables,
        Status status,
        StopReason stopReason,
        String stopDetail,
        int nextStep,
        Instant dueAt,
        Instant leaseUntil,
        String activeContact,
        List<SentStep> sent,
        String enrolledBy,
        Instant createdAt,
        Instant endedAt,
        String postponedBy,
        Postponement postponement,
        Instant pausedAt,
        String pausedBy) {

    public Enrollment {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        sent = sent == null ? List.of() : List.copyOf(sent);
    }

    /**
     * ACTIVE: steps go out when due. PAUSED: a person held it; nothing is sent, the contact stays
     * in the sequence (no other may start) and replies, bounces and unsubscribes still stop it.
     */
    public enum Status {
        ACTIVE, PAUSED, COMPLETED, STOPPED;

        /** Still in the sequence: active or paused. */
        public boolean open() {
            return this == ACTIVE || this == PAUSED;
        }
    }

    public enum StopReason {
        REPLIED, BOUNCED, UNSUBSCRIBED, MANUAL, SEND_FAILED, NO_MAILBOX
    }

    /**
     * Why the next step is later than its delay alone would make it.
     *
     * @param until      when it is due now
     * @param zone       the recipient's time zone the window was read in (SEND_WINDOW, DAILY_CAP)
     * @param returnDate the return date the out-of-office reply stated, if any
     */
    public record Postponement(Reason reason, Instant until, String zone, java.time.LocalDate returnDate) {
        public enum Reason {
            /** Outside the send window (hours and days) in the recipient's time zone. */
            SEND_WINDOW,
            /** The owner's mailbox sent another sequence step moments ago (the random gap between sends). */
            MAILBOX_GAP,
            /** Today's cap for the mailbox or for the recipient's domain is used up. */
            DAILY_CAP,
            /** The recipient answered with an out-of-office reply. */
            OUT_OF_OFFICE
        }
    }

    /** A step that went out: its Message-ID, and whether the upstream took it at once or it was queued. */
    public record SentStep(int step, String messageId, Instant sentAt, String outcome) {
    }
}
