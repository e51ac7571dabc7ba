package io.genjin.store;

/** A referenced document does not exist (or is not visible to the caller, which looks the same). */
public class NotFound extends RuntimeException {
    private final String kind;
    private final String id;

    public NotFound(String kind, String id) {
        super(kind + " " + id + " not found");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
