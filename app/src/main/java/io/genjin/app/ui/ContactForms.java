package io.genjin.app.ui;

import io.genjin.app.customer.SaveContact;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adding and editing a customer's contacts in the browser, through the same use case as the API. */
@ConditionalOnRole(Roles.API)
@Controller
class ContactForms {
    private final VisibleCustomers visible;
    private final SaveContact save;

    ContactForms(VisibleCustomers visible, SaveContact save) {
        this.visible = visible;
        this.save = save;
    }

    /** Addresses and phones one per line; {@code left} is a checkbox (absent when unticked). */
    record ContactForm(String name, String title, String addresses, String phones, String whatsApp, String weChat,
            Boolean left) {

        static ContactForm of(Contact c) {
            return new ContactForm(c.name(), c.title(), FormText.joined(c.addresses(), "\n"),
                    FormText.joined(c.phones(), "\n"), c.whatsApp(), c.weChat(), c.left());
        }

        SaveContact.Fields fields() {
            return new SaveContact.Fields(text(name), new FormText(addresses).lines(), new FormText(phones).lines(),
                    text(title), text(whatsApp), text(weChat), Boolean.TRUE.equals(left));
        }

        /** An emptied field clears it: the use case keeps a value only for null. */
        private static String text(String value) {
            return value == null ? "" : value.trim();
        }
    }

    @GetMapping("/customers/{id}/contacts/new")
    String newContact(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        return form(visible.company(me, id), null, new ContactForm(null, null, null, null, null, null, false), null, model);
    }

    @PostMapping("/customers/{id}/contacts")
    String add(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @ModelAttribute ContactForm form,
            Model model, RedirectAttributes flash) {
        Company company = visible.company(me, id);
        try {
            save.add(company, form.fields());
        } catch (IllegalArgumentException | Conflict e) {
            return form(company, null, form, e.getMessage(), model);
        }
        flash.addFlashAttribute("done", "contact.saved");
        return "redirect:/customers/" + company.id();
    }

    @GetMapping("/contacts/{id}/edit")
    String editForm(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        Contact contact = visible.contact(me, id);
        return form(visible.company(me, contact.companyId()), contact, ContactForm.of(contact), null, model);
    }

    @PostMapping("/contacts/{id}/edit")
    String edit(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @ModelAttribute ContactForm form,
            Model model, RedirectAttributes flash) {
        Contact contact = visible.contact(me, id);
        Company company = visible.company(me, contact.companyId());
        try {
            save.edit(contact, form.fields());
        } catch (IllegalArgumentException | Conflict e) {
            return form(company, contact, form, e.getMessage(), model);
        }
        flash.addFlashAttribute("done", "contact.saved");
        return "redirect:/customers/" + company.id();
    }

    private static String form(Company company, Contact contact, ContactForm form, String problem, Model model) {
        model.addAttribute("nav", "customers");
        model.addAttribute("company", company);
        model.addAttribute("contact", contact);
        model.addAttribute("form", form);
        model.addAttribute("problem", problem);
        return "contact-form";
    }
}
