package io.genjin.app.ui;

import io.genjin.app.customer.CreateCustomer;
import io.genjin.app.customer.EditCustomer;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.store.customer.ArchiveCustomer;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.MoveCustomerToStage;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.customer.Stage;
import io.genjin.store.user.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Making and changing customers in the browser: the new-customer and edit forms, and the customer
 * page's stage, grade, owner and archive controls. Each calls the same use case as the API.
 */
@ConditionalOnRole(Roles.API)
@Controller
class CustomerForms {
    private final VisibleCustomers visible;
    private final CreateCustomer create;
    private final EditCustomer edit;
    private final MoveCustomerToStage moveToStage;
    private final ReassignCustomer reassign;
    private final ArchiveCustomer archive;
    private final Assignees assignees;

    CustomerForms(VisibleCustomers visible, CreateCustomer create, EditCustomer edit, MoveCustomerToStage moveToStage,
            ReassignCustomer reassign, ArchiveCustomer archive, Assignees assignees) {
        this.visible = visible;
        this.create = create;
        this.edit = edit;
        this.moveToStage = moveToStage;
        this.reassign = reassign;
        this.archive = archive;
        this.assignees = assignees;
    }

    /** What the form posts; lists as typed (see {@link FormText}). */
    record CustomerForm(String name, String domains, String country, String industry, Grade grade, Stage stage,
            String ownerId, String tags) {

        static CustomerForm of(Company c) {
            return new CustomerForm(c.name(), FormText.joined(c.domains(), ", "), c.country(), c.industry(), c.grade(),
                    c.stage(), c.ownerId(), FormText.joined(c.tags(), ", "));
        }
    }

    @GetMapping("/customers/new")
    String newCustomer(@AuthenticationPrincipal SignedIn me, Model model) {
        return form(me, new CustomerForm(null, null, null, null, Grade.C, Stage.LEAD, me.userId(), null), null, null, model);
    }

    @PostMapping("/customers")
    String create(@AuthenticationPrincipal SignedIn me, @ModelAttribute CustomerForm form, Model model,
            RedirectAttributes flash) {
        try {
            Company created = create.create(me, new CreateCustomer.Fields(form.name(), new FormText(form.domains()).words(),
                    new FormText(form.country()).orNull(), new FormText(form.industry()).orNull(), form.grade(),
                    form.stage(), new FormText(form.ownerId()).orNull(), new FormText(form.tags()).wordSet()));
            flash.addFlashAttribute("done", "customer.created");
            return "redirect:/customers/" + created.id();
        } catch (IllegalArgumentException | Conflict e) {
            return form(me, form, null, e.getMessage(), model);
        }
    }

    @GetMapping("/customers/{id}/edit")
    String editForm(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        Company company = visible.company(me, id);
        return form(me, CustomerForm.of(company), company, null, model);
    }

    @PostMapping("/customers/{id}/edit")
    String edit(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @ModelAttribute CustomerForm form,
            Model model, RedirectAttributes flash) {
        Company company = visible.company(me, id);
        try {
            edit.edit(company, new EditCustomer.Changes(form.name(), new FormText(form.domains()).words(),
                    nonNull(form.country()), nonNull(form.industry()), form.grade(), new FormText(form.tags()).wordSet()));
            flash.addFlashAttribute("done", "customer.saved");
            return "redirect:/customers/" + company.id();
        } catch (IllegalArgumentException | Conflict e) {
            return form(me, form, company, e.getMessage(), model);
        }
    }

    @PostMapping("/customers/{id}/stage")
    String stage(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam Stage stage,
            @RequestParam(required = false) String note, RedirectAttributes flash) {
        Company company = moveToStage.move(visible.company(me, id), stage, new FormText(note).orNull(), me.userId());
        flash.addFlashAttribute("done", "customer.staged");
        return "redirect:/customers/" + company.id();
    }

    @PostMapping("/customers/{id}/grade")
    String grade(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam Grade grade,
            RedirectAttributes flash) {
        Company company = edit.edit(visible.company(me, id), new EditCustomer.Changes(null, null, null, null, grade, null));
        flash.addFlashAttribute("done", "customer.graded");
        return "redirect:/customers/" + company.id();
    }

    /** Like the API, only managers and admins hand customers over; a rep claims nothing here. */
    @PostMapping("/customers/{id}/owner")
    String owner(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String ownerId,
            RedirectAttributes flash) {
        if (me.role() == Role.REP) {
            throw new AccessDeniedException("a rep cannot hand customers over");
        }
        Company company = visible.company(me, id);
        visible.requireAssignable(me, ownerId);
        reassign.to(company, ownerId, me.userId());
        flash.addFlashAttribute("done", "customer.reowned");
        return "redirect:/customers/" + company.id();
    }

    @PostMapping("/customers/{id}/archive")
    String archive(@AuthenticationPrincipal SignedIn me, @PathVariable String id, RedirectAttributes flash) {
        Company company = archive.archive(visible.company(me, id), me.userId());
        flash.addFlashAttribute("done", "customer.archived");
        return "redirect:/customers/" + company.id();
    }

    @PostMapping("/customers/{id}/restore")
    String restore(@AuthenticationPrincipal SignedIn me, @PathVariable String id, RedirectAttributes flash) {
        Company company = archive.restore(visible.company(me, id), me.userId());
        flash.addFlashAttribute("done", "customer.restored");
        return "redirect:/customers/" + company.id();
    }

    private String form(SignedIn me, CustomerForm form, Company company, String problem, Model model) {
        model.addAttribute("nav", "customers");
        model.addAttribute("form", form);
        model.addAttribute("company", company);
        model.addAttribute("problem", problem);
        model.addAttribute("grades", Grade.values());
        model.addAttribute("stages", Stage.values());
        model.addAttribute("owners", assignees.of(me));
        return "customer-form";
    }

    /** An emptied optional field clears it (the use case keeps a field only when given null). */
    private static String nonNull(String text) {
        return text == null ? "" : text.trim();
    }
}
