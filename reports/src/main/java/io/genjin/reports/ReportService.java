package io.genjin.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genjin.reports.activity.FirstResponse;
import io.genjin.reports.activity.MailSide.Counterpart;
import io.genjin.reports.activity.ResponseTimes;
import io.genjin.reports.store.CompanyIndex;
import io.genjin.reports.store.Rollups;
import io.genjin.store.CrmStore;
import io.genjin.store.Invalid;
import io.genjin.store.NotFound;
import io.genjin.store.access.Viewer;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The manager reports over the store (docs/reports.md): who the viewer may report on, the activity
 * figures per rep and for the scope, and the items behind any figure, counted from the same list so
 * a drill-down always shows as many items as the figure said.
 */
public class ReportService {
    /** The figures whose items are mail, customers or tasks; anything else is a bad request. */
    public static final List<String> ACTIVITY_FIGURES = List.of("sent.customer", "sent.otherExternal", "sent.internal",
            "sent.total", "received.customer", "received.otherExternal", "received.internal", "received.total",
            "customersTouched", "newCustomers", "newLeads", "firstResponse.answered", "firstResponse.unanswered",
            "quotationsSent", "quoteOpens.quotations", "quoteOpens.humanOpened", "tasks.due", "tasks.done",
            "tasks.overdue", "escalations");

    private final CrmStore store;
    private final MongoOperations mongo;
    private final Rollups rollups;
    private final CompanyIndex companies;
    private final QuoteOpens opens;
    private final io.genjin.reports.store.TaskIndex taskCopy;
    private final io.genjin.reports.store.OrderIndex orderCopy;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param taskCopy  the tasks kept in memory, read again in the background
     * @param orderCopy the orders kept in memory likewise
     */
    public ReportService(CrmStore store, MongoOperations mongo, Rollups rollups, CompanyIndex companies,
            io.genjin.reports.store.TaskIndex taskCopy, io.genjin.reports.store.OrderIndex orderCopy, QuoteOpens opens,
            ZoneId zone, Clock clock) {
        this.taskCopy = java.util.Objects.requireNonNull(taskCopy, "taskCopy");
        this.orderCopy = java.util.Objects.requireNonNull(orderCopy, "orderCopy");
        this.store = store;
        this.mongo = mongo;
        this.rollups = rollups;
        this.companies = companies;
        this.opens = opens;
        this.zone = zone;
        this.clock = clock;
    }

    /** What tracking knows of one quotation's opens (the app asks the tracking module). */
    public interface QuoteOpens {
        /** @param messageId the RFC 5322 Message-ID; empty when the quotation was not tracked */
        Optional<Opens> of(String messageId);

        /**
         * The opens of many quotations at once, by Message-ID (those not tracked are absent). The
         * default asks one at a time; the app answers with one {@code $in} query on tracking's unique
         * Message-ID index.
         */
        default Map<String, Opens> of(Collection<String> messageIds) {
            Map<String, Opens> out = new HashMap<>();
            for (String id : messageIds) {
                of(id).ifPresent(o -> out.put(id, o));
            }
            return out;
        }

        record Opens(long humanOpens, long machineOpens) {
        }

        QuoteOpens NONE = id -> Optional.empty();
    }

    /** Asked for a rep or team outside what the viewer may see. */
    public static final class NotAllowed extends RuntimeException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** The tasks kept in memory. */
    public io.genjin.reports.store.TaskIndex taskCopy() {
        return taskCopy;
    }

    /** The orders kept in memory. */
    public io.genjin.reports.store.OrderIndex orderCopy() {
        return orderCopy;
    }

    // ------------------------------------------------------------------ request

