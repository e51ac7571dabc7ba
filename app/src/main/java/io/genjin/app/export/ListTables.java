package io.genjin.app.export;

import io.genjin.reports.export.Cell;
import io.genjin.reports.export.Column;
import io.genjin.reports.export.Table;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.order.Order;
import io.genjin.store.order.OrderItem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of the customer, contact and order exports. Times are shown in the team's zone,
 * grades, stages and statuses in the reader's language ({@code label} turns a message key into
 * text), owners by name.
 */
final class ListTables {
    private final ZoneId zone;
    private final Function<String, String> label;
    private final Function<String, String> userName;

    ListTables(ZoneId zone, Function<String, String> label, Function<String, String> userName) {
        this.zone = zone;
        this.label = label;
        this.userName = userName;
    }

    record ContactRow(Contact contact, Company company) {
    }

    record OrderRow(Order order, Company company) {
    }

    Table<Company> customers() {
        return new Table<>(label.apply("export.sheet.customers"), List.of(
                Column.of("export.col.customer", c -> Cell.text(c.name())),
                Column.of("export.col.domains", c -> joined(c.domains())),
                Column.of("export.col.country", c -> Cell.text(c.country())),
                Column.of("export.col.industry", c -> Cell.text(c.industry())),
                Column.of("export.col.grade", c -> Cell.text(c.grade().name())),
                Column.of("export.col.stage", c -> Cell.text(label.apply("stage." + c.stage()))),
                Column.of("export.col.owner", c -> owner(c.ownerId())),
                Column.of("export.col.tags", c -> joined(c.tags().stream().sorted().toList())),
                Column.of("export.col.dormant", c -> yesNo(c.dormant())),
                Column.of("export.col.lastInbound", c -> time(c.lastInboundAt())),
                Column.of("export.col.lastOutbound", c -> time(c.lastOutboundAt())),
                Column.of("export.col.created", c -> time(c.createdAt())),
                Column.of("export.col.archived", c -> time(c.archivedAt())),
                Column.of("export.col.customerId", c -> Cell.text(c.id()))));
    }

    Table<ContactRow> contacts() {
        return new Table<>(label.apply("export.sheet.contacts"), List.of(
                Column.of("export.col.customer", r -> Cell.text(r.company().name())),
                Column.of("export.col.contact", r -> Cell.text(r.contact().name())),
                Column.of("export.col.emails", r -> joined(r.contact().addresses())),
                Column.of("export.col.phones", r -> joined(r.contact().phones())),
                Column.of("export.col.title", r -> Cell.text(r.contact().title())),
                Column.of("export.col.whatsApp", r -> Cell.text(r.contact().whatsApp())),
                Column.of("export.col.weChat", r -> Cell.text(r.contact().weChat())),
                Column.of("export.col.left", r -> yesNo(r.contact().left())),
                Column.of("export.col.owner", r -> owner(r.company().ownerId())),
                Column.of("export.col.created", r -> time(r.contact().createdAt())),
                Column.of("export.col.customerId", r -> Cell.text(r.company().id())),
                Column.of("export.col.contactId", r -> Cell.text(r.contact().id()))));
    }

    Table<OrderRow> orders() {
        return new Table<>(label.apply("export.sheet.orders"), List.of(
                Column.of("export.col.customer", r -> Cell.text(r.company().name())),
                Column.of("export.col.number", r -> Cell.text(r.order().number())),
                Column.of("export.col.status", r -> Cell.text(r.order().status() == null ? label.apply("order.confirmed")
                        : label.apply("orderStatus." + r.order().status()))),
                Column.of("export.col.ordered", r -> day(r.order().orderedAt())),
                Column.of("export.col.currency", r -> Cell.text(r.order().currency())),
                Column.of("export.col.amount", r -> Cell.number(r.order().amount())),
                Column.of("export.col.items", r -> items(r.order().items())),
                Column.of("export.col.recordedBy", r -> owner(r.order().ownerId())),
                Column.of("export.col.recorded", r -> time(r.order().recordedAt())),
                Column.of("export.col.customerId", r -> Cell.text(r.company().id())),
                Column.of("export.col.orderId", r -> Cell.text(r.order().id()))));
    }

    private Cell owner(String userId) {
        return userId == null ? Cell.text(label.apply("export.pool")) : Cell.text(userName.apply(userId));
    }

    private Cell yesNo(boolean value) {
        return Cell.text(label.apply(value ? "export.yes" : "export.no"));
    }

    private Cell time(Instant at) {
        return at == null ? Cell.EMPTY : Cell.dateTime(at.atZone(zone).toLocalDateTime());
    }

    private Cell day(Instant at) {
        return at == null ? Cell.EMPTY : Cell.date(at.atZone(zone).toLocalDate());
    }

    /** Several values in one cell, one per line: a spreadsheet shows them stacked, and commas inside stay readable. */
    private static Cell joined(Collection<String> values) {
        return values.isEmpty() ? Cell.EMPTY : Cell.text(String.join("\n", values));
    }

    private static Cell items(List<OrderItem> items) {
        if (items.isEmpty()) {
            return Cell.EMPTY;
        }
        return Cell.text(items.stream().map(i -> i.description()
                + (i.quantity() == null ? "" : " × " + i.quantity().toPlainString())
                + (i.unitPrice() == null ? "" : " @ " + i.unitPrice().toPlainString()))
                .collect(Collectors.joining("\n")));
    }
}
