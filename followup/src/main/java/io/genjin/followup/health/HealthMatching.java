package io.genjin.followup.health;

import java.util.List;
import java.util.Set;

/** What a customer list asks of health to filter by it: the tags there are, and who matches a filter. */
public interface HealthMatching {
    /** The smart tag keys a filter may name. */
    List<String> smartTags();

    /** The customers carrying {@code tag} (when given) and scoring below {@code below} (when given); null without a filter. */
    Set<String> matching(String tag, Integer below);
}
