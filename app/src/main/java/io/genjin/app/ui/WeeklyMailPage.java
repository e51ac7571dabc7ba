package io.genjin.app.ui;

import io.genjin.app.reports.WeeklyMailPreview;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.TextStyle;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The weekly report mail's preview ({@code /reports/weekly}): the signed-in manager's (or admin's)
 * mail for a week, exactly as it is sent, in a sandboxed frame ({@code /reports/weekly/mail}, the
 * images as {@code data:} addresses), and the "send me now" form that mails it to their own address.
 * Reps get 403: the mail is a manager's summary of a team, and a rep's own figures are on their
 * dashboard.
 */
@ConditionalOnRole(Roles.API)
@Controller
class WeeklyMailPage {
    /** The frame's policy: its own inline styles and data: images, nothing else; links open outside. */
    static final String FRAME_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";

    private final CrmStore store;
    private final WeeklyMailPreview weekly;

    WeeklyMailPage(CrmStore store, WeeklyMailPreview weekly) {
        this.store = store;
        this.weekly = weekly;
    }

    private User manager(SignedIn me) {
        if (me.role() == Role.REP) {
            throw new AccessDeniedException("the weekly report mail is for managers");
        }
        return store.users().get(me.userId());
    }

    @GetMapping("/reports/weekly")
    String page(@AuthenticationPrincipal SignedIn me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model,
            HttpServletRequest request) {
        User user = manager(me);
        LocalDate week = weekly.week(date);
        model.addAttribute("week", week);
        model.addAttribute("address", user.primaryAddress());
        model.addAttribute("day", weekly.day().getDisplayName(TextStyle.FULL, RequestContextUtils.getLocale(request)));
        model.addAttribute("at", weekly.at().toString());
        model.addAttribute("zone", weekly.zone().getId());
        model.addAttribute("frame", "/reports/weekly/mail?date=" + week);
        return "report-weekly";
    }

    @GetMapping(value = "/reports/weekly/mail", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> mail(@AuthenticationPrincipal SignedIn me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        User user = manager(me);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", FRAME_POLICY).header("Referrer-Policy", "no-referrer")
                .body(weekly.html(user, weekly.week(date)));
    }

    @PostMapping("/reports/weekly/send")
    String send(@AuthenticationPrincipal SignedIn me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            RedirectAttributes redirect) {
        User user = manager(me);
        LocalDate week = weekly.week(date);
        WeeklyMailPreview.Sent sent = weekly.sendMeNow(user, week);
        redirect.addFlashAttribute("statusKind", sent.ok() ? "ok" : "error");
        redirect.addFlashAttribute("statusKey", sent.key());
        redirect.addFlashAttribute("statusArg", sent.arg());
        return "redirect:/reports/weekly?date=" + week;
    }
}
