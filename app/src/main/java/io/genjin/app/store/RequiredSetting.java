package io.genjin.app.store;

/**
 * What Genjin needs on the real path ({@code MONGODB_URI} set), where nothing may be generated into
 * a local file: every replica must share the keys, and customers' mail clients must reach the
 * public URLs. The one list: the start-up check ({@link RealPathCheck}) and the test of the deploy
 * files both read it, so a new required setting cannot be missed in either.
 */
public enum RequiredSetting {
    MONGODB_URI("genjin.store.mongodb-uri", "MONGODB_URI", Kind.VALUE),
    TRACKING_KEY("genjin.tracking.key", "GENJIN_TRACKING_KEY", Kind.KEY),
    SECRET_KEY("genjin.mailbox.secret-key", "GENJIN_SECRET_KEY", Kind.KEY),
    TRACKING_BASE_URL("genjin.tracking.base-url", "GENJIN_TRACKING_BASE_URL", Kind.PUBLIC_URL),
    PUBLIC_URL("genjin.sequences.public-url", "GENJIN_PUBLIC_URL", Kind.PUBLIC_URL);

    private final String property;
    private final String variable;
    private final Kind kind;

    RequiredSetting(String property, String variable, Kind kind) {
        this.property = property;
        this.variable = variable;
        this.kind = kind;
    }

    public String property() {
        return property;
    }

    /** The environment variable the deploy files set. */
    public String variable() {
        return variable;
    }

    public Kind kind() {
        return kind;
    }

    /** "GENJIN_TRACKING_KEY (genjin.tracking.key)": how messages name a setting. */
    public String named() {
        return variable + " (" + property + ")";
    }

    /** What a value must be: present; a key (checked for its form where it is used); a URL customers can reach. */
    public enum Kind {
        VALUE, KEY, PUBLIC_URL
    }
}
