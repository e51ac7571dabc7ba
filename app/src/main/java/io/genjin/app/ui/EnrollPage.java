package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.sequence.EnrollContact;
import io.genjin.followup.sequence.Enrollment;
import io.genjin.followup.sequence.Sequence;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.followup.sequence.SendZones;
import io.genjin.followup.sequence.Templates;
import io.genjin.store.Conflicting;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A customer's sequences: put one of its contacts into a sequence (the same {@link EnrollContact}
 * as the API), and see where each of the customer's enrolments stands, with pause, resume and stop.
 */
@ConditionalOnRole(Roles.API)
@Controller
class EnrollPage {
    private final CrmStore crm;
    private final SequenceStore store;
    private final EnrollContact enroll;
    private final VisibleCustomers visible;
    private final SequencePages pages;

    EnrollPage(CrmStore crm, SequenceStore store, EnrollContact enroll, VisibleCustomers visible, SequencePages pages) {
        this.crm = crm;
        this.store = store;
        this.enroll = enroll;
        this.visible = visible;
        this.pages = pages;
    }

    /** What the enrol form posts. {@code variables}: one {@code name = value} per line. */
    record EnrollForm(String sequenceId, String contactId, String variables, String timeZone) {
    }

    @GetMapping("/customers/{id}/sequences")
    String page(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        Company company = visible.company(me, id);
        List<Contact> contacts = crm.contacts().ofCompany(company.id()).stream()
                .filter(c -> !c.left() && !c.addresses().isEmpty() && c.mergedInto() == null).toList();
        List<Sequence> sequences = store.sequences().all(false).stream().filter(s -> !s.steps().isEmpty()).toList();
        List<Enrollment> enrollments = new ArrayList<>();
        for (Contact c : crm.contacts().ofCompany(company.id())) {
            enrollments.addAll(store.enrollments().ofContact(c.id()));
        }
        enrollments.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        sequences.forEach(s -> needs.put(s.id(), variablesOf(s)));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new EnrollForm(null, null, null, null));
        }
        model.addAttribute("nav", "customers");
        model.addAttribute("company", company);
        model.addAttribute("contacts", contacts);
        model.addAttribute("sequences", sequences);
        model.addAttribute("needs", needs);
        model.addAttribute("rows", pages.rows(enrollments));
        model.addAttribute("back", "/customers/" + company.id() + "/sequences");
        return "customer-sequences";
    }

    @PostMapping("/customers/{id}/sequences")
    String enroll(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @ModelAttribute("form") EnrollForm form,
            Model model, RedirectAttributes flash) {
        Company company = visible.company(me, id);
        Sequence sequence = form.sequenceId() == null ? null : store.sequences().find(form.sequenceId()).orElse(null);
        Contact contact = form.contactId() == null ? null : crm.contacts().find(form.contactId())
                .filter(c -> company.id().equals(c.companyId())).orElse(null);
        if (sequence == null || contact == null) {
            return refuse(me, id, model, "seq.enroll.choose", null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : new FormText(form.variables()).lines()) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return refuse(me, id, model, "seq.enroll.variableLine", line);
            }
            values.put(line.substring(0, eq).trim().replaceAll("^\\{\\{\\s*|\\s*}}$", ""), line.substring(eq + 1).trim());
        }
        Set<String> missing = variablesOf(sequence);
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            return refuse(me, id, model, "seq.enroll.missing", String.join(", ", missing));
        }
        String zone = new FormText(form.timeZone()).orNull();
        if (zone != null) {
            try {
                SendZones.parse(zone);
            } catch (RuntimeException e) {
                return refuse(me, id, model, "seq.enroll.zone", zone);
            }
        }
        if (store.enrollments().activeOf(contact.id()).isPresent()) {
            return refuse(me, id, model, "seq.enroll.already", null);
        }
        try {
            enroll.enroll(sequence.id(), contact.id(), null, zone, values, null, me.userId());
        } catch (Conflicting e) {
            return refuse(me, id, model, store.unsubscribes().contains(contact.addresses().get(0)) ? "seq.enroll.unsubscribed"
                    : "seq.enroll.already", null);
        } catch (NotFound e) {
            throw e;
        } catch (IllegalArgumentException e) {
            return refuse(me, id, model, "seq.enroll.refused", e.getMessage());
        }
        flash.addFlashAttribute("done", "seq.enroll.done");
        return "redirect:/customers/" + company.id() + "/sequences";
    }

    private String refuse(SignedIn me, String companyId, Model model, String key, String arg) {
        model.addAttribute("problemKey", key);
        model.addAttribute("problemArg", arg);
        return page(me, companyId, model);
    }

    /** The placeholders a sequence uses that the enrolment must fill (the built-in ones fill themselves). */
    static Set<String> variablesOf(Sequence sequence) {
        Set<String> names = new LinkedHashSet<>();
        for (Sequence.Step step : sequence.steps()) {
            for (Sequence.Variant v : step.variants()) {
                names.addAll(Templates.variables(v.subject()));
                names.addAll(Templates.variables(v.body()));
            }
        }
        names.removeAll(Templates.BUILT_IN);
        return names;
    }
}
