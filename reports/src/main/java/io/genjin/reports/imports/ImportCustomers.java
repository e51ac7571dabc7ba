package io.genjin.reports.imports;

import io.genjin.reports.imports.ImportReport.Example;
import io.genjin.reports.imports.ImportReport.Outcome;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Imports customers, their contacts and orders from a sheet, row by row, never holding the rows:
 * each row is checked ({@link RowCheck}), matched to an existing customer ({@link CustomerIndex}),
 * and then created, updated, recorded as a 撞客 conflict (the customer belongs to another rep, or to
 * anyone when the importer cannot see it), or
 * rejected with its reason. A dry run (no {@link Writes}) reports what a run would do. The writes go
 * through the store's own activities (the port the app implements), so a customer made here is the
 * same as one a person makes in the UI. Running the same file again changes nothing: its customers
 * are found by contact, domain or name, its contacts by address, its orders by number.
 */
public final class ImportCustomers {
    private static final int PROGRESS_EVERY = 500;
    private final CrmStore store;

    public ImportCustomers(CrmStore store) {
        this.store = store;
    }

    /**
     * The store activities a run goes through; a dry run passes none. A row the store refuses (an
     * address another customer's contact has, a taken domain) throws {@link io.genjin.store.Invalid}
     * and is rejected with that message; the run goes on.
     */
    public interface Writes {
        Company create(ImportRow row, String ownerId);

        /** Fills in or changes what the row says about an existing customer (grade, stage, country…). */
        void update(Company company, ImportRow row);

        /** @return whether a contact was added (false: every address was known already) */
        boolean contact(Company company, ImportRow.Person person);

        /** @return whether an order was recorded (false: the customer has one with that number) */
        boolean order(Company company, ImportRow.OrderLine order);

        /** Records the 撞客: {@code claimantId} imported a customer {@code company.ownerId()} owns. */
        void conflict(Company company, String claimantId, long line);
    }

    /**
     * Who imports and for whom.
     *
     * @param importer who imports: a customer they cannot see is never updated
     * @param ownerId the owner of the customers the run creates, unless a row's owner column says otherwise
     * @param ownerOf a row's owner column (address or name) to a user id; empty when unknown
     * @param mayAssign whether the importing user may give customers to that user
     * @param freeMail whether a mail domain is free mail
     */
    public record Options(io.genjin.store.access.Viewer importer, String ownerId,
            Function<String, Optional<String>> ownerOf, Predicate<String> mayAssign, Predicate<String> freeMail) {
    }

    /**
     * @param writes null for a dry run
     * @param rejected where rejected rows go, with their reason in the person's words; may be null
     * @param reasonText a rejection's reason as the person reads it
     * @param progress told the number of rows done every few hundred rows and at the end
     */
    public ImportReport run(Sheet sheet, ColumnMapping mapping, Options options, Writes writes, RejectedRows rejected,
            Function<Rejection, String> reasonText, LongConsumer progress) throws IOException {
        RowCheck check = new RowCheck(mapping, options.freeMail());
        CustomerIndex index = new CustomerIndex(store);
        ImportReport report = new ImportReport();
        Map<String, Boolean> reps = new HashMap<>();
        long done = 0;
        Iterator<Sheet.Row> rows = sheet.rows();
        while (rows.hasNext()) {
            Sheet.Row row = rows.next();
            RowCheck.Checked checked = check.check(row);
            if (checked instanceof ImportRow importRow) {
                checked = owned(importRow, options, row.cells());
            }
            if (checked instanceof ImportRow importRow) {
                String ownerId = importRow.owner() != null ? importRow.owner() : options.ownerId();
                try {
                    apply(importRow, ownerId, options.importer(), index, writes, report, reps);
                } catch (io.genjin.store.Invalid | io.genjin.store.Conflicting e) {
                    checked = new Rejection(row.line(), "failed", e.getMessage(), row.cells());
                }
            }
            if (checked instanceof Rejection rejection) {
                report.count(Outcome.REJECT, new Example(rejection.line(), Outcome.REJECT, null, null, null,
                        rejection.reason(), rejection.value()));
                if (rejected != null) {
                    rejected.add(rejection, reasonText.apply(rejection));
                }
            }
            if (++done % PROGRESS_EVERY == 0) {
                progress.accept(done);
            }
        }
        progress.accept(done);
        return report;
    }

