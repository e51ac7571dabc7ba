package io.genjin.followup.health;

import io.genjin.store.order.Order;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.order.Payment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The nightly recompute's inputs read as BSON documents, field by field, into the same records the
 * object mapping builds: the mapping (reflection, type hints, conversions per property) cost more than
 * the store's read of 100,000 customers. Only the fields the score reads are decoded; {@code
 * RawReadsTest} pins that each decoder builds what the mapping builds from the same document.
 */
final class RawReads {
    private RawReads() {
    }

    static Signals signals(Document d) {
        List<Signals.Mail> mail = new ArrayList<>();
        for (Document m : docs(d.get("mail"))) {
            mail.add(new Signals.Mail(m.getString("m"), instant(m.get("at")), bool(m.get("in")), m.getString("tone"),
                    bool(m.get("dissatisfied")), strings(m.get("topics"))));
        }
        return new Signals(id(d), mail, marks(d.get("bounces")), marks(d.get("quotes")), marks(d.get("quoteReads")),
                d.get("version") instanceof Number n ? n.longValue() : null);
    }

    static CustomerHealth health(Document d) {
        List<CustomerHealth.Part> parts = new ArrayList<>();
        for (Document p : docs(d.get("parts"))) {
            parts.add(new CustomerHealth.Part(p.getString("key"), integer(p.get("score")), integer(p.get("weight")),
                    bool(p.get("applies")), p.getString("reason"), strings(p.get("args"))));
        }
        List<CustomerHealth.Tag> tags = new ArrayList<>();
        for (Document t : docs(d.get("tags"))) {
            tags.add(new CustomerHealth.Tag(t.getString("key"), strings(t.get("evidence")), instant(t.get("since"))));
        }
        Map<String, Instant> removed = new HashMap<>();
        if (d.get("removed") instanceof Document r) {
            r.forEach((k, v) -> removed.put(k, instant(v)));
        }
        return new CustomerHealth(id(d), d.getString("ownerId"), integer(d.get("score")), parts, tags, removed,
                instant(d.get("belowSince")), instant(d.get("warningSince")), instant(d.get("computedAt")),
                instant(d.get("nextChangeAt")));
    }

    /** The fields of an order {@link Money} reads. */
    static final String[] ORDER_FIELDS = {"companyId", "amount", "orderedAt", "status"};

    static Order order(Document d) {
        String status = d.getString("status");
        return new Order(id(d), d.getString("companyId"), null, money(d.get("amount")), null, instant(d.get("orderedAt")),
                null, null, status == null ? null : OrderStatus.valueOf(status), List.of());
    }

    /** The fields of a payment {@link Money} reads. */
    static final String[] PAYMENT_FIELDS = {"companyId", "orderId", "amount", "paidAt"};

    static Payment payment(Document d) {
        return new Payment(id(d), d.getString("companyId"), d.getString("orderId"), money(d.get("amount")), null,
                instant(d.get("paidAt")), null);
    }

    static String id(Document d) {
        Object id = d.get("_id");
        return id == null ? null : id.toString();
    }

    static Instant instant(Object v) {
        if (v instanceof Date date) {
            return date.toInstant();
        }
        if (v instanceof String s) {
            return Instant.parse(s);
        }
        return null;
    }

    private static BigDecimal money(Object v) {
        if (v instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (v instanceof String s) {
            return new BigDecimal(s);
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return null;
    }

    private static List<Signals.Mark> marks(Object v) {
        List<Signals.Mark> marks = new ArrayList<>();
        for (Document m : docs(v)) {
            marks.add(new Signals.Mark(m.getString("m"), instant(m.get("at")), m.getString("what")));
        }
        return marks;
    }

    @SuppressWarnings("unchecked")
    private static List<Document> docs(Object v) {
        return v instanceof List<?> list ? (List<Document>) list : List.of();
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(list.size());
        list.forEach(x -> out.add(x == null ? null : x.toString()));
        return out;
    }

    private static boolean bool(Object v) {
        return v instanceof Boolean b && b;
    }

    private static int integer(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }
}
