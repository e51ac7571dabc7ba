package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.customer.HealthFilter;
import io.genjin.app.health.HealthViews;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.health.Health;
import java.util.Locale;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.LogActivity;
import io.genjin.store.user.Role;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.timeline.TimelinePage;
import io.genjin.store.user.User;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer list with search (current or archived customers), and the customer 360° page: the
 * header figures, contacts, open tasks, orders, the timeline, and the forms that change them.
 */
@ConditionalOnRole(Roles.API)
@Controller
class CustomerPages {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final CustomerHeader header;
    private final Assignees assignees;
    private final int pageSize;
    private final HealthViews healthViews;
    private final Health health;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    CustomerPages(CrmStore store, VisibleCustomers visible, CustomerHeader header, Assignees assignees,
            UiProperties properties, HealthViews healthViews, Health health) {
        this.healthViews = healthViews;
        this.health = health;
        this.store = store;
        this.visible = visible;
        this.header = header;
        this.assignees = assignees;
        this.pageSize = properties.pageSize();
    }

    /**
     * @param page     1-based; one extra row is read to know whether a next page exists
     * @param archived list the archived customers instead
     */
    @GetMapping("/customers")
    String list(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "false") boolean archived,
            @RequestParam(required = false) String tag, @RequestParam(required = false) Integer healthBelow,
            Locale locale, Model model) {
        int current = Math.max(page, 1);
        String text = q == null || q.isBlank() ? null : q.trim();
        String smartTag = tag == null || !Health.tagKeys().contains(tag) ? null : tag;
        Integer below = healthBelow == null ? null : Math.max(0, Math.min(101, healthBelow));
        List<Company> found = smartTag == null && below == null
                ? store.companies().search(visible.scope(me), text, archived, (current - 1) * pageSize, pageSize + 1)
                : HealthFilter.page(store, visible.scope(me), text, archived, health.matching(smartTag, below),
                        (current - 1) * pageSize, pageSize + 1);
        model.addAttribute("tag", smartTag);
        model.addAttribute("healthBelow", below);
        model.addAttribute("tagNames", healthViews.tagNames(locale));
        model.addAttribute("archived", archived);
        List<Company> shown = found.stream().limit(pageSize).toList();
        model.addAttribute("nav", "customers");
        model.addAttribute("q", text);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", found.size() > pageSize);
        model.addAttribute("previousHref", pageHref(text, archived, smartTag, below, current - 1));
        model.addAttribute("nextHref", pageHref(text, archived, smartTag, below, current + 1));
        model.addAttribute("customers", shown);
        model.addAttribute("owners", names(shown.stream().map(Company::ownerId)));
        model.addAttribute("healthOf", health.of(shown.stream().map(Company::id).toList()));
        return "customers";
    }

    /** Another page of the same list: the text, archive, tag and score filters stay. */
    static String pageHref(String text, boolean archived, String tag, Integer below, int page) {
        var link = org.springframework.web.util.UriComponentsBuilder.fromPath("/customers");
        if (text != null) {
            link.queryParam("q", text);
        }
        if (archived) {
            link.queryParam("archived", true);
        }
        if (tag != null) {
            link.queryParam("tag", tag);
        }
        if (below != null) {
            link.queryParam("healthBelow", below);
        }
        return link.queryParam("page", page).encode().build().toUriString();
    }

    /**
     * @param type   show only this kind of activity; all when absent
     * @param cursor the keyset position of an older page, as the timeline handed it out
     */
    @GetMapping("/customers/{id}")
    String customer(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam(required = false) ActivityType type, @RequestParam(required = false) String cursor,
            Locale locale, Model model) {
        Company company = visible.company(me, id);
        HealthViews.HealthView healthView = healthViews.of(company, locale).orElse(null);
        model.addAttribute("health", healthView);
        model.addAttribute("healthTrendJson", healthView == null ? "[]"
                : JSON.writeValueAsString(healthView.trend()).replace("<", "\\u003c"));
        Set<ActivityType> types = type == null ? Set.of() : EnumSet.of(type);
        TimelinePage timeline = store.timeline().page(company.id(), types, cursor, pageSize);
        List<Task> openTasks = store.tasks().ofCompany(company.id(), EnumSet.of(TaskStatus.OPEN));
        model.addAttribute("nav", "customers");
        model.addAttribute("company", company);
        model.addAttribute("header", header.of(company, openTasks.size()));
        model.addAttribute("contacts", store.contacts().ofCompany(company.id()));
        model.addAttribute("openTasks", openTasks);
        model.addAttribute("orders", store.orders().ofCompany(company.id()));
        model.addAttribute("orderStatuses", OrderStatus.values());
        model.addAttribute("loggable", LogActivity.LOGGABLE);
        model.addAttribute("stages", Stage.values());
        model.addAttribute("grades", Grade.values());
        model.addAttribute("assignees", me.role() == Role.REP ? List.of() : assignees.of(me));
        model.addAttribute("timeline", timeline);
        model.addAttribute("type", type);
        model.addAttribute("cursor", cursor);
        model.addAttribute("types", ActivityType.values());
        model.addAttribute("people", names(Stream.concat(Stream.of(company.ownerId()),
                timeline.items().stream().map(Activity::actorId))));
        model.addAttribute("now", store.clock().instant());
        return "customer";
    }

    /** Display names of users by id, read in one query. */
    private Map<String, String> names(Stream<String> userIds) {
        Collection<String> ids = userIds.filter(Objects::nonNull).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        return store.users().byIds(ids).stream().collect(Collectors.toMap(User::id, User::name, (a, b) -> a));
    }
}
