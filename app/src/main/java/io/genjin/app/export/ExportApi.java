package io.genjin.app.export;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.ui.UiProperties;
import io.genjin.reports.export.ExportFormat;
import io.genjin.reports.export.Table;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.user.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer, contact and order lists as CSV or XLSX, with the customer list's filters (text,
 * current or archived) or one customer. Each caller gets what they may see (a rep their own and the
 * public pool, a manager the team's, an admin all), written to the response while it is read from the
 * store, and every export is audited: it carries customer data out of the product. The same
 * endpoints answer under {@code /export/...} for the web UI's session.
 */
@ConditionalOnRole(Roles.API)
@RestController
class ExportApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final MessageSource messages;
    private final ZoneId zone;

    ExportApi(CrmStore store, VisibleCustomers visible, MessageSource messages, UiProperties ui) {
        this.store = store;
        this.visible = visible;
        this.messages = messages;
        this.zone = ui.timeZone();
    }

    @GetMapping({"/api/export/customers.{format}", "/export/customers.{format}"})
    void customers(@AuthenticationPrincipal SignedIn me, @PathVariable String format, Filters filters,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        export("customers", me, format, filters, request, response, (tables, one) -> write(tables.customers(),
                one != null ? Stream.of(one) : store.companies().streamMatching(visible.scope(me), filters.q(), filters.archivedOnly())));
    }

    @GetMapping({"/api/export/contacts.{format}", "/export/contacts.{format}"})
    void contacts(@AuthenticationPrincipal SignedIn me, @PathVariable String format, Filters filters,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        export("contacts", me, format, filters, request, response,
                (tables, one) -> write(tables.contacts(), one != null
                        ? store.contacts().ofCompany(one.id()).stream().map(c -> new ListTables.ContactRow(c, one))
                        : CustomerPages.contacts(store, store.contacts().streamLive(), shown(me, filters))));
    }

    @GetMapping({"/api/export/orders.{format}", "/export/orders.{format}"})
    void orders(@AuthenticationPrincipal SignedIn me, @PathVariable String format, Filters filters,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        export("orders", me, format, filters, request, response,
                (tables, one) -> write(tables.orders(), one != null
                        ? store.orders().ofCompany(one.id()).stream().map(o -> new ListTables.OrderRow(o, one))
                        : CustomerPages.orders(store, store.orders().streamAll(), shown(me, filters))));
    }

    /**
     * @param q        customers whose name or domain contains this, as on the customer list
     * @param archived the archived customers instead of the current ones
     * @param company  one customer only (its id); the other filters then do not apply
     * @param lang     {@code en} or {@code zh-CN}: the language of the header and labels; the user's own otherwise
     */
    record Filters(String q, Boolean archived, String company, String lang) {
        boolean archivedOnly() {
            return Boolean.TRUE.equals(archived);
        }
    }

    /** @param one the customer asked for, or null for the list */
    private interface Body {
        Writing apply(ListTables tables, Company one);
    }

    private java.util.function.Predicate<Company> shown(SignedIn me, Filters filters) {
        return io.genjin.store.customer.Companies.matcher(visible.scope(me), filters.q(), filters.archivedOnly());
    }

    private interface Writing {
        long to(ExportFormat format, Function<String, String> label, OutputStream out) throws IOException;
    }

    /** Writes the rows and closes their stream (and the store's pass under it). */
    private static <T> Writing write(Table<T> table, Stream<T> rows) {
        return (format, label, out) -> {
            AtomicLong count = new AtomicLong();
            try (rows) {
                table.write(format, label, rows.peek(r -> count.incrementAndGet()), out);
            }
            return count.get();
        };
    }

    private void export(String list, SignedIn me, String extension, Filters filters, HttpServletRequest request,
            HttpServletResponse response, Body body) throws IOException {
        ExportFormat format = Downloads.format(extension);
        // Checked before a byte is written, so that a customer one may not see is a 404 like any other.
        Company one = filters.company() == null || filters.company().isBlank() ? null : visible.company(me, filters.company());
        Locale locale = Downloads.locale(me, filters.lang(), request);
        Function<String, String> label = key -> messages.getMessage(key, null, key, locale);
        ListTables tables = new ListTables(zone, label, names());
        String day = java.time.LocalDate.now(store.clock().withZone(zone)).toString();
        Downloads.start(response, format, label.apply("export.file." + list) + "-" + day, list);
        long rows = 0;
        boolean complete = false;
        try {
            rows = body.apply(tables, one).to(format, label, response.getOutputStream());
            complete = true;
        } finally {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("format", format.extension());
            details.put("rows", Long.toString(rows));
            details.put("complete", Boolean.toString(complete));
            if (one != null) {
                details.put("company", one.id());
            } else {
                details.put("q", filters.q() == null ? "" : filters.q());
                details.put("archived", Boolean.toString(filters.archivedOnly()));
            }
            store.audit().record(me.userId(), "export." + list, "export", list, details);
        }
    }

    /** Owners' names, each read once per export: there are a few dozen users, not thousands. */
    private Function<String, String> names() {
        Map<String, String> known = new HashMap<>();
        return id -> known.computeIfAbsent(id, k -> store.users().find(k).map(User::name).orElse(k));
    }
}
