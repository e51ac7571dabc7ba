package io.genjin.reports.imports;

import io.genjin.reports.imports.ImportReport.Example;
import io.genjin.reports.imports.ImportReport.Outcome;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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
    /** Rows read, looked up and written together; progress is told after each batch. */
    static final int BATCH = 500;
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

        /**
         * Creates the customers of several rows, with their contacts and orders, in a few round trips
         * instead of a few per row. The answers are in the order of {@code rows}. This default makes
         * them one at a time.
         */
        default java.util.List<Made> createAll(java.util.List<NewCustomer> rows) {
            java.util.List<Made> out = new java.util.ArrayList<>();
            for (NewCustomer n : rows) {
                Company company = null;
                try {
                    company = create(n.row(), n.ownerId());
                    boolean contact = n.row().contact() != null && contact(company, n.row().contact());
                    boolean order = n.row().order() != null && order(company, n.row().order());
                    out.add(new Made(company, null, contact, order));
                } catch (io.genjin.store.Invalid | io.genjin.store.Conflicting e) {
                    out.add(new Made(company, e.getMessage(), false, false));
                }
            }
            return out;
        }
    }

    /** A row that makes a new customer, and who the customer goes to. */
    public record NewCustomer(ImportRow row, String ownerId) {
    }

    /**
     * What became of a {@link NewCustomer}: the customer made (null when the store refused it) and
     * whether its contact and order went in; {@code refusal} says why the row failed, when it did
     * (the customer may have been made before its contact was refused, as with a row written alone).
     */
    public record Made(Company company, String refusal, boolean contactAdded, boolean orderAdded) {
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
        Pass pass = new Pass(new RowCheck(mapping, options.freeMail()), new CustomerIndex(store), options, writes, rejected,
                reasonText);
        long done = 0;
        Iterator<Sheet.Row> rows = sheet.rows();
        List<Sheet.Row> batch = new ArrayList<>(BATCH);
        while (rows.hasNext()) {
            batch.add(rows.next());
            if (batch.size() == BATCH || !rows.hasNext()) {
                pass.batch(batch);
                done += batch.size();
                batch.clear();
                if (rows.hasNext()) {
                    progress.accept(done);
                }
            }
        }
        progress.accept(done);
        return pass.report;
    }

    /**
     * One run over a sheet, a batch of rows at a time: the batch's contact addresses are looked up in
     * one query, its rows decided in order, and the customers it creates written together at its end
     * (or earlier, when a later row of the batch names one of them). Only the batch is held.
     */
    private final class Pass {
        final RowCheck check;
        final CustomerIndex index;
        final Options options;
        final Writes writes;
        final RejectedRows rejected;
        final Function<Rejection, String> reasonText;
        final ImportReport report = new ImportReport();
        final Map<String, Boolean> reps = new HashMap<>();
        /** The rows whose customers are still to be made, in order. */
        final List<Pending> pending = new ArrayList<>();
        /** The batch's addresses that belong to a contact now (address as stored → its customer). */
        Map<String, String> known = new HashMap<>();

        Pass(RowCheck check, CustomerIndex index, Options options, Writes writes, RejectedRows rejected,
                Function<Rejection, String> reasonText) {
            this.check = check;
            this.index = index;
            this.options = options;
            this.writes = writes;
            this.rejected = rejected;
            this.reasonText = reasonText;
        }

        void batch(List<Sheet.Row> rows) throws IOException {
            List<RowCheck.Checked> checked = new ArrayList<>(rows.size());
            java.util.Set<String> addresses = new java.util.HashSet<>();
            for (Sheet.Row row : rows) {
                RowCheck.Checked c = check.check(row);
                if (c instanceof ImportRow importRow) {
                    c = owned(importRow, options, row.cells());
                }
                if (c instanceof ImportRow importRow && importRow.contact() != null) {
                    addresses.addAll(importRow.contact().addresses());
                }
                checked.add(c);
            }
            known = new HashMap<>();
            store.contacts().byAddresses(addresses).forEach((address, contact) -> {
                if (contact.companyId() != null) {
                    known.put(address, contact.companyId());
                }
            });
            for (int i = 0; i < rows.size(); i++) {
                Sheet.Row row = rows.get(i);
                RowCheck.Checked c = checked.get(i);
                if (c instanceof ImportRow importRow) {
                    String ownerId = importRow.owner() != null ? importRow.owner() : options.ownerId();
                    try {
                        apply(importRow, ownerId, row.cells());
                    } catch (io.genjin.store.Invalid | io.genjin.store.Conflicting e) {
                        c = new Rejection(row.line(), "failed", e.getMessage(), row.cells());
                    }
                }
                if (c instanceof Rejection rejection) {
                    reject(rejection);
                }
            }
            flush();
        }

        void reject(Rejection rejection) throws IOException {
            report.count(Outcome.REJECT, new Example(rejection.line(), Outcome.REJECT, null, null, null,
                    rejection.reason(), rejection.value()));
            if (rejected != null) {
                rejected.add(rejection, reasonText.apply(rejection));
            }
        }

        private void apply(ImportRow row, String ownerId, List<String> cells) throws IOException {
            Optional<CustomerIndex.Found> found = index.find(row, known);
            if (found.isPresent() && CustomerIndex.pending(found.get().companyId())) {
                // A customer an earlier row of this batch makes: make it now, then decide this row.
                flush();
                found = index.find(row, known);
            }
            if (found.isPresent() && found.get().companyId().startsWith("planned:")) {
                // A dry run: an earlier row of this file would have made the customer.
                report.count(Outcome.UPDATE, example(row, Outcome.UPDATE, found.get()));
                countParts(row, true);
                return;
            }
            Company company = found.flatMap(f -> store.companies().findLive(f.companyId())).orElse(null);
            if (company == null) {
                if (writes == null) {
                    index.addPlanned("planned:" + row.line(), row);
                    countParts(row, true);
                    report.count(Outcome.CREATE, example(row, Outcome.CREATE, null));
                } else {
                    String placeholder = CustomerIndex.PENDING + row.line();
                    index.addPlanned(placeholder, row);
                    pending.add(new Pending(row, ownerId, placeholder, cells));
                }
                return;
            }
            CustomerIndex.Found match = found.get();
            boolean othersCustomer = company.ownerId() != null && !company.ownerId().equals(ownerId);
            if (othersCustomer && (reps.computeIfAbsent(ownerId, ImportCustomers.this::isRep)
                    || !store.access().canSee(options.importer(), company))) {
                if (writes != null) {
                    writes.conflict(company, ownerId, row.line());
                }
                report.count(Outcome.CONFLICT, example(row, Outcome.CONFLICT, match));
                return;
            }
            if (writes != null) {
                writes.update(company, row);
                if (row.contact() != null && writes.contact(company, row.contact())) {
                    report.contactAdded();
                    row.contact().addresses().forEach(a -> known.put(CustomerIndex.address(a), company.id()));
                }
                if (row.order() != null && writes.order(company, row.order())) {
                    report.orderAdded();
                }
            } else {
                countParts(row, false);
                if (row.order() != null && store.orders().ofCompany(company.id()).stream()
                        .noneMatch(o -> o.number().equals(row.order().number()))) {
                    report.orderAdded();
                }
            }
            report.count(Outcome.UPDATE, example(row, Outcome.UPDATE, match));
        }

        /** Makes the customers of the pending rows, in one go. */
        void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            List<Made> made = writes.createAll(pending.stream().map(p -> new NewCustomer(p.row(), p.ownerId())).toList());
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                Made m = made.get(i);
                index.settle(p.placeholder(), p.row(), m.company());
                if (m.company() != null && m.contactAdded()) {
                    p.row().contact().addresses().forEach(a -> known.put(CustomerIndex.address(a), m.company().id()));
                }
                if (m.refusal() != null) {
                    reject(new Rejection(p.row().line(), "failed", m.refusal(), p.cells()));
                    continue;
                }
                if (m.contactAdded()) {
                    report.contactAdded();
                }
                if (m.orderAdded()) {
                    report.orderAdded();
                }
                report.count(Outcome.CREATE, example(p.row(), Outcome.CREATE, null));
            }
            pending.clear();
        }

        /** A dry run's guess: a contact whose addresses are all unknown would be added, so would any order of a new customer. */
        private void countParts(ImportRow row, boolean newCustomer) {
            if (row.contact() != null && row.contact().addresses().stream()
                    .noneMatch(a -> known.containsKey(CustomerIndex.address(a)))) {
                report.contactAdded();
            }
            if (row.order() != null && newCustomer) {
                report.orderAdded();
            }
        }
    }

    /** A row whose customer is made with the batch; its cells kept for the rejected-rows file. */
    private record Pending(ImportRow row, String ownerId, String placeholder, List<String> cells) {
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

    private boolean isRep(String userId) {
        return store.users().find(userId).map(User::role).orElse(Role.REP) == Role.REP;
    }

    private static Example example(ImportRow row, Outcome outcome, CustomerIndex.Found match) {
        String matchedId = match == null || match.companyId().startsWith("planned:") ? null : match.companyId();
        return new Example(row.line(), outcome, row.company(), matchedId, match == null ? null : match.by(), null, null);
    }
}
