package io.genjin.app.export;

import io.genjin.app.export.ListTables.ContactRow;
import io.genjin.app.export.ListTables.OrderRow;
import io.genjin.store.CrmStore;
import io.genjin.store.OnePass;
import io.genjin.store.customer.Company;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Contacts and orders of a stream of customers, a page of customers at a time: one query per page
 * for what hangs off them (by the {@code contact_company}, {@code orders.companyId} keys), rows
 * grouped by customer in the order the customers came.
 */
final class CustomerPages {
    private CustomerPages() {
    }

    static Stream<ContactRow> contacts(CrmStore store, Stream<Company> companies) {
        return pages(companies).flatMap(page -> {
            Map<String, Integer> at = positions(page);
            return store.contacts().ofCompanies(at.keySet()).stream()
                    .sorted(Comparator.comparing((io.genjin.store.customer.Contact c) -> at.get(c.companyId()))
                            .thenComparing(c -> c.name() == null ? "" : c.name()))
                    .map(c -> new ContactRow(c, page.get(at.get(c.companyId()))));
        });
    }

    static Stream<OrderRow> orders(CrmStore store, Stream<Company> companies) {
        return pages(companies).flatMap(page -> {
            Map<String, Integer> at = positions(page);
            return store.orders().ofCompanies(at.keySet()).stream()
                    .sorted(Comparator.comparing((io.genjin.store.order.Order o) -> at.get(o.companyId()))
                            .thenComparing(o -> o.orderedAt() == null ? java.time.Instant.MIN : o.orderedAt(),
                                    Comparator.reverseOrder()))
                    .map(o -> new OrderRow(o, page.get(at.get(o.companyId()))));
        });
    }

    private static Map<String, Integer> positions(List<Company> page) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < page.size(); i++) {
            at.put(page.get(i).id(), i);
        }
        return at;
    }

    /** The stream cut into lists of {@link OnePass#PAGE}, read as they are asked for. */
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
