package io.genjin.store.user;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/** A sales team and the manager it reports to. */
@Document("teams")
public record Team(String id, String name, String managerId, Instant createdAt) {
}
