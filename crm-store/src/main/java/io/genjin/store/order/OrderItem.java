package io.genjin.store.order;

import java.math.BigDecimal;

/** One line of an order or PI: what, how many, at what unit price (in the order's currency). */
public record OrderItem(String description, BigDecimal quantity, BigDecimal unitPrice) {

    public BigDecimal total() {
        return quantity == null || unitPrice == null ? null : quantity.multiply(unitPrice);
    }
}
