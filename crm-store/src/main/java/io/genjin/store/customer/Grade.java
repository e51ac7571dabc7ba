package io.genjin.store.customer;

/** Customer value grade, A (most valuable) to D. */
public enum Grade {
    A, B, C, D
}
