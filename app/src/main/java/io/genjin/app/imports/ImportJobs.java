package io.genjin.app.imports;

import io.genjin.app.customer.CreateCustomer;
import io.genjin.app.customer.EditCustomer;
import io.genjin.app.customer.SaveContact;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.imports.ImportJob.Column;
import io.genjin.app.imports.ImportJob.Status;
import io.genjin.app.security.SignedIn;
import io.genjin.app.store.StoreProperties;
import io.genjin.app.web.RefusedUpload;
import io.genjin.reports.imports.ColumnMapping;
import io.genjin.reports.imports.ImportCustomers;
import io.genjin.reports.imports.ImportField;
import io.genjin.reports.imports.ImportReport;
import io.genjin.reports.imports.RejectedRows;
import io.genjin.reports.imports.Rejection;
import io.genjin.reports.imports.Sheet;
import io.genjin.reports.imports.SheetFile;
import io.genjin.reports.imports.UnreadableFile;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.customer.MoveCustomerToStage;
import io.genjin.store.linking.MailDomains;
import io.genjin.store.order.RecordOrder;
import io.genjin.store.user.User;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Uploaded files and their imports: the file is kept under the data directory ({@code imports/}),
 * the job in the {@code imports} collection. Previews run in the request; imports run one at a time
 * on one background thread, writing their progress to the job every few hundred rows.
 */
