package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.customer.Company;
import io.genjin.store.order.ChangeOrderStatus;
import io.genjin.store.order.Order;
import io.genjin.store.order.OrderItem;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.order.RecordOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Recording an order or PI on the customer page, and moving it on (deposit, shipped, balance paid),
 * through the same use cases as {@code /api/companies/{id}/orders}.
 */
@ConditionalOnRole(Roles.API)
@Controller
class OrderForms {
    private final VisibleCustomers visible;
    private final RecordOrder record;
    private final ChangeOrderStatus changeStatus;
    private final Times times;

    OrderForms(VisibleCustomers visible, RecordOrder record, ChangeOrderStatus changeStatus, UiProperties properties) {
        this.visible = visible;
        this.record = record;
        this.changeStatus = changeStatus;
        this.times = new Times(properties.timeZone());
    }

    /**
     * @param items one line per item: description, quantity and unit price separated by "|", e.g.
     *              {@code M8 bolts | 20000 | 0.05}; the amount, when empty, is their sum
     */
    @PostMapping("/customers/{id}/orders")
    String record(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String number,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam String currency, @RequestParam(required = false) String amount,
            @RequestParam(required = false) OrderStatus status, @RequestParam(required = false) String items,
            RedirectAttributes flash) {
        Company company = visible.company(me, id);
        try {
            record.record(company, new RecordOrder.NewOrder(number, date == null ? null : times.morningOf(date), currency,
                    decimal(amount), status, items(items)), me.userId());
            flash.addFlashAttribute("done", "order.recorded");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/customers/" + company.id() + "#orders";
    }

    @PostMapping("/orders/{id}/status")
    String status(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam OrderStatus status,
            RedirectAttributes flash) {
        Order order = changeStatus.to(visible.order(me, id), status, me.userId());
        flash.addFlashAttribute("done", "order.moved");
        return "redirect:/customers/" + order.companyId() + "#orders";
    }

    private static List<OrderItem> items(String text) {
        List<OrderItem> items = new ArrayList<>();
        for (String line : new FormText(text).lines()) {
            String[] parts = line.split("\\|");
            if (parts.length != 3) {
                throw new io.genjin.store.Invalid("An item line is: description | quantity | unit price (" + line + ").");
            }
            items.add(new OrderItem(parts[0].trim(), decimal(parts[1]), decimal(parts[2])));
        }
        return items;
    }

    /** Amounts as typed: "12,500.00" and "12500" both read. */
    private static BigDecimal decimal(String text) {
        String value = new FormText(text).orNull();
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new io.genjin.store.Invalid("'" + value + "' is not a number.");
        }
    }
}