    /** The row with its owner column read as a user id, or its rejection. */
    private RowCheck.Checked owned(ImportRow row, Options options, java.util.List<String> cells) {
        if (row.owner() == null) {
            return row;
        }
        Optional<String> owner = options.ownerOf().apply(row.owner());
        if (owner.isEmpty()) {
            return new Rejection(row.line(), "unknown-owner", row.owner(), cells);
        }
        if (!options.mayAssign().test(owner.get())) {
            return new Rejection(row.line(), "owner-not-allowed", row.owner(), cells);
        }
        return new ImportRow(row.line(), row.company(), row.domain(), row.country(), row.industry(), row.grade(),
                row.stage(), owner.get(), row.contact(), row.order(), row.tags());
    }

    private void apply(ImportRow row, String ownerId, io.genjin.store.access.Viewer importer, CustomerIndex index, Writes writes, ImportReport report,
            Map<String, Boolean> reps) {
        Optional<CustomerIndex.Found> found = index.find(row);
        Company company = found.filter(f -> !f.companyId().startsWith("planned:"))
                .flatMap(f -> store.companies().findLive(f.companyId())).orElse(null);
        if (found.isPresent() && found.get().companyId().startsWith("planned:")) {
            // A dry run: an earlier row of this file would have made the customer.
            report.count(Outcome.UPDATE, example(row, Outcome.UPDATE, found.get()));
            countParts(row, report, true);
            return;
        }
        if (company == null) {
            if (writes == null) {
                index.addPlanned("planned:" + row.line(), row);
                countParts(row, report, true);
            } else {
                company = writes.create(row, ownerId);
                index.add(company);
                addParts(company, row, writes, report);
            }
            report.count(Outcome.CREATE, example(row, Outcome.CREATE, null));
            return;
        }
        CustomerIndex.Found match = found.get();
        boolean othersCustomer = company.ownerId() != null && !company.ownerId().equals(ownerId);
        if (othersCustomer && (reps.computeIfAbsent(ownerId, this::isRep) || !store.access().canSee(importer, company))) {
            if (writes != null) {
                writes.conflict(company, ownerId, row.line());
            }
            report.count(Outcome.CONFLICT, example(row, Outcome.CONFLICT, match));
            return;
        }
        if (writes != null) {
            writes.update(company, row);
            addParts(company, row, writes, report);
        } else {
            countParts(row, report, false);
            if (row.order() != null && store.orders().ofCompany(company.id()).stream()
                    .noneMatch(o -> o.number().equals(row.order().number()))) {
                report.orderAdded();
            }
        }
        report.count(Outcome.UPDATE, example(row, Outcome.UPDATE, match));
    }

    private boolean isRep(String userId) {
        return store.users().find(userId).map(User::role).orElse(Role.REP) == Role.REP;
    }

    private void addParts(Company company, ImportRow row, Writes writes, ImportReport report) {
        if (row.contact() != null && writes.contact(company, row.contact())) {
            report.contactAdded();
        }
        if (row.order() != null && writes.order(company, row.order())) {
            report.orderAdded();
        }
    }

    /** A dry run's guess: a contact whose addresses are all unknown would be added, so would any order of a new customer. */
    private void countParts(ImportRow row, ImportReport report, boolean newCustomer) {
        if (row.contact() != null && row.contact().addresses().stream().allMatch(a -> store.contacts().byAddress(a).isEmpty())) {
            report.contactAdded();
        }
        if (row.order() != null && newCustomer) {
            report.orderAdded();
        }
    }

    private static Example example(ImportRow row, Outcome outcome, CustomerIndex.Found match) {
        String matchedId = match == null || match.companyId().startsWith("planned:") ? null : match.companyId();
        return new Example(row.line(), outcome, row.company(), matchedId, match == null ? null : match.by(), null, null);
    }
}
