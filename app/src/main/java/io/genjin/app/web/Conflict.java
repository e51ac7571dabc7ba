package io.genjin.app.web;

/** The request clashes with what is stored (409): a domain another customer already has, say. */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
