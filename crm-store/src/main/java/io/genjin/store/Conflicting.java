package io.genjin.store;

/**
 * The request clashes with what is stored (a contact already in an active sequence, a customer
 * claimed by someone else first): the API answers 409 with this message, written for the person who
 * asked. Any other {@link IllegalStateException} is a bug and answers 500 without its words.
 */
public class Conflicting extends IllegalStateException {
    public Conflicting(String message) {
        super(message);
    }
}