    /** The period asked for: {@code kind} day, week, month or custom; {@code date} defaults to today. */
    public Period period(String kind, LocalDate date, LocalDate from, LocalDate to) {
        Period.Kind k;
        try {
            k = Period.Kind.valueOf((kind == null || kind.isBlank() ? "week" : kind).trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("period must be day, week, month or custom, not " + kind);
        }
        if (k == Period.Kind.CUSTOM) {
            if (from == null || to == null) {
                throw new Invalid("a custom period needs from and to (YYYY-MM-DD)");
            }
            if (to.isBefore(from)) {
                throw new Invalid("to is before from");
            }
            if (java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1 > 366) {
                throw new Invalid("a custom period is at most 366 days");
            }
            return Period.custom(from, to, zone);
        }
        return Period.containing(k, date != null ? date : LocalDate.now(clock.withZone(zone)), zone);
    }

    /** Optional filters on the customer; each set empty means "any". */
    public record Filter(Set<Grade> grades, Set<String> countries, Set<Stage> stages) {
        public static final Filter NONE = new Filter(Set.of(), Set.of(), Set.of());

        public boolean active() {
            return !grades.isEmpty() || !countries.isEmpty() || !stages.isEmpty();
        }

        boolean matchesOrNone(Company c) {
            return !active() || matches(c);
        }

        boolean matches(Company c) {
            return c != null && (grades.isEmpty() || grades.contains(c.grade()))
                    && (countries.isEmpty() || c.country() != null && countries.contains(c.country().toUpperCase(java.util.Locale.ROOT)))
                    && (stages.isEmpty() || stages.contains(c.stage()));
        }

        public static Filter parse(List<String> grade, List<String> country, List<String> stage) {
            Set<Grade> g = new LinkedHashSet<>();
            for (String v : split(grade)) {
                try {
                    g.add(Grade.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new Invalid("grade must be A, B, C or D, not " + v);
                }
            }
            Set<String> c = new LinkedHashSet<>();
            for (String v : split(country)) {
                if (!v.matches("[A-Za-z]{2}")) {
                    throw new Invalid("country is an ISO 3166 alpha-2 code, not " + v);
                }
                c.add(v.toUpperCase(java.util.Locale.ROOT));
            }
            Set<Stage> s = new LinkedHashSet<>();
            for (String v : split(stage)) {
                try {
                    s.add(Stage.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new Invalid("unknown stage " + v);
                }
            }
            return new Filter(Set.copyOf(g), Set.copyOf(c), Set.copyOf(s));
        }

        private static List<String> split(List<String> values) {
            List<String> out = new ArrayList<>();
            if (values != null) {
                values.forEach(v -> {
                    for (String part : v.split(",")) {
                        if (!part.isBlank()) {
                            out.add(part.trim());
                        }
                    }
                });
            }
            return out;
        }
    }

    /** Whom a report covers: the team and rep asked for (or null) and the users in it. */
    public record Scope(String team, String rep, List<User> users) {
    }

    /** rep: only themself; manager: their team(s) and reports; admin: everyone. */
    public Scope scope(Viewer viewer, String team, String rep) {
        team = blank(team);
        rep = blank(rep);
        List<User> visible;
        Set<String> teams = new HashSet<>();
        if (viewer.isAdmin()) {
            visible = store.users().all();
            store.users().teams().forEach(t -> teams.add(t.id()));
        } else if (viewer.isManager()) {
            if (viewer.teamId() != null) {
                teams.add(viewer.teamId());
            }
            store.users().teams().stream().filter(t -> viewer.userId().equals(t.managerId())).map(Team::id)
                    .forEach(teams::add);
            visible = store.users().all().stream().filter(u -> u.id().equals(viewer.userId())
                    || u.teamId() != null && teams.contains(u.teamId()) || viewer.userId().equals(u.managerId())).toList();
        } else {
            if (team != null || rep != null && !rep.equals(viewer.userId())) {
                throw new NotAllowed("A rep's reports show only their own work.");
            }
            return new Scope(null, viewer.userId(), List.of(store.users().get(viewer.userId())));
        }
        if (team != null && !teams.contains(team)) {
            if (viewer.isAdmin()) {
                throw new NotFound("team", team);
            }
            throw new NotAllowed("Not a team you manage.");
        }
        List<User> users = visible;
        if (team != null) {
            String t = team;
            users = users.stream().filter(u -> t.equals(u.teamId())).toList();
        }
        if (rep != null) {
            String r = rep;
            users = users.stream().filter(u -> u.id().equals(r)).toList();
            if (users.isEmpty()) {
                if (viewer.isAdmin()) {
                    throw new NotFound("user", rep);
                }
                throw new NotAllowed("Not a rep on your team.");
            }
        }
        return new Scope(team, rep, users.stream().sorted(Comparator.comparing(User::name).thenComparing(User::id)).toList());
    }

    // ------------------------------------------------------------------ activity

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Counts(int customer, int otherExternal, int internal, int total) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FirstResponseFigures(int answered, int unanswered, Double medianMinutes, Double p90Minutes,
            Double medianBusinessMinutes, Double p90BusinessMinutes, Double within24h) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QuoteOpenFigures(int quotations, int humanOpened, Double humanOpenRate, long machineOpens,
            boolean approximate) {
    }

    public record TaskFigures(int due, int done, int overdue) {
    }

    public record Figures(Counts sent, Counts received, int customersTouched, int newCustomers, int newLeads,
            FirstResponseFigures firstResponse, int quotationsSent, QuoteOpenFigures quoteOpens, TaskFigures tasks,
            int escalations) {
    }

    public record PeriodView(String kind, LocalDate from, LocalDate to, String zone) {
    }

    public record Range(LocalDate from, LocalDate to) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScopeView(String team, String rep) {
    }

    public record RepFigures(String userId, String name, Figures current, Figures previous) {
    }

    public record Day(LocalDate date, int sent, int received, int quotationsSent) {
    }

    public record Activity(PeriodView period, Range previous, Instant asOf, ScopeView scope, Figures total,
            Figures totalPrevious, List<RepFigures> reps, List<Day> daily) {
    }

    public Activity activity(Scope scope, Period period, Filter filter) {
        Instant asOf = clock.instant();
        Computed current = compute(scope.users(), period, filter, asOf);
        Computed previous = compute(scope.users(), period.previous(), filter, asOf);
        List<RepFigures> reps = scope.users().stream().map(u -> new RepFigures(u.id(), u.name(),
                figures(current.of(u.id()), period, asOf), figures(previous.of(u.id()), period.previous(), asOf))).toList();
        Ledger total = current.total();
        List<Day> daily = new ArrayList<>();
        for (int i = 0; i < total.daily.length; i++) {
            daily.add(new Day(period.first().plusDays(i), total.daily[i][0], total.daily[i][1], total.daily[i][2]));
        }
        return new Activity(view(period), new Range(period.previous().first(), period.previous().last()), asOf,
                new ScopeView(scope.team(), scope.rep()), figures(total, period, asOf),
                figures(previous.total(), period.previous(), asOf), reps, daily);
    }

    PeriodView view(Period period) {
        return new PeriodView(period.kind().name().toLowerCase(java.util.Locale.ROOT), period.first(), period.last(),
                zone.getId());
    }

    // ------------------------------------------------------------------ items

    /** One thing behind a figure: a message, a customer or a task. Absent fields are left out. */
    public record ItemView(String kind, String id, String subject, String name, String title, Instant at, Instant dueAt,
            String companyId, String companyName, String userId, String grade, String country, String ownerId,
            String url) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Items(String figure, int count, List<ItemView> items, String next) {
    }

    public Items items(Scope scope, Period period, Filter filter, String figure, boolean previousSide, int limit,
            String after) {
        return items(scope, period, filter, figure, previousSide, limit, after, null, null, null);
    }

    /** {@code date}, {@code window} and {@code currency} are the RFM report's, for {@code rfm.<SEGMENT>}. */
    public Items items(Scope scope, Period period, Filter filter, String figure, boolean previousSide, int limit,
            String after, LocalDate date, Integer window, String currency) {
        checkFigure(figure);
        if (limit < 1 || limit > 500) {
            throw new Invalid("limit is 1 to 500");
        }
        int offset = 0;
        if (after != null && !after.isBlank()) {
            try {
                offset = Integer.parseInt(after);
            } catch (NumberFormatException e) {
                throw new Invalid("after is a cursor from a previous answer");
            }
            if (offset < 0) {
                throw new Invalid("after is a cursor from a previous answer");
            }
        }
        List<Item> all = itemList(scope, period, filter, figure, previousSide, date, window, currency);
        List<Item> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
        String next = offset + limit < all.size() ? Integer.toString(offset + limit) : null;
        return new Items(figure, all.size(), describe(page), next);
    }

    /** Every item behind a figure, in the drill-down's order; {@code count} is the figure. */
    public record AllItems(String figure, int count, java.util.stream.Stream<ItemView> items) {
    }

    /**
     * Every item behind a figure, as {@link #items} lists them page by page: the figure's list is
     * computed once, and its items are described (subjects, names, titles read from the store) a
     * page of {@value #DESCRIBE_PAGE} at a time as the stream is read, so an export of 100,000
     * messages never holds 100,000 subjects.
     */
    public AllItems allItems(Scope scope, Period period, Filter filter, String figure, boolean previousSide,
            LocalDate date, Integer window, String currency) {
        checkFigure(figure);
        List<Item> all = itemList(scope, period, filter, figure, previousSide, date, window, currency);
        int pages = (all.size() + DESCRIBE_PAGE - 1) / DESCRIBE_PAGE;
        return new AllItems(figure, all.size(), java.util.stream.IntStream.range(0, pages)
                .mapToObj(k -> all.subList(k * DESCRIBE_PAGE, Math.min(all.size(), (k + 1) * DESCRIBE_PAGE)))
                .flatMap(page -> describe(page).stream()));
    }

    private static final int DESCRIBE_PAGE = 500;

    private static void checkFigure(String figure) {
        if (figure == null || !ACTIVITY_FIGURES.contains(figure) && !figure.equals("coverage.silent")
                && !(figure.startsWith("funnel.") && funnelStage(figure.substring(7)) != null)
                && !(figure.startsWith("rfm.") && segment(figure.substring(4)) != null)) {
            throw new Invalid("figure must be one of " + ACTIVITY_FIGURES + ", coverage.silent, funnel.<stage> or "
                    + "rfm.<SEGMENT>" + (figure == null ? "" : ", not " + figure));
        }
    }

    private List<Item> itemList(Scope scope, Period period, Filter filter, String figure, boolean previousSide,
            LocalDate date, Integer window, String currency) {
        Period p = previousSide ? period.previous() : period;
        List<Item> all = new ArrayList<>(figure.equals("coverage.silent") ? silentItems(scope, filter)
                : figure.startsWith("funnel.") ? funnelItems(scope, p, filter, funnelStage(figure.substring(7)))
                : figure.startsWith("rfm.") ? rfmItems(scope,
                        date != null ? date : LocalDate.now(clock.withZone(zone)), window == null ? 365 : window, currency,
                        filter, segment(figure.substring(4)))
                : compute(scope.users(), p, filter, clock.instant(), figure).total().items(figure));
        all.sort(Comparator.comparing(Item::at, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Item::id)
                .thenComparing(i -> String.valueOf(i.userId())));
        return all;
    }

    private List<ItemView> describe(List<Item> page) {
        CompanyIndex.Snapshot cs = companies.now();
        Set<String> messageIds = new HashSet<>();
        Set<String> taskIds = new HashSet<>();
        page.forEach(i -> (i.kind().equals("message") ? messageIds : i.kind().equals("task") ? taskIds : new HashSet<String>())
                .add(i.id()));
        Map<String, StoredMessage> messages = new HashMap<>();
        if (!messageIds.isEmpty()) {
            Query q = Query.query(Criteria.where("_id").in(messageIds));
            q.fields().include("subject", "sentAt", "storedAt", "companyId", "companyIds");
            mongo.find(q, StoredMessage.class).forEach(m -> messages.put(m.id(), m));
        }
        Map<String, Task> tasks = new HashMap<>();
        store.tasks().findAll(taskIds).forEach(t -> tasks.put(t.id(), t));
        List<ItemView> out = new ArrayList<>();
        for (Item i : page) {
            String companyName = i.companyId() == null ? null : cs.get(i.companyId()).map(Company::name).orElse(null);
            switch (i.kind()) {
                case "message" -> {
                    StoredMessage m = messages.get(i.id());
                    out.add(new ItemView("message", i.id(), m == null ? null : m.subject(), null, null, i.at(), null,
                            i.companyId(), companyName, i.userId(), null, null, null, "/messages/" + i.id()));
                }
                case "customer" -> {
                    Company c = cs.get(i.id()).orElse(null);
                    out.add(new ItemView("customer", i.id(), null, c == null ? null : c.name(), null, null, null, null,
                            null, null, c == null ? null : c.grade().name(), c == null ? null : c.country(),
                            c == null ? null : c.ownerId(), "/customers/" + i.id()));
                }
                default -> {
                    Task t = tasks.get(i.id());
                    out.add(new ItemView("task", i.id(), null, null, t == null ? null : t.title(), null,
                            t == null ? null : t.dueAt(), i.companyId(), companyName, i.userId(), null, null, null,
                            // a task has no page of its own: its customer's page lists it, else the task list
                            i.companyId() != null ? "/customers/" + i.companyId() : "/tasks"));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ computing

    /** One thing counted in a figure; the same list gives the count and the drill-down. */
    record Item(String kind, String id, Instant at, String companyId, String userId) {
    }

    /** The figures a ledger counts, by position (customers touched are counted from their set). */
    private static final Map<String, Integer> SLOT = new HashMap<>();

    static {
        for (int i = 0; i < ACTIVITY_FIGURES.size(); i++) {
            SLOT.put(ACTIVITY_FIGURES.get(i), i);
        }
    }

    /** The figures whose items are the mail sides (and the customers they touched). */
    private static final Set<String> SIDE_FIGURES = Set.of("sent.customer", "sent.otherExternal", "sent.internal",
            "sent.total", "received.customer", "received.otherExternal", "received.internal", "received.total",
            "customersTouched");

    /** sent./received. × customer, other external, internal: the figure each side counts in. */
    private static final String[][] SIDE_FIGURE = new String[2][Counterpart.values().length];

    static {
        for (Counterpart c : Counterpart.values()) {
            String suffix = switch (c) {
                case CUSTOMER -> "customer";
                case OTHER_EXTERNAL -> "otherExternal";
                case INTERNAL -> "internal";
            };
            SIDE_FIGURE[0][c.ordinal()] = "received." + suffix;
            SIDE_FIGURE[1][c.ordinal()] = "sent." + suffix;
        }
    }

    /**
     * Per figure, how many things it counts; the items themselves only for the one figure a
     * drill-down asks for ({@code collect}), so a team report does not build an object per message.
     * Also the customers touched (each once), the waits for the first-response figures, the quote
     * opens, and per day of the period the mail sent and received and the quotations sent.
     */
    static final class Ledger {
        private final String collect;
        private final long[] dayStarts;
        final Map<String, List<Item>> items = new HashMap<>();
        final int[] counts = new int[ACTIVITY_FIGURES.size()];
        /** Customers touched, in the order first seen. */
        final Set<String> touched = new LinkedHashSet<>();
        final List<Rollups.Wait> waits = new ArrayList<>();
        final Map<String, QuoteOpens.Opens> quoteOpens = new HashMap<>();
        /** Per day of the period: sent, received, quotations sent. */
        final int[][] daily;

        Ledger() {
            this(null, new long[0]);
        }

        Ledger(String collect, long[] dayStarts) {
            this.collect = collect;
            this.dayStarts = dayStarts;
            this.daily = new int[dayStarts.length][3];
        }

        /** The items behind a figure: only the collected figure has them. */
        List<Item> items(String figure) {
            return items.getOrDefault(figure, List.of());
        }

        int count(String figure) {
            return figure.equals("customersTouched") ? touched.size() : counts[SLOT.get(figure)];
        }

        boolean wants(String figure) {
            return figure.equals(collect);
        }

        void count(String figure, Instant at) {
            count(figure, at.toEpochMilli(), 1);
        }

        /** Counts {@code n} things of a figure at {@code at} (epoch milliseconds). */
        void count(String figure, long at, int n) {
            counts[SLOT.get(figure)] += n;
            int column = switch (figure) {
                case "sent.total" -> 0;
                case "received.total" -> 1;
                case "quotationsSent" -> 2;
                default -> -1;
            };
            if (column >= 0 && dayStarts.length > 0) {
                int day = java.util.Arrays.binarySearch(dayStarts, at);
                day = day >= 0 ? day : -day - 2;
                if (day >= 0 && day < dayStarts.length) {
                    daily[day][column] += n;
                }
            }
        }

        /** Counts the thing, keeping it when this figure's items are collected. */
        void add(String figure, Item item) {
            count(figure, item.at());
            keep(figure, item);
        }

        void keep(String figure, Item item) {
            if (wants(figure)) {
                items.computeIfAbsent(figure, k -> new ArrayList<>()).add(item);
            }
        }

        void touched(String companyId, String userId) {
            if (touched.add(companyId) && wants("customersTouched")) {
                keep("customersTouched", new Item("customer", companyId, null, companyId, userId));
            }
        }
    }

    record Computed(Map<String, Ledger> perUser, String collect, long[] dayStarts) {
        Ledger of(String userId) {
            return perUser.getOrDefault(userId, new Ledger());
        }

        /** The scope's ledger: every user's items, customers counted once however many users touched them. */
        Ledger total() {
            Ledger total = new Ledger(collect, dayStarts);
            perUser.values().forEach(l -> {
                l.items.forEach((k, v) -> total.items.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                for (int i = 0; i < l.counts.length; i++) {
                    total.counts[i] += l.counts[i];
                }
                for (int d = 0; d < l.daily.length; d++) {
                    for (int c = 0; c < 3; c++) {
                        total.daily[d][c] += l.daily[d][c];
                    }
                }
                total.touched.addAll(l.touched);
                total.waits.addAll(l.waits);
                total.quoteOpens.putAll(l.quoteOpens);
            });
            for (String distinct : List.of("customersTouched", "newCustomers", "newLeads")) {
                Map<String, Item> once = new LinkedHashMap<>();
                total.items(distinct).forEach(i -> once.putIfAbsent(i.id(), i));
                if (total.items.containsKey(distinct)) {
                    total.items.put(distinct, new ArrayList<>(once.values()));
                }
            }
            return total;
        }
    }

    /** Counts every figure, keeping no items. */
    Computed compute(List<User> users, Period period, Filter filter, Instant asOf) {
        return compute(users, period, filter, asOf, null);
    }

    /** Counts every figure; keeps the items behind {@code collect} (a figure name, or null). */
    Computed compute(List<User> users, Period period, Filter filter, Instant asOf, String collect) {
        Instant from = period.start();
        Instant to = period.end().isAfter(asOf) ? asOf : period.end();
        long[] dayStarts = new long[(int) java.time.temporal.ChronoUnit.DAYS.between(period.first(), period.last()) + 1];
        for (int i = 0; i < dayStarts.length; i++) {
            dayStarts[i] = period.first().plusDays(i).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        Map<String, Ledger> ordered = new TreeMap<>();
        users.forEach(u -> ordered.put(u.id(), new Ledger(collect, dayStarts)));
        Map<String, Ledger> ledgers = new HashMap<>(ordered);
        List<String> ids = users.stream().map(User::id).toList();
        CompanyIndex.Snapshot cs = companies.now();
        boolean filtering = filter.active();
        if (!to.isAfter(from)) {
            return new Computed(ordered, collect, dayStarts);
        }
        // With a filter, the ids of the customers that pass it, computed once per copy of the customers.
        Set<String> passing = filtering ? cs.passing(filter, filter::matches) : null;
        Predicate<String> companyOk = id -> !filtering || passing.contains(id);
        java.util.function.Consumer<Rollups.Side> onSide = side -> {
            Ledger l = ledgers.get(side.userId());
            String company = null;
            for (String c : side.companyIds()) {
                if (companyOk.test(c)) {
                    company = c;
                    break;
                }
            }
            if (filtering && (side.counterpart() != Counterpart.CUSTOMER || company == null)) {
                return;
            }
            String figure = SIDE_FIGURE[side.sent() ? 1 : 0][side.counterpart().ordinal()];
            String total = side.sent() ? "sent.total" : "received.total";
            l.count(figure, side.at());
            l.count(total, side.at());
            if (l.wants(figure) || l.wants(total)) {
                Item item = new Item("message", side.messageId(), side.at(), company, side.userId());
                l.keep(figure, item);
                l.keep(total, item);
            }
            if (side.counterpart() == Counterpart.CUSTOMER) {
                for (String c : side.companyIds()) {
                    if (companyOk.test(c)) {
                        l.touched(c, side.userId());
                    }
                }
            }
        };
        boolean hourly = true;
        for (long start : dayStarts) {
            hourly &= start % 3_600_000L == 0;
        }
        if (hourly && (collect == null || !SIDE_FIGURES.contains(collect))) {
            // The days the period covers whole are added from their counts (all of them, or with a
            // filter those of the customer sides whose customers pass it, as a side is counted); a day
            // of the team's zone gets the hours of each UTC day that fall in it (zones a whole number of
            // hours from UTC; others walk the sides).
            rollups.mail(ids, from, to, onSide, day -> {
                Ledger l = ledgers.get(day.userId());
                if (!filtering) {
                    count(l, day, day.codes());
                    day.touched().forEach(c -> l.touched(c, day.userId()));
                    return;
                }
                for (Rollups.CustomerCounts customers : day.customers()) {
                    boolean any = false;
                    for (String c : customers.companyIds()) {
                        if (companyOk.test(c)) {
                            any = true;
                            l.touched(c, day.userId());
                        }
                    }
                    if (any) {
                        count(l, day, customers.codes());
                    }
                }
            }, filtering);
        } else {
            rollups.mailSides(ids, from, to, onSide);
        }
        rollups.waits(from, to, wait -> {
            String user = wait.answered() ? wait.answeredBy() : wait.receivedBy();
            Ledger l = user == null ? null : ledgers.get(user);
            if (l == null || !companyOk.test(wait.companyId())) {
                return;
            }
            l.waits.add(wait);
            l.add(wait.answered() ? "firstResponse.answered" : "firstResponse.unanswered",
                    new Item("message", wait.openedBy(), wait.askedAt(), wait.companyId(), user));
        });
        List<Rollups.Quote> quotes = new ArrayList<>();
        rollups.quotes(ids, from, to, quote -> {
            if (ledgers.containsKey(quote.userId()) && companyOk.test(quote.companyId())) {
                quotes.add(quote);
            }
        });
        Set<String> quoted = new LinkedHashSet<>();
        quotes.forEach(q -> {
            if (q.messageId() != null) {
                quoted.add(q.messageId());
            }
        });
        Map<String, QuoteOpens.Opens> opened = quoted.isEmpty() ? Map.of() : opens.of(quoted);
        for (Rollups.Quote quote : quotes) {
            Ledger l = ledgers.get(quote.userId());
            Item item = new Item("message", quote.storedId(), quote.at(), quote.companyId(), quote.userId());
            l.add("quotationsSent", item);
            QuoteOpens.Opens o = quote.messageId() == null ? null : opened.get(quote.messageId());
            if (o != null) {
                l.quoteOpens.put(quote.storedId() + "_" + quote.companyId(), o);
                l.add("quoteOpens.quotations", item);
                if (o.humanOpens() > 0) {
                    l.add("quoteOpens.humanOpened", item);
                }
            }
        }
        for (Company c : cs.createdBetween(from, to)) {
            if (c.ownerId() == null) {
                continue;
            }
            Ledger l = ledgers.get(c.ownerId());
            if (l == null || c.archived() || filtering && !filter.matches(c)) {
                continue;
            }
            Item item = new Item("customer", c.id(), c.createdAt(), c.id(), c.ownerId());
            l.add("newCustomers", item);
            if (c.stage() == Stage.LEAD) {
                l.add("newLeads", item);
            }
        }
        tasks(ids, from, to, asOf).forEach(t -> {
            Ledger l = ledgers.get(t.assigneeId());
            if (l == null || t.status() == TaskStatus.CANCELLED || t.companyId() != null && !companyOk.test(t.companyId())
                    || filtering && t.companyId() == null) {
                return;
            }
            Item item = new Item("task", t.id(), t.dueAt(), t.companyId(), t.assigneeId());
            boolean dueIn = t.dueAt() != null && !t.dueAt().isBefore(from) && t.dueAt().isBefore(to);
            if (dueIn) {
                l.add("tasks.due", item);
                if (t.overdue(asOf)) {
                    l.add("tasks.overdue", item);
                }
            }
            if (t.status() == TaskStatus.DONE && t.closedAt() != null && !t.closedAt().isBefore(from)
                    && t.closedAt().isBefore(to)) {
                l.add("tasks.done", new Item("task", t.id(), t.closedAt(), t.companyId(), t.assigneeId()));
            }
            Instant esc = t.escalation().escalatedAt();
            if (t.escalation().level() > 0 && esc != null && !esc.isBefore(from) && esc.isBefore(to)) {
                l.add("escalations", new Item("task", t.id(), esc, t.companyId(), t.assigneeId()));
            }
        });
        return new Computed(ordered, collect, dayStarts);
    }

    /** Adds a day's counted sides to a ledger, each hour in the day of the team's zone it falls in. */
    private static void count(Ledger l, Rollups.DayCounts day, int[] codes) {
        for (int code : codes) {
            boolean sent = Rollups.DayCounts.sent(code);
            int n = Rollups.DayCounts.count(code);
            long at = day.hourStart(code);
            l.count(SIDE_FIGURE[sent ? 1 : 0][Rollups.DayCounts.counterpart(code).ordinal()], at, n);
            l.count(sent ? "sent.total" : "received.total", at, n);
        }
    }

    private List<Task> tasks(Collection<String> users, Instant from, Instant to, Instant asOf) {
        return taskCopy.between(users, from, to);
    }

    Figures figures(Ledger l, Period period, Instant asOf) {
        List<ResponseTimes.Response> answered = new ArrayList<>();
        List<ResponseTimes.Unanswered> open = new ArrayList<>();
        for (Rollups.Wait w : l.waits) {
            if (w.answered()) {
                answered.add(new ResponseTimes.Response(w.companyId(), w.askedAt(), w.inboundMails(), w.answeredAt(),
                        w.answeredBy(), w.calendar(), w.business()));
            } else {
                open.add(new ResponseTimes.Unanswered(w.companyId(), w.askedAt(), w.inboundMails(), w.receivedBy()));
            }
        }
        FirstResponse fr = FirstResponse.ofTeam(new ResponseTimes.Waits(answered, open), period, asOf);
        long machine = l.quoteOpens.values().stream().mapToLong(QuoteOpens.Opens::machineOpens).sum();
        int tracked = l.count("quoteOpens.quotations");
        int human = l.count("quoteOpens.humanOpened");
        return new Figures(counts(l, "sent."), counts(l, "received."), l.count("customersTouched"),
                l.count("newCustomers"), l.count("newLeads"),
                new FirstResponseFigures(fr.answered(), fr.unanswered(), minutes(fr.median()), minutes(fr.p90()),
                        minutes(fr.businessMedian()), minutes(fr.businessP90()), fr.within24hShare().orElse(null)),
                l.count("quotationsSent"),
                new QuoteOpenFigures(tracked, human, tracked == 0 ? null : (double) human / tracked, machine, true),
                new TaskFigures(l.count("tasks.due"), l.count("tasks.done"), l.count("tasks.overdue")),
                l.count("escalations"));
    }

    private static Counts counts(Ledger l, String prefix) {
        return new Counts(l.count(prefix + "customer"), l.count(prefix + "otherExternal"), l.count(prefix + "internal"),
                l.count(prefix + "total"));
    }

    private static Double minutes(Optional<Duration> d) {
        return d.map(x -> Math.round(x.toMillis() / 600.0) / 100.0).orElse(null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }


    // ------------------------------------------------------------------ funnel

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FunnelStage(String stage, int reached, Double conversion, Double medianDaysInStage) {
    }

    public record FunnelReport(PeriodView period, Range previous, Instant asOf, ScopeView scope, List<FunnelStage> stages) {
    }

    /** Customers created in the period in the scope's books (owner now), how far each got; stays ended in the period. */
    public FunnelReport funnel(Scope scope, Period period, Filter filter) {
        Instant asOf = clock.instant();
        CompanyIndex.Snapshot cs = companies.now();
        List<Company> cohort = cohort(scope, period, filter, cs);
        List<io.genjin.reports.funnel.Funnel.Customer> customers = new ArrayList<>(cohort.stream().map(this::funnelCustomer).toList());
        Set<String> ids = new HashSet<>(cohort.stream().map(Company::id).toList());
        Set<String> owners = ownerIds(scope);
        Set<String> changed = rollups.stageChangedBetween(period.start(), period.end());
        changed.removeIf(id -> cs.get(id).map(c -> !owners.contains(c.ownerId()) || !filter.matchesOrNone(c)).orElse(true));
        for (String id : changed) {
            if (ids.add(id)) {
                customers.add(funnelCustomer(cs.byId().get(id)));
            }
        }
        List<io.genjin.reports.funnel.Funnel.StageChange> history = history(ids);
        List<io.genjin.reports.funnel.Funnel.Step> steps = io.genjin.reports.funnel.Funnel.cohort(customers, history, period);
        Map<Stage, Duration> medians = io.genjin.reports.funnel.Funnel.medianTimeInStage(
                io.genjin.reports.funnel.Funnel.staysEnded(customers, history, period));
        List<FunnelStage> stages = steps.stream().map(s -> new FunnelStage(s.stage().name().toLowerCase(java.util.Locale.ROOT),
                s.reached(), s.conversion().orElse(null), Optional.ofNullable(medians.get(s.stage()))
                        .map(d -> Math.round(d.toMinutes() / 14.4) / 100.0).orElse(null))).toList();
        return new FunnelReport(view(period), new Range(period.previous().first(), period.previous().last()), asOf,
                new ScopeView(scope.team(), scope.rep()), stages);
    }

    private List<Company> cohort(Scope scope, Period period, Filter filter, CompanyIndex.Snapshot cs) {
        Set<String> owners = ownerIds(scope);
        return cs.createdBetween(period.start(), period.end()).stream().filter(c -> c.ownerId() != null
                && owners.contains(c.ownerId()) && filter.matchesOrNone(c)).toList();
    }

    private io.genjin.reports.funnel.Funnel.Customer funnelCustomer(Company c) {
        return new io.genjin.reports.funnel.Funnel.Customer(c.id(), c.createdAt(), c.stage());
    }

    private List<io.genjin.reports.funnel.Funnel.StageChange> history(Collection<String> companyIds) {
        return rollups.stageChanges(companyIds).stream().map(r -> new io.genjin.reports.funnel.Funnel.StageChange(
                r.companyId(), r.at(), Stage.valueOf(r.from()), Stage.valueOf(r.to()))).toList();
    }

    private List<Item> funnelItems(Scope scope, Period period, Filter filter, Stage stage) {
        CompanyIndex.Snapshot cs = companies.now();
        List<Company> cohort = cohort(scope, period, filter, cs);
        Map<String, List<io.genjin.reports.funnel.Funnel.StageChange>> byCompany = new HashMap<>();
        history(cohort.stream().map(Company::id).toList())
                .forEach(h -> byCompany.computeIfAbsent(h.companyId(), k -> new ArrayList<>()).add(h));
        int index = io.genjin.reports.funnel.Funnel.STAGES.indexOf(stage);
        List<Item> out = new ArrayList<>();
        for (Company c : cohort) {
            var steps = io.genjin.reports.funnel.Funnel.cohort(List.of(funnelCustomer(c)),
                    byCompany.getOrDefault(c.id(), List.of()), period);
            if (steps.get(index).reached() > 0) {
                out.add(new Item("customer", c.id(), c.createdAt(), c.id(), c.ownerId()));
            }
        }
        return out;
    }

    static Stage funnelStage(String name) {
        return io.genjin.reports.funnel.Funnel.STAGES.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                .orElse(null);
    }

    // ------------------------------------------------------------------ coverage

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RepCoverageView(String userId, String name, int abCustomers, int twoWay, Double coverage) {
    }

    public record SilentBands(int d30, int d60, int d90) {
    }

    public record SilentCustomer(String companyId, String name, String grade, String ownerId, long silentDays, int band) {
    }

    public record CoverageReport(PeriodView period, Range previous, Instant asOf, ScopeView scope, List<RepCoverageView> reps,
            SilentBands silent, List<SilentCustomer> silentCustomers, int publicPool) {
    }

    /** Coverage and silent customers as of now (the customers' last mail in and out is kept, not its history). */
    public CoverageReport coverage(Scope scope, Period period, Filter filter) {
        Instant asOf = clock.instant();
        CompanyIndex.Snapshot cs = companies.now();
        List<io.genjin.reports.coverage.Coverage.Account> accounts = accounts(scope, filter, cs);
        var perRep = io.genjin.reports.coverage.Coverage.perRep(accounts, asOf);
        List<RepCoverageView> reps = scope.users().stream().map(u -> {
            var r = perRep.get(u.id());
            return r == null ? new RepCoverageView(u.id(), u.name(), 0, 0, null)
                    : new RepCoverageView(u.id(), u.name(), r.keyAccounts(), r.twoWay(), r.share().orElse(null));
        }).toList();
        List<SilentCustomer> silent = silent(accounts, asOf);
        SilentBands bands = new SilentBands((int) silent.stream().filter(s -> s.band() == 30).count(),
                (int) silent.stream().filter(s -> s.band() == 60).count(), (int) silent.stream().filter(s -> s.band() == 90).count());
        List<SilentCustomer> first = silent.stream().limit(100).toList();
        int pool = publicPool(cs, filter).size();
        return new CoverageReport(view(period), new Range(period.previous().first(), period.previous().last()), asOf,
                new ScopeView(scope.team(), scope.rep()), reps, bands, first, pool);
    }

    /** Every silent customer of the scope's books, grade A first, then the longest silent (the report lists the first 100). */
    public List<SilentCustomer> silentCustomers(Scope scope, Filter filter) {
        return silent(accounts(scope, filter, companies.now()), clock.instant());
    }

    private static List<SilentCustomer> silent(List<io.genjin.reports.coverage.Coverage.Account> accounts, Instant asOf) {
        return io.genjin.reports.coverage.Coverage.silent(accounts, asOf).stream().map(s -> new SilentCustomer(
                s.account().companyId(), s.account().name(), s.account().grade().name(), s.account().ownerId(),
                s.silentDays(), s.band())).toList();
    }

    /** The customers in the public pool (公海: nobody owns them, not archived) that pass the filter, as coverage counts them. */
    public List<Company> publicPool(Filter filter) {
        return publicPool(companies.now(), filter);
    }

    private static List<Company> publicPool(CompanyIndex.Snapshot cs, Filter filter) {
        return cs.byId().values().stream().filter(c -> c.ownerId() == null && !c.archived() && filter.matchesOrNone(c))
                .sorted(Comparator.comparing(Company::name, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Company::id)).toList();
    }

    private List<io.genjin.reports.coverage.Coverage.Account> accounts(Scope scope, Filter filter, CompanyIndex.Snapshot cs) {
        Set<String> owners = ownerIds(scope);
        return cs.byId().values().stream().filter(c -> c.ownerId() != null && owners.contains(c.ownerId()) && !c.archived()
                && filter.matchesOrNone(c)).map(c -> new io.genjin.reports.coverage.Coverage.Account(c.id(), c.name(),
                c.ownerId(), c.grade(), c.lastInboundAt(), c.lastOutboundAt())).toList();
    }

    private List<Item> silentItems(Scope scope, Filter filter) {
        Instant asOf = clock.instant();
        return io.genjin.reports.coverage.Coverage.silent(accounts(scope, filter, companies.now()), asOf).stream()
                .map(s -> new Item("customer", s.account().companyId(), s.account().lastMail().orElse(null),
                        s.account().companyId(), s.account().ownerId())).toList();
    }

    // ------------------------------------------------------------------ rfm

    public record SegmentView(String segment, String label, String labelEn, int customers, double monetary) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CountryView(String country, int customers, int orders, double amount) {
    }

    public record RfmReport(Instant asOf, LocalDate date, int windowDays, String currency, ScopeView scope,
            List<SegmentView> segments, List<CountryView> countries, int ordersInOtherCurrencies) {
    }

    private static final Map<io.genjin.reports.rfm.Segment, String[]> LABELS = Map.of(
            io.genjin.reports.rfm.Segment.IMPORTANT_VALUE, new String[] {"重要价值客户", "important value"},
            io.genjin.reports.rfm.Segment.IMPORTANT_DEVELOP, new String[] {"重要发展客户", "important, develop"},
            io.genjin.reports.rfm.Segment.IMPORTANT_RETAIN, new String[] {"重要保持客户", "important, retain"},
            io.genjin.reports.rfm.Segment.IMPORTANT_WIN_BACK, new String[] {"重要挽留客户", "important, win back"},
            io.genjin.reports.rfm.Segment.GENERAL_VALUE, new String[] {"一般价值客户", "general value"},
            io.genjin.reports.rfm.Segment.GENERAL_DEVELOP, new String[] {"一般发展客户", "general, develop"},
            io.genjin.reports.rfm.Segment.GENERAL_RETAIN, new String[] {"一般保持客户", "general, retain"},
            io.genjin.reports.rfm.Segment.GENERAL_WIN_BACK, new String[] {"一般挽留客户", "general, win back"});

    public static final String DEFAULT_CURRENCY = "USD";

    /** The scores and orders of one RFM answer; {@code summary} holds its segments and countries once summed. */
    private record RfmData(List<io.genjin.reports.rfm.Rfm.Score> scores, List<io.genjin.store.order.Order> orders,
            int otherCurrency, java.util.concurrent.atomic.AtomicReference<RfmSummary> summary) {
        RfmData(List<io.genjin.reports.rfm.Rfm.Score> scores, List<io.genjin.store.order.Order> orders, int otherCurrency) {
            this(scores, orders, otherCurrency, new java.util.concurrent.atomic.AtomicReference<>());
        }
    }

    private record RfmSummary(List<SegmentView> segments, List<CountryView> countries) {
    }

    /** What an RFM answer depends on besides the copies of the orders and customers it was computed from. */
    private record RfmKey(Set<String> owners, LocalDate date, int windowDays, String currency, Filter filter) {
    }

    /**
     * RFM answers computed from one copy of the orders and one snapshot of the customers ({@link
     * io.genjin.reports.store.OrderIndex}), per scope, day, window, currency
     * and filter; emptied when either copy is read again, so an answer is never older than they are.
     */
    private final Map<RfmKey, RfmData> rfmCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RfmKey, RfmData> eldest) {
            return size() > 64;
        }
    };
    private Object rfmCacheOrders;
    private Object rfmCacheCustomers;

    private RfmData rfmData(Scope scope, LocalDate date, int windowDays, String currency, Filter filter) {
        List<io.genjin.store.order.Order> copy = orderCopy.copy();
        CompanyIndex.Snapshot cs = companies.now();
        RfmKey key = new RfmKey(ownerIds(scope), date, windowDays, currency, filter);
        synchronized (rfmCache) {
            if (rfmCacheOrders != copy || rfmCacheCustomers != cs.byId()) {
                rfmCache.clear();
                rfmCacheOrders = copy;
                rfmCacheCustomers = cs.byId();
            }
            RfmData cached = rfmCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        RfmData data = rfmData(scope, date, windowDays, currency, filter, copy, cs);
        synchronized (rfmCache) {
            if (rfmCacheOrders == copy && rfmCacheCustomers == cs.byId()) {
                rfmCache.put(key, data);
            }
        }
        return data;
    }

    /** @param copy the copy of the orders kept in memory */
    private RfmData rfmData(Scope scope, LocalDate date, int windowDays, String currency, Filter filter,
            List<io.genjin.store.order.Order> copy, CompanyIndex.Snapshot cs) {
        Instant asOf = date.plusDays(1).atStartOfDay(zone).toInstant();
        Instant from = asOf.minus(Duration.ofDays(windowDays));
        Set<String> owners = ownerIds(scope);
        List<io.genjin.store.order.Order> read = io.genjin.reports.store.OrderIndex.between(copy, from, asOf);
        List<io.genjin.store.order.Order> orders = new ArrayList<>();
        int other = 0;
        for (io.genjin.store.order.Order o : read) {
            Company c = cs.byId().get(o.companyId());
            if (c == null || c.ownerId() == null || !owners.contains(c.ownerId()) || !filter.matchesOrNone(c)
                    || !o.confirmed() || o.amount() == null) {
                continue;
            }
            if (!currency.equalsIgnoreCase(o.currency())) {
                other++;
                continue;
            }
            orders.add(o);
        }
        var scores = io.genjin.reports.rfm.Rfm.of(orders.stream().map(o -> new io.genjin.reports.rfm.Rfm.OrderLine(
                o.companyId(), o.orderedAt(), o.amount())).toList(), asOf, Duration.ofDays(windowDays));
        return new RfmData(scores, orders, other);
    }

    public RfmReport rfm(Scope scope, LocalDate date, Integer window, String currency, Filter filter) {
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(zone));
        int windowDays = window == null ? 365 : window;
        if (windowDays < 1 || windowDays > 3660) {
            throw new Invalid("window is 1 to 3660 days");
        }
        String cur = currency == null || currency.isBlank() ? DEFAULT_CURRENCY : currency.trim().toUpperCase(java.util.Locale.ROOT);
        if (!cur.matches("[A-Z]{3}")) {
            throw new Invalid("currency is an ISO 4217 code such as USD");
        }
        RfmData data = rfmData(scope, day, windowDays, cur, filter);
        RfmSummary summary = data.summary().get();
        if (summary == null) {
            summary = summarise(data);
            data.summary().set(summary);
        }
        List<SegmentView> segments = summary.segments();
        List<CountryView> countries = summary.countries();
        return new RfmReport(clock.instant(), day, windowDays, cur, new ScopeView(scope.team(), scope.rep()), segments,
                countries, data.otherCurrency());
    }

    private RfmSummary summarise(RfmData data) {
        List<SegmentView> segments = new ArrayList<>();
        for (io.genjin.reports.rfm.Segment s : io.genjin.reports.rfm.Segment.values()) {
            var in = data.scores().stream().filter(x -> x.segment() == s).toList();
            segments.add(new SegmentView(s.name(), LABELS.get(s)[0], LABELS.get(s)[1], in.size(),
                    in.stream().map(io.genjin.reports.rfm.Rfm.Score::monetary).reduce(java.math.BigDecimal.ZERO,
                            java.math.BigDecimal::add).doubleValue()));
        }
        CompanyIndex.Snapshot cs = companies.now();
        Set<String> scored = new HashSet<>(data.scores().stream().map(io.genjin.reports.rfm.Rfm.Score::companyId).toList());
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, java.math.BigDecimal> amounts = new TreeMap<>();
        Map<String, Set<String>> customersBy = new TreeMap<>();
        for (io.genjin.store.order.Order o : data.orders()) {
            if (!scored.contains(o.companyId())) {
                continue;
            }
            String country = cs.get(o.companyId()).map(Company::country).filter(c -> c != null && !c.isBlank())
                    .map(c -> c.toUpperCase(java.util.Locale.ROOT)).orElse("");
            counts.computeIfAbsent(country, k -> new int[1])[0]++;
            amounts.merge(country, o.amount(), java.math.BigDecimal::add);
            customersBy.computeIfAbsent(country, k -> new HashSet<>()).add(o.companyId());
        }
        List<CountryView> countries = counts.keySet().stream().map(c -> new CountryView(c.isEmpty() ? null : c,
                customersBy.get(c).size(), counts.get(c)[0], amounts.get(c).doubleValue()))
                .sorted(Comparator.comparingDouble(CountryView::amount).reversed()).toList();
        return new RfmSummary(segments, countries);
    }

    private List<Item> rfmItems(Scope scope, LocalDate date, int windowDays, String currency, Filter filter,
            io.genjin.reports.rfm.Segment segment) {
        RfmData data = rfmData(scope, date, windowDays, currency == null || currency.isBlank() ? DEFAULT_CURRENCY
                : currency.trim().toUpperCase(java.util.Locale.ROOT), filter);
        CompanyIndex.Snapshot cs = companies.now();
        return data.scores().stream().filter(s -> s.segment() == segment).map(s -> new Item("customer", s.companyId(), null,
                s.companyId(), cs.get(s.companyId()).map(Company::ownerId).orElse(null))).toList();
    }

    static io.genjin.reports.rfm.Segment segment(String name) {
        for (io.genjin.reports.rfm.Segment s : io.genjin.reports.rfm.Segment.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    private static Set<String> ownerIds(Scope scope) {
        Set<String> out = new HashSet<>();
        scope.users().forEach(u -> out.add(u.id()));
        return out;
    }
}
