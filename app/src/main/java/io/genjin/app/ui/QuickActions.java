package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.customer.Company;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.timeline.LogActivity;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer page's "log a call / meeting / WhatsApp / note" form, with an optional next-step date
 * that becomes a follow-up task: the same use case as {@code POST /api/companies/{id}/notes}.
 */
@ConditionalOnRole(Roles.API)
@Controller
class QuickActions {
    private final VisibleCustomers visible;
    private final LogActivity logActivity;
    private final Times times;

    QuickActions(VisibleCustomers visible, LogActivity logActivity, UiProperties properties) {
        this.visible = visible;
        this.logActivity = logActivity;
        this.times = new Times(properties.timeZone());
    }

    /** @param nextStepOn the day to follow up (due at nine that morning); no task when empty */
    @PostMapping("/customers/{id}/log")
    String log(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam ActivityType type,
            @RequestParam(required = false) String title, @RequestParam String body,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate nextStepOn,
            @RequestParam(required = false) String nextStep, RedirectAttributes flash) {
        Company company = visible.company(me, id);
        if (body.isBlank() || body.length() > 20_000) {
            flash.addFlashAttribute("problemKey", "log.bodyNeeded");
            return "redirect:/customers/" + company.id();
        }
        try {
            LogActivity.Logged logged = logActivity.log(company, new LogActivity.Entry(type, limit(title, 200), body,
                    null, null, nextStepOn == null ? null : times.morningOf(nextStepOn), limit(nextStep, 300)), me.userId());
            flash.addFlashAttribute("done", logged.followUp() == null ? "log.logged" : "log.loggedWithTask");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/customers/" + company.id();
    }

    private static String limit(String text, int max) {
        String value = new FormText(text).orNull();
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
