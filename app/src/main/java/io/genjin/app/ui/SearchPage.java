package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.search.MailSearch;
import io.genjin.app.search.SearchMail;
import io.genjin.app.security.SignedIn;
import io.genjin.store.NotFound;
import io.genjin.store.message.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page behind the header's search box: mail the user may see, best first or newest first,
 * with the matching words marked in the subject and a snippet (printed as text; only the marks are
 * ours), filters for customer, dates, direction and attachments, pages of 20, and the customers whose
 * name, domain or contacts match. Text that is not valid search syntax says so on the page.
 */
@ConditionalOnRole(Roles.API)
@Controller
class SearchPage {
    static final int PAGE_SIZE = 20;
    private final SearchMail search;
    private final VisibleCustomers customers;
    private final UiProperties properties;

    SearchPage(SearchMail search, VisibleCustomers customers, UiProperties properties) {
        this.search = search;
        this.customers = customers;
        this.properties = properties;
    }

    @GetMapping("/search")
    String search(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String customer, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String direction,
            @RequestParam(defaultValue = "false") boolean attachments, @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String text = q.length() > 500 ? q.substring(0, 500) : q.strip();
        String customerId = customer == null || customer.isBlank() ? null : customer;
        model.addAttribute("nav", "search");
        model.addAttribute("searchQuery", text);
        model.addAttribute("q", text);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("direction", direction == null ? "" : direction);
        model.addAttribute("attachments", attachments);
        model.addAttribute("sort", "NEWEST".equals(sort) ? "NEWEST" : "RELEVANCE");
        model.addAttribute("page", Math.max(page, 0));
        model.addAttribute("found", null);
        model.addAttribute("customers", List.of());
        model.addAttribute("customer", null);
        if (customerId != null) {
            try {
                model.addAttribute("customer", customers.company(me, customerId));
            } catch (NotFound hidden) {
                // A customer one may not see is no filter at all: searched as if none was named, never confirmed.
                customerId = null;
            }
        }
        model.addAttribute("customerId", customerId);
        boolean anyFilter = customerId != null || notBlank(from) || notBlank(to) || notBlank(direction) || attachments;
        if (text.isEmpty() && !anyFilter) {
            return "search";
        }
        Instant fromAt;
        Instant untilAt;
        try {
            fromAt = notBlank(from) ? LocalDate.parse(from.strip()).atStartOfDay(properties.timeZone()).toInstant() : null;
            untilAt = notBlank(to) ? LocalDate.parse(to.strip()).plusDays(1).atStartOfDay(properties.timeZone()).toInstant() : null;
        } catch (DateTimeParseException e) {
            model.addAttribute("problemKey", "search.error.date");
            return "search";
        }
        Direction dir = parseDirection(direction);
        MailSearch.Request request = new MailSearch.Request(text, customerId, fromAt, untilAt, dir, attachments ? Boolean.TRUE : null,
                "NEWEST".equals(sort) ? MailSearch.Order.NEWEST : MailSearch.Order.RELEVANCE, Math.min(Math.max(page, 0), 500),
                PAGE_SIZE);
        try {
            SearchMail.Found found = search.messages(me, request);
            model.addAttribute("found", found);
            model.addAttribute("hasNext", (long) (request.page() + 1) * PAGE_SIZE < found.total());
        } catch (MailSearch.BadQuery e) {
            model.addAttribute("problemKey", "search.error.syntax");
            model.addAttribute("problemDetail", e.getMessage());
            return "search";
        }
        if (request.page() == 0 && customerId == null) {
            model.addAttribute("customers", search.customers(me, text));
        }
        return "search";
    }

    private static Direction parseDirection(String direction) {
        if (!notBlank(direction)) {
            return null;
        }
        try {
            return Direction.valueOf(direction.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
