package io.genjin.store.linking;

import java.util.List;

/**
 * One customer a message belongs to, and why: the step that found it and a detail a person can read
 * beside it (the thread's Message-ID, the matching address, "sales.acme.com → acme.com", the
 * forwarded sender, the bounced original).
 */
public record CustomerLink(String companyId, List<String> contactIds, LinkStep step, String detail) {

    public CustomerLink {
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    }
}