@Component
public class ImportJobs {
    private static final String REFUSED = "File not imported";
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private final MongoOperations mongo;
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final ImportProperties properties;
    private final MailDomains mailDomains;
    private final MessageSource messages;
    private final CreateCustomer createCustomer;
    private final EditCustomer editCustomer;
    private final MoveCustomerToStage moveToStage;
    private final SaveContact saveContact;
    private final RecordOrder recordOrder;
    private final Path dir;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "import");
        thread.setDaemon(true);
        return thread;
    });

    ImportJobs(MongoOperations mongo, CrmStore store, VisibleCustomers visible, ImportProperties properties,
            StoreProperties storeProperties, MailDomains mailDomains, MessageSource messages,
            CreateCustomer createCustomer, EditCustomer editCustomer, MoveCustomerToStage moveToStage,
            SaveContact saveContact, RecordOrder recordOrder) throws IOException {
        this.mongo = mongo;
        this.store = store;
        this.visible = visible;
        this.properties = properties;
        this.mailDomains = mailDomains;
        this.messages = messages;
        this.createCustomer = createCustomer;
        this.editCustomer = editCustomer;
        this.moveToStage = moveToStage;
        this.saveContact = saveContact;
        this.recordOrder = recordOrder;
        // Made at the first upload: a process that never imports (or keeps its data in MongoDB) writes nothing here.
        this.dir = storeProperties.dataDir().resolve("imports");
        // A run cut short by a stop is not running any more; running it again finishes it without duplicates.
        mongo.updateMulti(Query.query(Criteria.where("status").in(Status.RUNNING, Status.PREVIEWING)),
                new Update().set("status", Status.FAILED).set("error", "interrupted"), ImportJob.class);
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    public ImportJob upload(SignedIn me, String fileName, InputStream content, String profile, Locale locale) throws IOException {
        String id = Ids.newId();
        Path file = Files.createDirectories(dir).resolve(id + ".upload");
        long size = Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        if (size > properties.maxSize().toBytes()) {
            Files.deleteIfExists(file);
            throw RefusedUpload.tooLarge(REFUSED, "The file is larger than " + properties.maxSize().toMegabytes() + " MB.");
        }
        try (Sheet sheet = SheetFile.open(file)) {
            List<String> headers = sheet.headers();
            ColumnMapping mapping = profile == null ? ColumnMapping.guess(headers)
                    : ColumnMapping.byHeaders(headers, profile(me, profile));
            ImportJob job = new ImportJob(id, me.userId(), fileName, sheet.format(), sheet.encoding(),
                    sheet.delimiter() == null ? null : sheet.delimiter().toString(), headers, columns(headers, mapping),
                    me.userId(), Status.UPLOADED, 0, 0, null, null, null, locale.toLanguageTag(),
                    store.clock().instant(), null);
            return mongo.insert(job);
        } catch (UnreadableFile e) {
            Files.deleteIfExists(file);
            throw switch (e.reason()) {
                case "not-a-sheet", "legacy-xls" -> RefusedUpload.unsupported(REFUSED, e.reason(), e.getMessage());
                default -> RefusedUpload.unreadable(REFUSED, e.reason(), e.getMessage());
            };
        }
    }

    /** An import its uploader (or an admin) may see; anyone else gets a 404, as for a missing one. */
    public ImportJob get(SignedIn me, String id) {
        ImportJob job = mongo.findById(id, ImportJob.class);
        if (job == null || !(job.userId().equals(me.userId()) || me.viewer().isAdmin())) {
            throw new NotFound("import", id);
        }
        return job;
    }

    public List<ImportJob> mine(SignedIn me) {
        return mongo.find(Query.query(Criteria.where("userId").is(me.userId())).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .limit(50), ImportJob.class);
    }

    public List<List<String>> sample(ImportJob job) {
        List<List<String>> rows = new ArrayList<>();
        try (Sheet sheet = SheetFile.open(file(job))) {
            Iterator<Sheet.Row> it = sheet.rows();
            while (it.hasNext() && rows.size() < properties.sampleRows()) {
                rows.add(it.next().cells());
            }
        } catch (IOException | UnreadableFile e) {
            throw new IllegalStateException("import " + job.id() + " cannot be read again", e);
        }
        return rows;
    }

    /** @param ownerId who the new customers go to; a rep may name only themselves, a manager their team */
    public ImportJob map(SignedIn me, String id, Map<Integer, ImportField> fields, String profile, String ownerId) {
        ImportJob job = get(me, id);
        requireIdle(job);
        String owner = ownerId == null || ownerId.isBlank() ? me.userId() : ownerId;
        visible.requireAssignable(me, owner);
        ColumnMapping mapping = profile != null ? ColumnMapping.byHeaders(job.headers(), profile(me, profile))
                : fields != null ? new ColumnMapping(fields) : mapping(job);
        return save(job.withMapping(columns(job.headers(), mapping), owner));
    }

    public ImportJob preview(SignedIn me, String id) {
        ImportJob job = get(me, id);
        requireIdle(job);
        save(job.with(Status.PREVIEWING, 0, job.total()));
        try {
            ImportReport report = execute(me, job, false);
            return save(get(me, id).previewed(ImportJob.Figures.of(report), report.rows()));
        } catch (RuntimeException | IOException | UnreadableFile e) {
            save(job.failed(e.getMessage(), store.clock().instant()));
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Starts the import in the background; one already running is answered as it is. */
    public ImportJob start(SignedIn me, String id) {
        ImportJob job = get(me, id);
        if (job.status() == Status.RUNNING) {
            return job;
        }
        requireIdle(job);
        ImportJob running = save(job.with(Status.RUNNING, 0, job.preview() == null ? 0 : job.preview().rows()));
        runner.submit(() -> {
            try {
                if (running.total() == 0) {
                    mongo.updateFirst(byId(id), new Update().set("total", count(running)), ImportJob.class);
                }
                ImportReport report = execute(me, running, true);
                save(get(me, id).finished(ImportJob.Figures.of(report), store.clock().instant()));
                log.info("Import {} by {}: {} rows, {}", id, me.userId(), report.rows(), report.outcomes());
            } catch (Exception e) {
                log.error("Import {} failed", id, e);
                save(get(me, id).failed(e.getMessage(), store.clock().instant()));
            }
        });
        return running;
    }

    public Path rejected(SignedIn me, String id) {
        Path file = dir.resolve(get(me, id).id() + ".rejected.csv");
        if (!Files.exists(file)) {
            throw new NotFound("rejected rows of import", id);
        }
        return file;
    }

    public List<ImportProfile> profiles(SignedIn me) {
        return mongo.find(Query.query(Criteria.where("userId").is(me.userId())).with(Sort.by("name")), ImportProfile.class);
    }

    public ImportProfile saveProfile(SignedIn me, String id, String name) {
        ImportJob job = get(me, id);
        List<ImportProfile.Header> columns = job.mapping().stream().filter(c -> c.field() != null)
                .map(c -> new ImportProfile.Header(c.header(), c.field())).toList();
        return mongo.save(new ImportProfile(ImportProfile.idOf(me.userId(), name.trim()), me.userId(), name.trim(), columns,
                store.clock().instant()));
    }

    private Map<String, ImportField> profile(SignedIn me, String name) {
        ImportProfile profile = mongo.findById(ImportProfile.idOf(me.userId(), name.trim()), ImportProfile.class);
        if (profile == null) {
            throw new NotFound("import profile", name);
        }
        Map<String, ImportField> byName = new LinkedHashMap<>();
        profile.columns().forEach(h -> byName.put(h.header(), h.field()));
        return byName;
    }

    private ImportReport execute(SignedIn me, ImportJob job, boolean write) throws IOException, UnreadableFile {
        Locale locale = Locale.forLanguageTag(job.locale());
        Map<String, Optional<String>> owners = new java.util.HashMap<>();
        ImportCustomers.Options options = new ImportCustomers.Options(me.viewer(), job.ownerId(),
                text -> owners.computeIfAbsent(text.toLowerCase(Locale.ROOT), this::userNamed),
                userId -> me.userId().equals(userId) || store.access().canAssignTo(me.viewer(), userId),
                mailDomains::isFreeMail);
        StoreWrites writes = write ? new StoreWrites(store, me, job.id(), createCustomer, editCustomer, moveToStage,
                saveContact, recordOrder) : null;
        Path rejectedFile = dir.resolve(job.id() + ".rejected.csv");
        try (Sheet sheet = SheetFile.open(file(job)); RejectedRows rejected = new RejectedRows(rejectedFile, sheet.headers())) {
            return new ImportCustomers(store).run(sheet, mapping(job), options, writes, rejected,
                    r -> reason(r, locale), done -> mongo.updateFirst(byId(job.id()), new Update().set("done", done),
                            ImportJob.class));
        }
    }

    String reason(Rejection rejection, Locale locale) {
        String text = messages.getMessage("imports.reason." + rejection.reason(), null, rejection.reason(), locale);
        return rejection.reason().equals("failed") && rejection.value() != null ? text + ": " + rejection.value() : text;
    }

    private Optional<String> userNamed(String text) {
        Optional<User> byAddress = store.users().byAddress(text);
        if (byAddress.isPresent()) {
            return byAddress.map(User::id);
        }
        return store.users().all().stream().filter(u -> u.name() != null && u.name().equalsIgnoreCase(text.trim()))
                .map(User::id).findFirst();
    }

    /** The rows for the progress bar's total: a workbook's counted from its XML without reading a cell. */
    private long count(ImportJob job) throws IOException, UnreadableFile {
        return SheetFile.countRows(file(job));
    }

    private static void requireIdle(ImportJob job) {
        if (job.status() == Status.RUNNING || job.status() == Status.PREVIEWING) {
            throw new io.genjin.app.web.Conflict("This import is running; wait for it to finish.");
        }
    }

    private static ColumnMapping mapping(ImportJob job) {
        Map<Integer, ImportField> fields = new LinkedHashMap<>();
        job.mapping().stream().filter(c -> c.field() != null).forEach(c -> fields.put(c.index(), c.field()));
        return new ColumnMapping(fields);
    }

    private static List<Column> columns(List<String> headers, ColumnMapping mapping) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            columns.add(new Column(i, headers.get(i), mapping.columns().get(i)));
        }
        return columns;
    }

    private Path file(ImportJob job) {
        return dir.resolve(job.id() + ".upload");
    }

    private ImportJob save(ImportJob job) {
        return mongo.save(job);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("id").is(id));
    }
}
