package io.genjin.store.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who signs in: a salesperson, a manager or an admin. {@code addresses} are the mailbox
 * addresses the user sends from; the first is the primary one.
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
        Instant createdAt) {

    public User {
        addresses = addresses == null ? List.of()
                : addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public String primaryAddress() {
        return addresses.isEmpty() ? null : addresses.get(0);
    }
}
