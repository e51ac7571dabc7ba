package io.genjin.app.scenario;

import java.util.Locale;

/** A display name and an address as they appear in a header. */
record Addr(String name, String address) {

    static Addr of(String name, String address) {
        return new Addr(name, address);
    }

    static Addr bare(String address) {
        return new Addr(null, address);
    }

    String domain() {
        return address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** What a reply's "From:" line or a salutation shows. */
    String shown() {
        return name == null ? address : name;
    }
}
