package io.genjin.store.relay;

/**
 * Which mail sent through Genjin gets tracking (open pixel, link redirects). QUOTES: only what the
 * classifier recognises as a quotation (the default: a customer's own mail client is least likely
 * to flag a normal conversation as tracked mail). ALL: every message. NONE: never.
 */
public enum Tracking {
    QUOTES, ALL, NONE
}
