package io.genjin.app.order;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.order.ChangeOrderStatus;
import io.genjin.store.order.Order;
import io.genjin.store.order.OrderItem;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.order.RecordOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Orders and proforma invoices on a customer, and moving one on as money and goods move. */
@ConditionalOnRole(Roles.API)
@RestController
class OrderApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final RecordOrder record;
    private final ChangeOrderStatus changeStatus;

    OrderApi(CrmStore store, VisibleCustomers visible, RecordOrder record, ChangeOrderStatus changeStatus) {
        this.store = store;
        this.visible = visible;
        this.record = record;
        this.changeStatus = changeStatus;
    }

    @GetMapping("/api/companies/{companyId}/orders")
    List<Order> list(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId) {
        return store.orders().ofCompany(visible.company(me, companyId).id());
    }

    @PostMapping("/api/companies/{companyId}/orders")
    ResponseEntity<Order> create(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody NewOrder body) {
        Order order = record.record(visible.company(me, companyId), new RecordOrder.NewOrder(body.number(),
                body.orderedAt(), body.currency(), body.amount(), body.status(),
                body.items() == null ? List.of() : body.items().stream()
                        .map(i -> new OrderItem(i.description(), i.quantity(), i.unitPrice())).toList()), me.userId());
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }

    @GetMapping("/api/orders/{id}")
    Order get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return visible.order(me, id);
    }

    @PatchMapping("/api/orders/{id}")
    Order update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody StatusChange body) {
        return changeStatus.to(visible.order(me, id), body.status(), me.userId());
    }

    /** @param status PI_SENT when absent: a PI is usually what is recorded first */
    record NewOrder(@NotBlank @Size(max = 60) String number, Instant orderedAt, @NotBlank @Size(min = 3, max = 3) String currency,
            @DecimalMin("0") BigDecimal amount, OrderStatus status, @Size(max = 200) List<@Valid Item> items) {
    }

    record Item(@NotBlank @Size(max = 300) String description, @DecimalMin("0") BigDecimal quantity,
            @DecimalMin("0") BigDecimal unitPrice) {
    }

    record StatusChange(@NotNull OrderStatus status) {
    }
}
