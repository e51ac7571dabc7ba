package io.genjin.app.mailimport;

import io.genjin.app.mailimport.MailImportJob.Figures;
import io.genjin.app.mailimport.MailImportJob.Kind;
import io.genjin.app.mailimport.MailImportJob.Status;
import io.genjin.app.security.SignedIn;
import io.genjin.app.store.StoreProperties;
import io.genjin.app.web.RefusedUpload;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.gateway.mbox.MailImport;
import io.genjin.gateway.pst.PstArchive;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.user.User;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.InputStreamSource;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Mail archives uploaded to the running server: the upload is kept under the data directory
 * ({@code mail-imports/<id>.mbox|.pst}, or {@code mail-imports/<id>/} for .eml files) until its
 * import is done, and imported on one background thread through {@link MailImport}, the same code as
 * {@code genjin import}. A job that was queued or running when the server stopped is started again
 * at the next start: ingestion is idempotent, so the re-run stores what was missing and counts the
 * rest as duplicates.
 */
@Component
@ConditionalOnRole(Roles.API)
public class MailImports {
    private static final String REFUSED = "Archive not imported";
    private static final Logger log = LoggerFactory.getLogger(MailImports.class);
    private static final int PROGRESS_EVERY_MILLIS = 500;
    private final MongoOperations mongo;
    private final CrmStore store;
    private final IngestionPipeline ingestion;
    private final MailImportProperties properties;
    private final Durability durability;
    private final Path dir;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "mail-import");
        thread.setDaemon(true);
        return thread;
    });

    MailImports(MongoOperations mongo, CrmStore store, IngestionPipeline ingestion, MailImportProperties properties,
            StoreProperties storeProperties, Durability durability) {
        this.durability = durability;
        this.mongo = mongo;
        this.store = store;
        this.ingestion = ingestion;
        this.properties = properties;
        this.dir = storeProperties.dataDir().resolve("mail-imports");
    }

    /** In the server only: a command's process (genjin import, accuracy) leaves the server's jobs alone. */
    @EventListener
    void resumeInterrupted(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof org.springframework.boot.web.server.context.WebServerApplicationContext)) {
            return;
        }
        for (MailImportJob job : mongo.find(Query.query(Criteria.where("status").in(Status.QUEUED, Status.RUNNING))
                .with(Sort.by("createdAt")), MailImportJob.class)) {
            log.info("Mail import {} was interrupted; starting it again", job.id());
            runner.submit(() -> run(job.id()));
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** A part of the upload: its name as the browser gave it, and its bytes. */
    public record Upload(String fileName, InputStreamSource content) {
    }

    /** The parts of a multipart request (an empty part only when it is the only one, to be refused as empty). */
    public static List<Upload> uploads(List<org.springframework.web.multipart.MultipartFile> files) {
        return files.stream().filter(f -> !f.isEmpty() || files.size() == 1)
                .map(f -> new Upload(f.getOriginalFilename(), f)).toList();
    }

    /**
     * Keeps the upload, recognises it by its bytes (a .pst, a .zip of .eml files, an mbox, or one or
     * more .eml files), and queues its import into {@code owner}'s mailbox (an address or a user id;
     * the uploader's own when blank; only an admin may name someone else).
     */
    public MailImportJob upload(SignedIn me, String owner, List<Upload> files) throws IOException {
        User mailbox = owner(me, owner);
        if (files.isEmpty()) {
            throw RefusedUpload.unreadable(REFUSED, "empty", "The upload holds no file.");
        }
        String id = Ids.newId();
        Path work = Files.createDirectories(dir).resolve(id + ".upload");
        Files.createDirectories(work);
        try {
            long total = 0;
            for (int i = 0; i < files.size(); i++) {
                try (InputStream in = files.get(i).content().getInputStream()) {
                    total += Files.copy(in, work.resolve(i + ".part"));
                }
                if (total > properties.maxSize().toBytes()) {
                    throw tooLarge();
                }
            }
            if (total == 0) {
                throw RefusedUpload.unreadable(REFUSED, "empty", "The file is empty.");
            }
            Kind kind = files.size() == 1 ? kind(work.resolve("0.part")) : Kind.EML;
            Path kept = keep(id, kind, work, files.size());
            String name = files.size() == 1 ? files.get(0).fileName() : files.size() + " .eml";
            MailImportJob job = mongo.insert(new MailImportJob(id, me.userId(), mailbox.id(), name, kind, Status.QUEUED, 0, 0,
                    Figures.NONE, null, null, store.clock().instant(), null));
            // The 202 promises the import: the job must outlive a crash right after it, to be resumed.
            durability.flush();
            log.info("Mail import {} queued: {} {} into the mailbox of {}", id, kind, kept.getFileName(), mailbox.id());
            runner.submit(() -> run(id));
            return job;
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    /** An import its uploader or an admin may see; anyone else gets a 404, as for a missing one. */
    public MailImportJob get(SignedIn me, String id) {
        MailImportJob job = mongo.findById(id, MailImportJob.class);
        if (job == null || !(job.userId().equals(me.userId()) || me.viewer().isAdmin())) {
            throw new NotFound("mail import", id);
        }
        return job;
    }

    public List<MailImportJob> mine(SignedIn me) {
        return mongo.find(Query.query(Criteria.where("userId").is(me.userId()))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(50), MailImportJob.class);
    }

    private User owner(SignedIn me, String owner) {
        if (owner == null || owner.isBlank()) {
            return store.users().find(me.userId()).orElseThrow(() -> new NotFound("user", me.userId()));
        }
        User user = (owner.contains("@") ? store.users().byAddress(owner.trim()) : store.users().find(owner.trim()))
                .orElseThrow(() -> new NotFound("user", owner));
        if (!user.id().equals(me.userId()) && !me.viewer().isAdmin()) {
            throw new AccessDeniedException("Only an admin imports into someone else's mailbox.");
        }
        return user;
    }

    private Kind kind(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String start = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("!BDN")) {
            return Kind.PST;
        }
        if (isZip(file)) {
            return Kind.EML; // a zipped folder of .eml files
        }
        if (start.startsWith("From ")) {
            return Kind.MBOX;
        }
        if (looksLikeMessage(file)) {
            return Kind.EML;
        }
        throw RefusedUpload.unsupported(REFUSED, "not-an-archive", "This is not a mail archive: upload an .mbox file, .eml files (or a .zip of "
                + "them) or an Outlook .pst.");
    }

    /** An .eml starts with a header field ("Name: value", RFC 5322 section 2.2). */
    private static boolean looksLikeMessage(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String line = new String(in.readNBytes(998), java.nio.charset.StandardCharsets.ISO_8859_1).split("\r?\n", 2)[0];
            return line.matches("[!-9;-~]+:.*");
        }
    }

    /** Moves the upload to where the import (and a resumed one) reads it. */
    private Path keep(String id, Kind kind, Path work, int parts) throws IOException {
        switch (kind) {
            case MBOX, PST -> {
                Path file = source(id, kind);
                Files.move(work.resolve("0.part"), file, StandardCopyOption.REPLACE_EXISTING);
                if (kind == Kind.PST) {
                    try (PstArchive ignored = PstArchive.open(file)) {
                        // opened only to refuse a password-protected or broken file at upload
                    } catch (PstArchive.UnreadablePst e) {
                        Files.deleteIfExists(file);
                        throw RefusedUpload.unreadable(REFUSED, e.reason(), e.getMessage());
                    }
                }
                return file;
            }
            default -> {
                Path folder = Files.createDirectories(source(id, kind));
                int messages = 0;
                for (int i = 0; i < parts; i++) {
                    Path part = work.resolve(i + ".part");
                    if (isZip(part)) {
                        messages += unzip(part, folder, i);
                    } else if (looksLikeMessage(part)) {
                        Files.move(part, folder.resolve(String.format("%04d.eml", i)));
                        messages++;
                    } else {
                        FileSystemUtils.deleteRecursively(folder);
                        throw RefusedUpload.unsupported(REFUSED, "not-an-archive", "Part " + (i + 1) + " is not an .eml message: upload .eml "
                                + "files, a .zip of them, an .mbox file or an Outlook .pst.");
                    }
                }
                if (messages == 0) {
                    FileSystemUtils.deleteRecursively(folder);
                    throw RefusedUpload.unreadable(REFUSED, "empty", "The .zip holds no .eml file.");
                }
                return folder;
            }
        }
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** The .eml entries only, under names of our own (an entry's path never reaches the file system). */
    private int unzip(Path zip, Path folder, int part) throws IOException {
        int count = 0;
        long written = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory() || !entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".eml")) {
                    continue;
                }
                // Sorted as the folder was, so a thread's messages keep their order.
                Path target = folder.resolve(String.format("%04d-%06d.eml", part, count++));
                written += Files.copy(in, target);
                if (written > properties.maxSize().toBytes()) {
                    FileSystemUtils.deleteRecursively(folder);
                    throw tooLarge();
                }
            }
        } catch (java.util.zip.ZipException e) {
            FileSystemUtils.deleteRecursively(folder);
            throw RefusedUpload.unsupported(REFUSED, "not-an-archive", "The .zip cannot be read: " + e.getMessage());
        }
        return count;
    }

    private RefusedUpload tooLarge() {
        return RefusedUpload.tooLarge(REFUSED, "The upload is larger than " + size(properties.maxSize())
                + ": import it with 'genjin import' on the server, or split it.");
    }

    private static String size(org.springframework.util.unit.DataSize size) {
        return size.toMegabytes() > 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }

    private void run(String id) {
        MailImportJob queued = mongo.findById(id, MailImportJob.class);
        if (queued == null) {
            return;
        }
        MailImportJob job = mongo.save(queued.running(queued.runs() + 1));
        MailImport.Progress progress = new MailImport.Progress() {
            private long last;

            @Override
            public void update(MailImport.Summary summary, double percent) {
                long now = System.currentTimeMillis();
                if (now - last >= PROGRESS_EVERY_MILLIS) {
                    last = now;
                    mongo.save(job.progressed(percent, Figures.of(summary)));
                }
            }
        };
        MailImport importer = new MailImport(ingestion, progress);
        try {
            Path source = source(id, job.kind());
            MailImport.Summary summary = switch (job.kind()) {
                case MBOX -> importer.mbox(source, job.ownerId());
                case EML -> importer.emlDirectory(source, job.ownerId());
                case PST -> importer.pst(source, job.ownerId());
            };
            // Saved after MailImport's last batch flush: the figures count durable messages only.
            mongo.save(job.done(Figures.of(summary), store.clock().instant()));
            durability.flush(); // before the upload goes: a job that would be resumed needs its file
            log.info("Mail import {} done: {}", id, summary);
            discard(job);
        } catch (PstArchive.UnreadablePst e) {
            mongo.save(job.failed(e.reason(), e.getMessage(), store.clock().instant()));
            durability.flush();
            discard(job);
        } catch (IOException | RuntimeException e) {
            log.error("Mail import {} failed", id, e);
            mongo.save(job.failed("unreadable", e.getMessage(), store.clock().instant()));
        }
    }

    /** Where an upload of this kind is kept until its import is done: a file, or a folder of .eml files. */
    private Path source(String id, Kind kind) {
        return switch (kind) {
            case MBOX -> dir.resolve(id + ".mbox");
            case PST -> dir.resolve(id + ".pst");
            case EML -> dir.resolve(id);
        };
    }

    private void discard(MailImportJob job) {
        try {
            FileSystemUtils.deleteRecursively(source(job.id(), job.kind()));
        } catch (IOException e) {
            log.warn("Mail import {}: its upload could not be removed: {}", job.id(), e.getMessage());
        }
    }
}
