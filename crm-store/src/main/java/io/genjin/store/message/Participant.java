package io.genjin.store.message;

import java.util.Locale;

/** A name and an address from a message header; the address is kept lower-case. */
public record Participant(String name, String address) {

    public Participant {
        address = address == null ? null : address.trim().toLowerCase(Locale.ROOT);
        name = name == null || name.isBlank() ? null : name.trim();
    }

    public static Participant of(String address) {
        return new Participant(null, address);
    }

    public String domain() {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }
}
