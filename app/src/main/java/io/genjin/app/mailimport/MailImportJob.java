package io.genjin.app.mailimport;

import io.genjin.gateway.mbox.MailImport;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One uploaded mail archive and what its import did so far (collection {@code mail_imports}).
 *
 * @param userId   who uploaded it (they and admins may see it)
 * @param ownerId  whose mailbox the messages go into
 * @param runs     how many times it was started: above 1 after a restart resumed it, when the
 *                 messages stored before the interruption count as duplicates
 * @param percent  how far through the file (a .pst: through its items), or -1 while not known
 */
@Document("mail_imports")
public record MailImportJob(@Id String id, String userId, String ownerId, String fileName, Kind kind, Status status,
        int runs, double percent, Figures figures, String reason, String error, Instant createdAt, Instant finishedAt) {

    public enum Kind {
        MBOX, EML, PST
    }

    public enum Status {
        QUEUED, RUNNING, DONE, FAILED
    }

    /** stored = linked + heldBack; skipped are .pst items that are not mail (contacts, meetings). */
    public record Figures(int messages, int stored, int duplicates, int linked, int heldBack, int failed, int skipped,
            List<MailImport.Failure> failures) {
        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, List.of());

        static Figures of(MailImport.Summary s) {
            return new Figures(s.total(), s.stored(), s.duplicates(), s.linked(), s.unlinked(), s.failed(), s.skipped(),
                    s.failures());
        }
    }

    MailImportJob running(int run) {
        return new MailImportJob(id, userId, ownerId, fileName, kind, Status.RUNNING, run, 0, Figures.NONE, null, null,
                createdAt, null);
    }

    MailImportJob progressed(double newPercent, Figures now) {
        return new MailImportJob(id, userId, ownerId, fileName, kind, status, runs, newPercent, now, reason, error, createdAt,
                finishedAt);
    }

    MailImportJob done(Figures result, Instant at) {
        return new MailImportJob(id, userId, ownerId, fileName, kind, Status.DONE, runs, 100, result, null, null, createdAt, at);
    }

    MailImportJob failed(String why, String message, Instant at) {
        return new MailImportJob(id, userId, ownerId, fileName, kind, Status.FAILED, runs, percent, figures, why, message,
                createdAt, at);
    }
}
