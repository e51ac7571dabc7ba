package io.genjin.classifier.topic;

/** The topics a customer's mail is read for; {@link #code()} is the stored and published name. */
public enum Topic {
    LEAD_TIME("lead-time"), COUNTER_OFFER("counter-offer"), CERTIFICATION("certification"),
    NEW_PRODUCT("new-product"), SAMPLE("sample"), PAYMENT_DELAY("payment-delay");

    private final String code;

    Topic(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Topic of(String code) {
        for (Topic t : values()) {
            if (t.code.equals(code.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topic " + code);
    }
}
