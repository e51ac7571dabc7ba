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
        String postponedBy) {

    public Enrollment {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        sent = sent == null ? List.of() : List.copyOf(sent);
    }

    public enum Status {
        ACTIVE, COMPLETED, STOPPED
    }

    public enum StopReason {
        REPLIED, BOUNCED, UNSUBSCRIBED, MANUAL, SEND_FAILED, NO_MAILBOX
    }

    /** A step that went out: its Message-ID, and whether the upstream took it at once or it was queued. */
    public record SentStep(int step, String messageId, Instant sentAt, String outcome) {
    }
}
