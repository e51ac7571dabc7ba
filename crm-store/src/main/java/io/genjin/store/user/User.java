package io.genjin.store.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who signs in: a salesperson, a manager or an admin. {@code addresses} are the mailbox
 * addresses the user sends from; the first is the primary one. A user who left is deactivated, not
 * deleted ({@code deactivatedAt} set): they can no longer sign in, and their customers, mail and
 * history stay, to be handed over.
 */
@Document("users")
public record User(
        String id,
        String name,
        List<String> addresses,
        Role role,
        String teamId,
        String managerId,
        String locale,
        Instant createdAt,
        Instant deactivatedAt) {

    @PersistenceCreator
    public User {
        addresses = addresses == null ? List.of()
                : addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** An active user. */
    public User(String id, String name, List<String> addresses, Role role, String teamId, String managerId, String locale,
            Instant createdAt) {
        this(id, name, addresses, role, teamId, managerId, locale, createdAt, null);
    }

    public boolean active() {
        return deactivatedAt == null;
    }

    public String primaryAddress() {
        return addresses.isEmpty() ? null : addresses.get(0);
    }
}
