package io.genjin.store;

/**
 * The request breaks a rule the person making it can fix (an empty address list, a date in the
 * future): the API answers 400 with this message, so it is written for that person. Any other
 * {@link IllegalArgumentException} is a bug and answers 500 without its words. It extends
 * {@code IllegalArgumentException} so callers that guard against bad input keep catching it.
 */
public class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
        super(message);
    }
}
