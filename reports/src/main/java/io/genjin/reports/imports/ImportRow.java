package io.genjin.reports.imports;

import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A row that passed {@link RowCheck}: the customer it names (by name and, where it has one, its
 * business domain), and optionally a contact and an order on it. Null means "not given".
 */
public record ImportRow(long line, String company, String domain, String country, String industry, Grade grade,
        Stage stage, String owner, Person contact, OrderLine order, Set<String> tags) implements RowCheck.Checked {

    /** A contact: at least one address. */
    public record Person(String name, List<String> addresses, List<String> phones, String title) {
    }

    /** An order: number, amount and currency; the date may be missing (the import's day). */
    public record OrderLine(String number, BigDecimal amount, String currency, LocalDate date) {
    }
}
