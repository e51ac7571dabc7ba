package io.genjin.store.order;

/**
 * Where an export order stands, in the order money and goods usually move: the proforma invoice is
 * sent, the deposit (often 30%) arrives, the goods ship, the balance is paid against the documents.
 */
public enum OrderStatus {
    PI_SENT, DEPOSIT_RECEIVED, SHIPPED, BALANCE_PAID
}
