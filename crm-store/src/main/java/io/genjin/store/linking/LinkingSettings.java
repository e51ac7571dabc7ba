package io.genjin.store.linking;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What an admin set for linking in the product itself, kept in the store so that every process
 * linking mail (the server, a replica, an import on the command line) uses the same: more internal
 * domains and more platform or service domains, on top of the configuration and the shipped lists.
 */
@Document("linking_settings")
public record LinkingSettings(String id, List<String> internalDomains, List<String> automatedDomains, String updatedBy,
        Instant updatedAt) {
    static final String ID = "linking";
    public static final LinkingSettings NONE = new LinkingSettings(ID, List.of(), List.of(), null, null);

    public LinkingSettings {
        id = ID;
        internalDomains = clean(internalDomains);
        automatedDomains = clean(automatedDomains);
    }

    private static List<String> clean(List<String> domains) {
        return domains == null ? List.of() : domains.stream().filter(d -> d != null && !d.isBlank())
                .map(d -> d.trim().toLowerCase(java.util.Locale.ROOT)).distinct().sorted().toList();
    }
}
