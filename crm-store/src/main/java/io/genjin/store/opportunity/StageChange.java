package io.genjin.store.opportunity;

import io.genjin.store.customer.Stage;
import java.time.Instant;

/** One move of an opportunity between stages, and who made it. */
public record StageChange(Stage from, Stage to, Instant at, String byUserId) {
}
