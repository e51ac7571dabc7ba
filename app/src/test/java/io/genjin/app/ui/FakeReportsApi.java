package io.genjin.app.ui;

import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reports API ({@code /api/reports/{activity,funnel,coverage,rfm,items}}) as a small fake
 * answering the shapes of the reports contract (docs/reports.md) from a fixture
 * ({@code reports-test/fixture.json}), for the dashboard pages to be tested on their own. The reps
 * in its answers are real users of the store (those of the team or rep asked for, else the
 * viewer's team), given the fixture's figures in turn; the period is worked out from the
 * parameters; {@code /items} lists as many made-up items as the figure counts, a page at a time.
 * It reads the signed-in user from the page session, as the real API does for the pages.
 *
 * <p>{@code genjin.test.fake-reports-api}: {@code always} (the default), {@code when-missing} (only
 * while the app has no {@code /api/reports} of its own), {@code never} (the real API answers).
 */
final class FakeReportsApi extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DEFAULT_LIMIT = 100;

    private final CrmStore store;
    private final String mode;
    private final RequestMappingHandlerMapping mappings;
    private final Map<String, Object> fixture;
    private volatile Boolean realApiPresent;

    @SuppressWarnings("unchecked")
    FakeReportsApi(CrmStore store, String mode, RequestMappingHandlerMapping mappings) {
        this.store = store;
        this.mode = mode;
        this.mappings = mappings;
        try (InputStream in = FakeReportsApi.class.getResourceAsStream("/reports-test/fixture.json")) {
            this.fixture = JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this fake answers, rather than the app's own reports API. */
    boolean answering() {
        return switch (mode) {
            case "never" -> false;
            case "when-missing" -> !realApiPresent();
            default -> true;
        };
    }

    private boolean realApiPresent() {
        if (realApiPresent == null) {
            realApiPresent = mappings.getHandlerMethods().keySet().stream()
                    .flatMap(info -> info.getPatternValues().stream()).anyMatch(p -> p.startsWith("/api/reports"));
        }
        return realApiPresent;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The dashboards ask under /reports/data, the page's session door; API clients under /api/reports.
        String path = request.getRequestURI().replaceFirst("^/reports/data/", "/api/reports/");
        if (!path.startsWith("/api/reports/") || !answering()) {
            chain.doFilter(request, response);
            return;
        }
        SignedIn me = signedIn(request);
        if (me == null) {
            problem(response, 401, "Unauthorized", "sign in first");
            return;
        }
        String team = blankToNull(request.getParameter("team"));
        String rep = blankToNull(request.getParameter("rep"));
        if (me.role() == Role.REP && (team != null || (rep != null && !rep.equals(me.userId())))) {
            problem(response, 403, "Forbidden", "a rep sees only their own report");
            return;
        }
        Period period;
        try {
            period = Period.of(request);
        } catch (RuntimeException e) {
            problem(response, 400, "Bad Request", e.getMessage());
            return;
        }
        List<User> reps = rep != null ? store.users().find(rep).stream().toList()
                : store.users().inTeam(team != null ? team : me.teamId()).stream()
                        .filter(u -> u.role() == Role.REP).sorted(Comparator.comparing(User::name)).toList();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("period", Map.of("kind", period.kind, "from", period.from.toString(), "to", period.to.toString(), "zone", "UTC"));
        common.put("previous", Map.of("from", period.previousFrom().toString(), "to", period.from.minusDays(1).toString()));
        common.put("asOf", store.clock().instant().toString());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("team", team);
        scope.put("rep", rep);
        common.put("scope", scope);
        switch (path) {
            case "/api/reports/activity" -> json(response, with(common, activity(reps, rep != null, period)));
            case "/api/reports/funnel" -> json(response, with(common, copy("funnel")));
            case "/api/reports/coverage" -> json(response, with(common, coverage(reps, Targets.of(store, me))));
            case "/api/reports/rfm" -> {
                Map<String, Object> rfm = copy("rfm");
                rfm.put("asOf", common.get("asOf"));
                rfm.put("date", period.to.toString());
                json(response, rfm);
            }
            case "/api/reports/items" -> items(request, response, reps, rep != null, period, Targets.of(store, me));
            default -> problem(response, 404, "Not Found", path);
        }
    }

    private static SignedIn signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object context = session == null ? null
                : session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        if (context instanceof SecurityContext sc && sc.getAuthentication() != null
                && sc.getAuthentication().getPrincipal() instanceof SignedIn me) {
            return me;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> copy(String part) {
        return JSON.readValue(JSON.writeValueAsBytes(fixture.get(part)), Map.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> activity(List<User> reps, boolean oneRep, Period period) {
        Map<String, Object> activity = copy("activity");
        List<Map<String, Object>> fixtureReps = (List<Map<String, Object>>) activity.get("reps");
        List<Map<String, Object>> answered = new ArrayList<>();
        for (int i = 0; i < reps.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>(fixtureReps.get(i % fixtureReps.size()));
            entry.put("userId", reps.get(i).id());
            entry.put("name", reps.get(i).name());
            answered.add(entry);
        }
        activity.put("reps", answered);
        if (oneRep && !answered.isEmpty()) {
            activity.put("total", answered.get(0).get("current"));
            activity.put("totalPrevious", answered.get(0).get("previous"));
        }
        List<Map<String, Object>> week = (List<Map<String, Object>>) activity.get("daily");
        List<Map<String, Object>> daily = new ArrayList<>();
        for (LocalDate d = period.from; !d.isAfter(period.to); d = d.plusDays(1)) {
            Map<String, Object> day = new LinkedHashMap<>(week.get(d.getDayOfWeek().getValue() - 1));
            day.put("date", d.toString());
            daily.add(day);
        }
        activity.put("daily", daily);
        return activity;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> coverage(List<User> reps, Targets targets) {
        Map<String, Object> coverage = copy("coverage");
        List<Map<String, Object>> fixtureReps = (List<Map<String, Object>>) coverage.get("reps");
        List<Map<String, Object>> answered = new ArrayList<>();
        for (int i = 0; i < reps.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>(fixtureReps.get(i % fixtureReps.size()));
            entry.put("userId", reps.get(i).id());
            entry.put("name", reps.get(i).name());
            answered.add(entry);
        }
        coverage.put("reps", answered);
        List<Map<String, Object>> silentCustomers = (List<Map<String, Object>>) coverage.get("silentCustomers");
        if (!targets.companies().isEmpty() && silentCustomers.size() > targets.companies().size()) {
            // Only customers that exist: the page crawl opens every customer link.
            silentCustomers = new ArrayList<>(silentCustomers.subList(0, targets.companies().size()));
            coverage.put("silentCustomers", silentCustomers);
        }
        for (int i = 0; i < silentCustomers.size(); i++) {
            Map<String, Object> silent = silentCustomers.get(i);
            silent.put("ownerId", reps.isEmpty() ? null : reps.get(0).id());
            if (i < targets.companies().size()) {
                silent.put("companyId", targets.companies().get(i).id());
                silent.put("name", targets.companies().get(i).name());
            }
        }
        return coverage;
    }

    /** As many items as the dashboard showed for the figure, {@code limit} at a time, the cursor an offset. */
    @SuppressWarnings("unchecked")
    private void items(HttpServletRequest request, HttpServletResponse response, List<User> reps, boolean oneRep,
            Period period, Targets targets) throws IOException {
        String figure = request.getParameter("figure");
        if (figure == null || figure.isBlank()) {
            problem(response, 400, "Bad Request", "figure is required");
            return;
        }
        boolean previous = "previous".equals(request.getParameter("side"));
        Object value;
        if (figure.startsWith("funnel.")) {
            value = ((List<Map<String, Object>>) copy("funnel").get("stages")).stream()
                    .filter(s -> s.get("stage").equals(figure.substring(7))).map(s -> s.get("reached")).findFirst().orElse(null);
        } else if (figure.startsWith("rfm.")) {
            value = ((List<Map<String, Object>>) copy("rfm").get("segments")).stream()
                    .filter(s -> s.get("segment").equals(figure.substring(4))).map(s -> s.get("customers")).findFirst().orElse(null);
        } else if (figure.equals("coverage.silent")) {
            String band = request.getParameter("band");
            value = ((Map<String, Object>) copy("coverage").get("silent")).get("d" + (band == null ? "30" : band));
        } else {
            Map<String, Object> activity = activity(reps, oneRep, period);
            Map<String, Object> figures;
            if (period.kind.equals("day")) {
                Map<String, Object> day = ((List<Map<String, Object>>) activity.get("daily")).get(0);
                figures = Map.of("sent", Map.of("total", day.get("sent")), "received", Map.of("total", day.get("received")),
                        "quotationsSent", day.get("quotationsSent"));
            } else {
                figures = (Map<String, Object>) activity.get(previous ? "totalPrevious" : "total");
            }
            value = path(figures, figure);
        }
        if (!(value instanceof Number number)) {
            problem(response, 400, "Bad Request", "no such figure: " + figure);
            return;
        }
        int count = number.intValue();
        int limit = request.getParameter("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(request.getParameter("limit"));
        int after = request.getParameter("after") == null ? 0 : Integer.parseInt(request.getParameter("after"));
        String kind = figure.matches("(sent|received|firstResponse|quotationsSent|quoteOpens)\\b.*") ? "message"
                : figure.startsWith("tasks.") ? "task" : "customer";
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = after; i < Math.min(count, after + limit); i++) {
            String id = figure.replace('.', '-') + "-" + (i + 1);
            Company company = targets.companies().isEmpty() ? null : targets.companies().get(i % targets.companies().size());
            String companyId = company == null ? "c" + (i % 7) : company.id();
            String companyName = company == null ? "Customer " + (i % 7) : company.name();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", kind);
            switch (kind) {
                case "message" -> {
                    StoredMessage message = targets.messages().isEmpty() ? null
                            : targets.messages().get(i % targets.messages().size());
                    item.put("id", message == null ? id : message.id());
                    item.put("subject", "Mail " + (i + 1) + " behind " + figure);
                    item.put("at", period.from.atStartOfDay(ZoneOffset.UTC).plusHours(i % 100).toInstant().toString());
                    item.put("companyId", companyId);
                    item.put("companyName", companyName);
                    item.put("userId", reps.isEmpty() ? null : reps.get(0).id());
                    item.put("url", "/messages/" + (message == null ? id : message.id()));
                }
                case "task" -> {
                    item.put("id", id);
                    item.put("title", "Task " + (i + 1) + " behind " + figure);
                    item.put("dueAt", period.from.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                    item.put("companyId", companyId);
                    item.put("companyName", companyName);
                    item.put("url", "/tasks");
                }
                default -> {
                    item.put("id", companyId);
                    item.put("name", "Customer " + (i + 1) + " behind " + figure);
                    item.put("grade", "A");
                    item.put("country", "DE");
                    item.put("ownerId", reps.isEmpty() ? null : reps.get(0).id());
                    item.put("url", "/customers/" + companyId);
                }
            }
            items.add(item);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("figure", figure);
        page.put("count", count);
        page.put("items", items);
        page.put("next", after + limit < count ? String.valueOf(after + limit) : null);
        json(response, page);
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> figures, String dotted) {
        Object at = figures;
        for (String key : dotted.split("\\.")) {
            at = at instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return at;
    }

    private static Map<String, Object> with(Map<String, Object> common, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(common);
        out.putAll(body);
        return out;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Real customers and mail the viewer may open, so that the links in the fake's answers lead to
     * pages that exist (the page crawl follows them); made-up ids when the store has none.
     */
    private record Targets(List<Company> companies, List<StoredMessage> messages) {
        static Targets of(CrmStore store, SignedIn me) {
            List<Company> companies = store.companies().search(store.access().scope(me.viewer()), "", 0, 10);
            List<StoredMessage> messages = companies.stream().flatMap(c -> store.messages().ofCompany(c.id(), 5).stream())
                    .limit(10).toList();
            return new Targets(companies, messages);
        }
    }

    private record Period(String kind, LocalDate from, LocalDate to) {
        static Period of(HttpServletRequest request) {
            String kind = request.getParameter("period") == null ? "week" : request.getParameter("period");
            LocalDate date = request.getParameter("date") == null ? LocalDate.now(ZoneOffset.UTC)
                    : LocalDate.parse(request.getParameter("date"));
            return switch (kind) {
                case "day" -> new Period(kind, date, date);
                case "week" -> new Period(kind, date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                        date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)));
                case "month" -> new Period(kind, date.withDayOfMonth(1), date.with(TemporalAdjusters.lastDayOfMonth()));
                case "custom" -> new Period(kind, LocalDate.parse(request.getParameter("from")),
                        LocalDate.parse(request.getParameter("to")));
                default -> throw new IllegalArgumentException("period must be day, week, month or custom");
            };
        }

        LocalDate previousFrom() {
            return switch (kind) {
                case "month" -> from.minusMonths(1);
                default -> from.minusDays(ChronoUnit.DAYS.between(from, to) + 1);
            };
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("status", status, "title", title, "detail", detail)));
    }

    private static void json(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        FakeReportsApi fakeReportsApi(CrmStore store,
                @org.springframework.beans.factory.annotation.Value("${genjin.test.fake-reports-api:always}") String mode,
                @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
                RequestMappingHandlerMapping mappings) {
            return new FakeReportsApi(store, mode, mappings);
        }

        @Bean
        FilterRegistrationBean<FakeReportsApi> fakeReportsApiFilter(FakeReportsApi fake) {
            FilterRegistrationBean<FakeReportsApi> registration = new FilterRegistrationBean<>(fake);
            // Right after the session filter (sessions live in the store), so that it reads the stored
            // session; before Spring Security's chain.
            registration.setOrder(org.springframework.session.web.http.SessionRepositoryFilter.DEFAULT_ORDER + 1);
            return registration;
        }
    }
}
