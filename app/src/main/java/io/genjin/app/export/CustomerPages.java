package io.genjin.app.export;

import io.genjin.app.export.ListTables.ContactRow;
import io.genjin.app.export.ListTables.OrderRow;
import io.genjin.store.CrmStore;
import io.genjin.store.OnePass;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.order.Order;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Contacts and orders with their customers, kept when the customer passes the export's filter. They
 * are read in their own pass and joined a page at a time, by primary key: on the embedded server, which
 * builds no secondary index, asking for "the contacts of these 1,000 customers" would read every
 * contact once per page of customers.
 */
final class CustomerPages {
    private CustomerPages() {
    }

    static Stream<ContactRow> contacts(CrmStore store, Stream<Contact> contacts, Predicate<Company> shown) {
        return joined(store, contacts, Contact::companyId, shown, ContactRow::new);
    }

    static Stream<OrderRow> orders(CrmStore store, Stream<Order> orders, Predicate<Company> shown) {
        return joined(store, orders, Order::companyId, shown, OrderRow::new);
    }

    private static <T, R> Stream<R> joined(CrmStore store, Stream<T> items, Function<T, String> companyIdOf,
            Predicate<Company> shown, java.util.function.BiFunction<T, Company, R> row) {
        return pages(items).flatMap(page -> {
            Map<String, Company> companies = store.companies()
                    .byIds(page.stream().map(companyIdOf).filter(java.util.Objects::nonNull).collect(Collectors.toSet()))
                    .stream().filter(shown).collect(Collectors.toMap(Company::id, c -> c));
            return page.stream().filter(i -> companies.containsKey(companyIdOf.apply(i)))
                    .map(i -> row.apply(i, companies.get(companyIdOf.apply(i))));
        });
    }

    /** The stream cut into lists of {@link OnePass#PAGE}, read as they are asked for; closing it closes the source. */
    static <T> Stream<List<T>> pages(Stream<T> items) {
        Iterator<T> source = items.iterator();
        Iterator<List<T>> pages = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public List<T> next() {
                List<T> page = new ArrayList<>(OnePass.PAGE);
                while (source.hasNext() && page.size() < OnePass.PAGE) {
                    page.add(source.next());
                }
                return page;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
                .onClose(items::close);
    }
}
