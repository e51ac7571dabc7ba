package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report dashboards: the team dashboard ({@code /reports}: a manager sees their team, an admin
 * picks any team, a rep is sent to their own dashboard), a rep's dashboard
 * ({@code /reports/reps/{userId}}) and the drill-down behind every number ({@code /reports/items}).
 * The pages hold the period picker and the filters as a plain GET form, so the URL keeps them; the
 * figures, charts and lists are filled in the browser from {@code /api/reports/*} (docs/reports.md)
 * by {@code /js/reports.js} with Apache ECharts, both served by the app itself.
 */
@ConditionalOnRole(Roles.API)
@Controller
class ReportPages {
    private static final Set<String> PERIODS = Set.of("day", "week", "month", "custom");
    /** The parameters the dashboards pass on to the API and to the drill-down links. */
    static final List<String> PARAMS = List.of("period", "date", "from", "to", "team", "rep", "grade", "country", "stage");
    /** Figures the drill-down page names, in the order the dashboard shows them. */
    private static final List<String> FIGURES = List.of("sent.total", "sent.customer", "sent.otherExternal", "sent.internal",
            "received.total", "received.customer", "received.otherExternal", "received.internal", "customersTouched",
            "newCustomers", "newLeads", "firstResponse.answered", "firstResponse.unanswered", "quotationsSent",
            "quoteOpens.quotations", "quoteOpens.humanOpened", "tasks.due", "tasks.done", "tasks.overdue", "escalations",
            "coverage.silent");
    private static final List<String> SEGMENTS = java.util.Arrays.stream(io.genjin.reports.rfm.Segment.values())
            .map(Enum::name).toList();
    private static final List<String> FUNNEL = List.of("LEAD", "INQUIRY", "QUOTED", "SAMPLE", "NEGOTIATION", "WON");

    /**
     * A row of the figures table: where its value is in Figures, the figure whose items are behind it
     * (a median's are the answered waits), and how it is written (count, minutes, share).
     */
    record FigureRow(String path, String drill, String format) {
        public String label() {
            return "reports.figure." + path;
        }
    }

    static final List<FigureRow> ROWS = List.of(
            new FigureRow("sent.total", "sent.total", "count"),
            new FigureRow("sent.customer", "sent.customer", "count"),
            new FigureRow("sent.otherExternal", "sent.otherExternal", "count"),
            new FigureRow("sent.internal", "sent.internal", "count"),
            new FigureRow("received.total", "received.total", "count"),
            new FigureRow("received.customer", "received.customer", "count"),
            new FigureRow("received.otherExternal", "received.otherExternal", "count"),
            new FigureRow("received.internal", "received.internal", "count"),
            new FigureRow("customersTouched", "customersTouched", "count"),
            new FigureRow("newCustomers", "newCustomers", "count"),
            new FigureRow("newLeads", "newLeads", "count"),
            new FigureRow("firstResponse.medianMinutes", "firstResponse.answered", "minutes"),
            new FigureRow("firstResponse.p90Minutes", "firstResponse.answered", "minutes"),
            new FigureRow("firstResponse.medianBusinessMinutes", "firstResponse.answered", "minutes"),
            new FigureRow("firstResponse.p90BusinessMinutes", "firstResponse.answered", "minutes"),
            new FigureRow("firstResponse.within24h", "firstResponse.answered", "share"),
            new FigureRow("firstResponse.answered", "firstResponse.answered", "count"),
            new FigureRow("firstResponse.unanswered", "firstResponse.unanswered", "count"),
            new FigureRow("quotationsSent", "quotationsSent", "count"),
            new FigureRow("quoteOpens.humanOpened", "quoteOpens.humanOpened", "count"),
            new FigureRow("quoteOpens.humanOpenRate", "quoteOpens.humanOpened", "share"),
            new FigureRow("quoteOpens.machineOpens", "quoteOpens.quotations", "count"),
            new FigureRow("tasks.due", "tasks.due", "count"),
            new FigureRow("tasks.done", "tasks.done", "count"),
            new FigureRow("tasks.overdue", "tasks.overdue", "count"),
            new FigureRow("escalations", "escalations", "count"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CrmStore store;
    private final ZoneId zone;
    private final MessageSource messages;

    ReportPages(CrmStore store, UiProperties properties, MessageSource messages) {
        this.store = store;
        this.zone = properties.timeZone();
        this.messages = messages;
    }

    @GetMapping("/reports")
    String team(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String team,
            HttpServletRequest request, Model model) {
        if (me.role() == Role.REP) {
            return "redirect:" + UriComponentsBuilder.fromPath("/reports/reps/{id}").query(request.getQueryString())
                    .buildAndExpand(me.userId()).toUriString();
        }
        List<Team> teams = teams(me);
        String chosen = team;
        if (chosen == null || chosen.isBlank()) {
            chosen = me.role() == Role.ADMIN ? null : teams.stream().map(Team::id)
                    .filter(id -> id.equals(me.teamId())).findFirst()
                    .orElse(teams.isEmpty() ? null : teams.get(0).id());
        } else if (teams.stream().noneMatch(t -> t.id().equals(team))) {
            throw new AccessDeniedException("not a team this user may report on");
        }
        model.addAttribute("teams", teams);
        model.addAttribute("team", chosen);
        String chosenTeam = chosen;
        model.addAttribute("subject", teams.stream().filter(t -> t.id().equals(chosenTeam)).map(Team::name)
                .findFirst().orElse(null));
        model.addAttribute("reps", reps(me, chosen));
        return dashboard("team", me, request, model);
    }

    @GetMapping("/reports/reps/{userId}")
    String rep(@AuthenticationPrincipal SignedIn me, @PathVariable String userId, HttpServletRequest request, Model model) {
        User rep = store.users().find(userId).orElseThrow(() -> new AccessDeniedException("no such user"));
        if (!mayReportOn(me, rep.id())) {
            throw new AccessDeniedException("not a person this user may report on");
        }
        model.addAttribute("teams", List.of());
        model.addAttribute("team", null);
        model.addAttribute("subject", rep.name());
        model.addAttribute("repUser", rep);
        model.addAttribute("reps", List.of());
        return dashboard("rep", me, request, model);
    }

    @GetMapping("/reports/items")
    String items(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String figure,
            @RequestParam(required = false) String side, HttpServletRequest request, Model model) {
        model.addAttribute("nav", "reports");
        model.addAttribute("figure", figure);
        model.addAttribute("figureLabel", figureLabel(figure, request));
        model.addAttribute("previousSide", "previous".equals(side));
        model.addAttribute("back", backLink(me, request));
        model.addAttribute("textsJson", textsJson(request));
        return "report-items";
    }

    private String dashboard(String kind, SignedIn me, HttpServletRequest request, Model model) {
        String period = request.getParameter("period");
        period = period != null && PERIODS.contains(period) ? period : "week";
        LocalDate date = date(request.getParameter("date"), LocalDate.now(store.clock().withZone(zone)));
        LocalDate from = date(request.getParameter("from"), date.minusDays(6));
        LocalDate to = date(request.getParameter("to"), date);
        model.addAttribute("nav", "reports");
        model.addAttribute("kind", kind);
        model.addAttribute("period", period);
        model.addAttribute("date", date);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("previousLink", shifted(request, period, date, from, to, -1));
        model.addAttribute("nextLink", shifted(request, period, date, from, to, 1));
        model.addAttribute("grades", Arrays.asList(Grade.values()));
        model.addAttribute("stages", Arrays.stream(Stage.values()).toList());
        model.addAttribute("chosenGrades", values(request, "grade"));
        model.addAttribute("chosenStages", values(request, "stage"));
        model.addAttribute("country", String.join(",", values(request, "country")));
        model.addAttribute("chosenRep", request.getParameter("rep"));
        model.addAttribute("rows", ROWS);
        model.addAttribute("segments", SEGMENTS);
        model.addAttribute("funnelStages", FUNNEL);
        model.addAttribute("textsJson", textsJson(request));
        return "reports";
    }

    /** This dashboard moved by one period (custom: by its own length), keeping every other parameter. */
    private static String shifted(HttpServletRequest request, String period, LocalDate date, LocalDate from, LocalDate to,
            int direction) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getServletPath());
        request.getParameterMap().forEach((name, values) -> {
            if (!Set.of("date", "from", "to", "period").contains(name)) {
                link.queryParam(name, (Object[]) values);
            }
        });
        link.queryParam("period", period);
        switch (period) {
            case "day" -> link.queryParam("date", date.plusDays(direction));
            case "month" -> link.queryParam("date", date.plusMonths(direction));
            case "custom" -> {
                long days = ChronoUnit.DAYS.between(from, to) + 1;
                link.queryParam("from", from.plusDays(direction * days)).queryParam("to", to.plusDays(direction * days));
            }
            default -> link.queryParam("date", date.plusWeeks(direction));
        }
        return link.encode().build().toUriString();
    }

    private static LocalDate date(String text, LocalDate otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    /** A repeatable or comma-separated filter, as the API reads it. */
    private static List<String> values(HttpServletRequest request, String name) {
        String[] given = request.getParameterValues(name);
        return given == null ? List.of() : Arrays.stream(given).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** Admins every team; managers the teams they manage and their own. */
    private List<Team> teams(SignedIn me) {
        return store.users().teams().stream()
                .filter(t -> me.role() == Role.ADMIN || me.userId().equals(t.managerId()) || t.id().equals(me.teamId()))
                .sorted(Comparator.comparing(Team::name)).toList();
    }

    private List<User> reps(SignedIn me, String teamId) {
        Scope scope = store.access().scope(me.viewer());
        List<User> people = teamId != null ? store.users().inTeam(teamId)
                : scope.all() ? store.users().all() : store.users().byIds(scope.owners());
        return people.stream().filter(u -> mayReportOn(me, u.id())).sorted(Comparator.comparing(User::name)).toList();
    }

    private boolean mayReportOn(SignedIn me, String userId) {
        if (me.userId().equals(userId) || me.role() == Role.ADMIN) {
            return true;
        }
        return me.role() == Role.MANAGER && store.access().scope(me.viewer()).includes(userId);
    }

    private String backLink(SignedIn me, HttpServletRequest request) {
        String rep = request.getParameter("rep");
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(
                me.role() == Role.REP || (rep != null && !rep.isBlank() && request.getParameter("team") == null)
                        ? "/reports/reps/" + (me.role() == Role.REP ? me.userId() : rep) : "/reports");
        for (String name : PARAMS) {
            String[] values = request.getParameterValues(name);
            if (values != null && !(name.equals("rep") && link.build().getPath().startsWith("/reports/reps/"))) {
                link.queryParam(name, (Object[]) values);
            }
        }
        return link.encode().build().toUriString();
    }

    private String figureLabel(String figure, HttpServletRequest request) {
        if (figure == null) {
            return "";
        }
        String key = "reports.figure." + figure;
        String label = messages.getMessage(key, null, null, RequestContextUtils.getLocale(request));
        if (label != null) {
            return label;
        }
        String stage = figure.startsWith("funnel.") ? figure.substring(7).toUpperCase(java.util.Locale.ROOT) : null;
        if (stage != null) {
            return messages.getMessage("reports.funnel.heading", null, RequestContextUtils.getLocale(request)) + " · "
                    + messages.getMessage("stage." + stage, null, stage, RequestContextUtils.getLocale(request));
        }
        if (figure.startsWith("rfm.")) {
            return messages.getMessage("reports.rfm.heading", null, RequestContextUtils.getLocale(request)) + " · "
                    + messages.getMessage("reports.segment." + figure.substring(4), null, figure.substring(4),
                    RequestContextUtils.getLocale(request));
        }
        return figure;
    }

    /** As JSON for a non-executed script element; "<" escaped so that no text can close the element. */
    private String textsJson(HttpServletRequest request) {
        return JSON.writeValueAsString(texts(request)).replace("<", "\\u003c");
    }

    /** The texts the dashboard's script writes (chart series, figure names), in the page's language. */
    private Map<String, String> texts(HttpServletRequest request) {
        var locale = RequestContextUtils.getLocale(request);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : List.of("reports.series.sent", "reports.series.received", "reports.series.quotations",
                "reports.series.median", "reports.series.p90", "reports.series.coverage", "reports.series.customers",
                "reports.series.amount", "reports.previous", "reports.minutes", "reports.hours", "reports.days",
                "reports.loading", "reports.failed", "reports.none", "reports.more", "reports.count", "reports.up",
                "reports.down", "reports.same", "reports.asOf", "reports.kind.customer", "reports.kind.message", "reports.kind.task")) {
            texts.put(key, messages.getMessage(key, null, locale));
        }
        for (String figure : FIGURES) {
            texts.put("reports.figure." + figure, messages.getMessage("reports.figure." + figure, null, locale));
        }
        for (String stage : FUNNEL) {
            texts.put("stage." + stage, messages.getMessage("stage." + stage, null, locale));
        }
        return texts;
    }
}
