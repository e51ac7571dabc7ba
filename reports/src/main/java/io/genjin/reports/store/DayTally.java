package io.genjin.reports.store;

import io.genjin.reports.activity.MailSide;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * One user's day of mail sides counted ({@link Rollups.DayCounts}): per hour and kind of side, and the
 * customer sides again per set of customers. A side added counts once, one taken away uncounts the
 * same; so a day's counts move with the sides that changed, whatever number it already holds.
 */
final class DayTally {
    private final int[] perSlot = new int[Rollups.DayCounts.SLOTS];
    /** Per set of customers (their ids in the side's order, joined by NUL: ids hold none), in key order. */
    private final Map<String, int[]> perCustomers = new TreeMap<>();
    private final Map<String, List<String>> customerLists = new HashMap<>();

    /** The counts a day's counts document holds ({@code n} and {@code p}); an empty tally for null. */
    static DayTally of(Document counts) {
        DayTally tally = new DayTally();
        if (counts == null) {
            return tally;
        }
        decode(counts.getList("n", Integer.class, List.of()), tally.perSlot);
        for (Document p : counts.getList("p", Document.class, List.of())) {
            List<String> ids = p.getList("c", String.class);
            String key = String.join("\u0000", ids);
            tally.customerLists.put(key, List.copyOf(ids));
            decode(p.getList("n", Integer.class, List.of()), tally.perCustomers.computeIfAbsent(key, k -> new int[Rollups.DayCounts.SLOTS]));
        }
        return tally;
    }

    private static void decode(List<Integer> codes, int[] into) {
        for (int code : codes) {
            into[code >>> 20] += code & 0xFFFFF;
        }
    }

    /**
     * Counts one side ({@code by} = 1), or takes it away ({@code by} = -1): a side as {@link Rollups}
     * keeps it, with {@code t} (when), {@code s} (sent), {@code x} (the counterpart) and {@code c} (customers).
     */
    void add(Document side, int by) {
        long t = side.getDate("t").getTime();
        int hour = (int) (Math.floorMod(t, 86_400_000L) / 3_600_000L);
        MailSide.Counterpart k = MailSide.Counterpart.valueOf(side.getString("x"));
        int slot = hour * 6 + (Boolean.TRUE.equals(side.getBoolean("s")) ? 3 : 0) + k.ordinal();
        perSlot[slot] += by;
        if (k == MailSide.Counterpart.CUSTOMER && side.get("c") instanceof List<?> c && !c.isEmpty()) {
            List<String> ids = c.stream().map(String.class::cast).toList();
            String key = String.join("\u0000", ids);
            customerLists.putIfAbsent(key, ids);
            int[] slots = perCustomers.computeIfAbsent(key, x -> new int[Rollups.DayCounts.SLOTS]);
            slots[slot] += by;
            if (java.util.Arrays.stream(slots).allMatch(n -> n == 0)) {
                perCustomers.remove(key);
                customerLists.remove(key);
            }
        }
    }

    /**
     * The day's counts document: {@code n} the counts per hour and kind of side, {@code t} the customers
     * touched (their ids, sorted, joined by commas) and {@code p} the customer sides per set of customers.
     */
    Document counts(String key) {
        List<Document> customers = new ArrayList<>();
        TreeSet<String> touched = new TreeSet<>();
        perCustomers.forEach((set, slots) -> {
            customers.add(new Document("c", customerLists.get(set)).append("n", codes(slots)));
            touched.addAll(customerLists.get(set));
        });
        return new Document("_id", key).append("u", Rollups.userOf(key)).append("d", Rollups.dayOf(key)).append("n", codes(perSlot))
                .append("t", String.join(",", touched)).append("p", customers);
    }

    private static List<Integer> codes(int[] perSlot) {
        List<Integer> codes = new ArrayList<>();
        for (int slot = 0; slot < perSlot.length; slot++) {
            if (perSlot[slot] > 0) {
                codes.add(slot << 20 | Math.min(perSlot[slot], 0xFFFFF));
            }
        }
        return codes;
    }

    /** Whether two sides as kept count the same (null: no side). */
    static boolean same(Document a, Document b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getDate("t").equals(b.getDate("t")) && Boolean.TRUE.equals(a.getBoolean("s")) == Boolean.TRUE.equals(b.getBoolean("s"))
                && a.getString("x").equals(b.getString("x")) && String.valueOf(a.get("c")).equals(String.valueOf(b.get("c")));
    }

    /** What {@link #add} counts of a side, alone (as a day's counts document keeps its sides). */
    static Document counted(Document side) {
        return side(side.getDate("t"), Boolean.TRUE.equals(side.getBoolean("s")), MailSide.Counterpart.valueOf(side.getString("x")),
                side.getList("c", String.class));
    }

    /** A side as kept, for {@link #add}. */
    static Document side(Date at, boolean sent, MailSide.Counterpart counterpart, List<String> companyIds) {
        return new Document("t", at).append("s", sent).append("x", counterpart.name()).append("c", companyIds);
    }
}
