package io.genjin.store.relay;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A user's relay settings; {@code userId} is the document id. */
@Document("relay_preferences")
public record RelayPreference(@Id String userId, Tracking tracking) {
    public RelayPreference {
        tracking = tracking == null ? Tracking.QUOTES : tracking;
    }
}
