package io.genjin.app.roles;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * What this process does. {@code genjin.roles} ({@code --roles=…}, {@code GENJIN_ROLES}) lists any of
 * {@code gateway} (SMTP dropbox, IMAP sync), {@code tracking} (the pixel and link endpoints),
 * {@code api} (REST API and web UI) and {@code followup} (rules, reminders, notifications); by
 * default all of them, so one process runs the whole product. Replicas scale out by taking a subset.
 */
public record Roles(Set<String> active) {
    public static final String PROPERTY = "genjin.roles";
    public static final String GATEWAY = "gateway";
    public static final String TRACKING = "tracking";
    public static final String API = "api";
    public static final String FOLLOWUP = "followup";
    public static final List<String> ALL = List.of(GATEWAY, TRACKING, API, FOLLOWUP);

    public Roles {
        active = Set.copyOf(active);
    }

    /** The roles configured in the environment; an unknown role stops the start with the list of known ones. */
    public static Roles of(Environment environment) {
        return parse(environment.getProperty(PROPERTY, String.join(",", ALL)));
    }

    public static Roles parse(String list) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : list.split(",")) {
            String name = role.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("unknown role '" + role.trim() + "' in " + PROPERTY + "; the roles are "
                        + String.join(", ", ALL));
            }
            roles.add(name);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " is empty; give at least one of " + String.join(", ", ALL));
        }
        return new Roles(roles);
    }

    public boolean has(String role) {
        return active.contains(role);
    }

    public boolean hasAny(String... roles) {
        return Arrays.stream(roles).anyMatch(active::contains);
    }

    @Override
    public String toString() {
        return String.join(",", ALL.stream().filter(active::contains).toList());
    }
}
