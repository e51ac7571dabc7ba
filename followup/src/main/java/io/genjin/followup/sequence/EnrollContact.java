package io.genjin.followup.sequence;

import io.genjin.store.Conflicting;
import io.genjin.store.Invalid;
import io.genjin.followup.sequence.Enrollment.Status;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;

/**
 * Puts a contact into a sequence, refusing what could not be sent well: an archived or empty
 * sequence (400), a contact who left or has no address (400), an address that unsubscribed (409), a
 * variable the enrolment cannot fill (400), a contact already in an active sequence (409). The mail
 * goes to the contact's first address, from the customer's owner.
 */
public final class EnrollContact {
    private final CrmStore crm;
    private final SequenceStore store;
    private final Clock clock;

    public EnrollContact(CrmStore crm, SequenceStore store, Clock clock) {
        this.crm = crm;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param language  the variant to send; null picks one from the company's country
     * @param timeZone  overrides the recipient's zone for this enrolment; null resolves it at each send
     * @param startAt   when the first step's delay starts; null is now
     */
    public Enrollment enroll(String sequenceId, String contactId, String language, String timeZone,
            Map<String, String> variables, Instant startAt, String enrolledBy) {
        Sequence sequence = store.sequences().find(sequenceId).orElseThrow(() -> new NotFound("sequence", sequenceId));
        if (sequence.archived() || sequence.steps().isEmpty()) {
            throw new Invalid("The sequence " + sequence.name() + " is archived or has no steps.");
        }
        Contact contact = crm.contacts().get(contactId);
        if (contact.left() || contact.addresses().isEmpty()) {
            throw new Invalid("The contact has left the company or has no email address.");
        }
        Company company = crm.companies().findLive(contact.companyId())
                .orElseThrow(() -> new NotFound("company", contact.companyId()));
        String address = contact.addresses().get(0);
        if (store.unsubscribes().contains(address)) {
            throw new Conflicting(address + " unsubscribed from sequence mail and cannot be enrolled again.");
        }
        Map<String, String> values = variables == null ? Map.of() : new LinkedHashMap<>(variables);
        Set<String> missing = new LinkedHashSet<>();
        for (Sequence.Step step : sequence.steps()) {
            for (Sequence.Variant v : step.variants()) {
                missing.addAll(Templates.variables(v.subject()));
                missing.addAll(Templates.variables(v.body()));
            }
        }
        missing.removeAll(Templates.BUILT_IN);
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new Invalid("The sequence uses variables this enrolment does not fill: " + missing
                    + ". Pass them in \"variables\".");
        }
        if (timeZone != null && !timeZone.isBlank()) {
            timeZone = SendZones.parse(timeZone).getId();
        } else {
            timeZone = null;
        }
        String lang = language != null && !language.isBlank() ? language.toLowerCase(Locale.ROOT)
                : Languages.ofCountry(company.country()).filter(l -> sequence.steps().get(0).variants().stream()
                        .anyMatch(v -> v.language().equals(l))).orElse(sequence.defaultLanguage());
        Instant now = clock.instant();
        Instant start = startAt == null || startAt.isBefore(now) ? now : startAt;
        String owner = company.ownerId() != null ? company.ownerId() : contact.ownerId();
        if (owner == null) {
            throw new Invalid("The customer has no owner to send from.");
        }
        try {
            return store.enrollments().insert(new Enrollment(Ids.newId(), sequence.id(), contact.id(), company.id(), owner,
                    address, lang, timeZone, values, Status.ACTIVE, null, null, 0,
                    start.plus(sequence.steps().get(0).delay()), null, contact.id(), List.of(), enrolledBy, now, null,
                    null, null, null, null));
        } catch (DuplicateKeyException e) {
            throw new Conflicting("This contact is already in an active sequence; stop it first.");
        }
    }
}
