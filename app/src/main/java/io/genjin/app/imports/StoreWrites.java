package io.genjin.app.imports;

import io.genjin.app.customer.CreateCustomer;
import io.genjin.app.customer.EditCustomer;
import io.genjin.app.customer.SaveContact;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.reports.imports.ImportCustomers;
import io.genjin.reports.imports.ImportRow;
import io.genjin.store.CrmStore;
import io.genjin.store.Invalid;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.MoveCustomerToStage;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.order.RecordOrder;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An import's writes, through the same activities the API and the pages call: a customer is made by
 * {@link CreateCustomer}, edited by {@link EditCustomer}, moved by {@link MoveCustomerToStage} (which
 * puts the change on the timeline and tells the follow-up rules), a contact added by
 * {@link SaveContact}, an order recorded by {@link RecordOrder} (on the timeline); a 撞客 goes to the
 * conflicts a manager resolves, with an audit entry.
 */
final class StoreWrites implements ImportCustomers.Writes {
    private final CrmStore store;
    private final SignedIn me;
    private final String importId;
    private final CreateCustomer createCustomer;
    private final EditCustomer editCustomer;
    private final MoveCustomerToStage moveToStage;
    private final SaveContact saveContact;
    private final RecordOrder recordOrder;

    StoreWrites(CrmStore store, SignedIn me, String importId, CreateCustomer createCustomer, EditCustomer editCustomer,
            MoveCustomerToStage moveToStage, SaveContact saveContact, RecordOrder recordOrder) {
        this.store = store;
        this.me = me;
        this.importId = importId;
        this.createCustomer = createCustomer;
        this.editCustomer = editCustomer;
        this.moveToStage = moveToStage;
        this.saveContact = saveContact;
        this.recordOrder = recordOrder;
    }

    @Override
    public Company create(ImportRow row, String ownerId) {
        try {
            return createCustomer.create(me, fields(row, ownerId));
        } catch (Conflict e) {
            throw new Invalid(e.getMessage());
        }
    }

    /**
     * The batch path: the customers in one bulk insert ({@link CreateCustomer#createAll}, checked as a
     * single create is), then their contacts in another ({@link SaveContact#addAll}); orders, rarer
     * in a customer sheet, are recorded one by one. The same documents as row by row, in two round
     * trips per batch instead of two per row.
     */
    @Override
    public List<ImportCustomers.Made> createAll(List<ImportCustomers.NewCustomer> rows) {
        List<CreateCustomer.Made> companies = createCustomer.createAll(me, rows.stream().map(n -> fields(n.row(),
                n.ownerId())).toList());
        List<SaveContact.NewContact> contacts = new ArrayList<>();
        List<Integer> contactOf = new ArrayList<>();
        java.util.Set<String> known = store.contacts().byAddresses(rows.stream().map(n -> n.row().contact())
                .filter(java.util.Objects::nonNull).flatMap(p -> p.addresses().stream()).toList()).keySet();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow.Person person = rows.get(i).row().contact();
            Company company = companies.get(i).company();
            if (company == null || person == null) {
                continue;
            }
            List<String> unknown = person.addresses().stream()
                    .filter(a -> !known.contains(io.genjin.store.customer.Contacts.normalized(a))).toList();
            if (!unknown.isEmpty()) {
                contacts.add(new SaveContact.NewContact(company, new SaveContact.Fields(person.name(), unknown,
                        person.phones(), person.title(), null, null, null)));
                contactOf.add(i);
            }
        }
        List<SaveContact.Saved> saved = contacts.isEmpty() ? List.of() : saveContact.addAll(contacts);
        String[] contactRefusal = new String[rows.size()];
        boolean[] contactAdded = new boolean[rows.size()];
        for (int k = 0; k < saved.size(); k++) {
            int i = contactOf.get(k);
            contactAdded[i] = saved.get(k).contact() != null;
            contactRefusal[i] = saved.get(k).refusal();
        }
        List<ImportCustomers.Made> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Company company = companies.get(i).company();
            if (company == null) {
                out.add(new ImportCustomers.Made(null, companies.get(i).refusal(), false, false));
            } else if (contactRefusal[i] != null) {
                out.add(new ImportCustomers.Made(company, contactRefusal[i], false, false));
            } else {
                ImportRow.OrderLine order = rows.get(i).row().order();
                try {
                    out.add(new ImportCustomers.Made(company, null, contactAdded[i], order != null && order(company, order)));
                } catch (Invalid | io.genjin.store.Conflicting e) {
                    out.add(new ImportCustomers.Made(company, e.getMessage(), contactAdded[i], false));
                }
            }
        }
        return out;
    }

    private static CreateCustomer.Fields fields(ImportRow row, String ownerId) {
        return new CreateCustomer.Fields(row.company(), row.domain() == null ? List.of() : List.of(row.domain()),
                row.country(), row.industry(), row.grade(), row.stage(), ownerId, row.tags());
    }

    private List<String> unknownAddresses(ImportRow.Person person) {
        List<String> unknown = new ArrayList<>();
        for (String address : person.addresses()) {
            if (store.contacts().byAddress(address).isEmpty()) {
                unknown.add(address);
            }
        }
        return unknown;
    }

    @Override
    public void update(Company company, ImportRow row) {
        boolean fills = (company.country() == null && row.country() != null)
                || (company.industry() == null && row.industry() != null)
                || (row.grade() != null && row.grade() != company.grade())
                || (!row.tags().isEmpty() && !company.tags().containsAll(row.tags()));
        Company current = company;
        if (fills) {
            java.util.Set<String> tags = new java.util.LinkedHashSet<>(company.tags());
            tags.addAll(row.tags());
            current = editCustomer.edit(company, new EditCustomer.Changes(null, null,
                    company.country() == null ? row.country() : null, company.industry() == null ? row.industry() : null,
                    row.grade(), tags));
        }
        if (row.stage() != null && row.stage() != current.stage()) {
            moveToStage.move(current, row.stage(), null, me.userId());
        }
    }

    @Override
    public boolean contact(Company company, ImportRow.Person person) {
        List<String> unknown = unknownAddresses(person);
        if (unknown.isEmpty()) {
            return false;
        }
        try {
            saveContact.add(company, new SaveContact.Fields(person.name(), unknown, person.phones(), person.title(), null,
                    null, null));
            return true;
        } catch (Conflict e) {
            throw new Invalid(e.getMessage());
        }
    }

    @Override
    public boolean order(Company company, ImportRow.OrderLine order) {
        String number = order.number().trim();
        if (store.orders().ofCompany(company.id()).stream().anyMatch(o -> o.number().equals(number))) {
            return false;
        }
        // A sheet of orders is the business already done (a PI only sent would not be in it), so each
        // counts as a completed order for the "days since the last order" rules and RFM.
        recordOrder.record(company, new RecordOrder.NewOrder(number,
                order.date() == null ? null : order.date().atStartOfDay(ZoneOffset.UTC).toInstant(), order.currency(),
                order.amount(), OrderStatus.BALANCE_PAID, List.of()), me.userId());
        return true;
    }

    @Override
    public void conflict(Company company, String claimantId, long line) {
        var conflict = store.conflicts().record(company.id(), company.ownerId(), claimantId, "import:" + importId + ":" + line,
                store.clock().instant());
        store.audit().record(me.userId(), "import.conflict", "company", company.id(),
                Map.of("import", importId, "row", Long.toString(line), "conflict", conflict.id()));
    }
}
