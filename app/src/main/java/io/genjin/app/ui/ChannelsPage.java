package io.genjin.app.ui;

import io.genjin.app.followup.ChannelSetup;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Refusal;
import io.genjin.followup.notify.Attempt;
import io.genjin.followup.notify.Channel;
import io.genjin.followup.notify.ChannelKind;
import io.genjin.store.user.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → notification channels: the user's own (and, for a manager, their team's) robots,
 * webhooks and email addresses; add, remove, and "send a test", whose outcome is told in words.
 */
@ConditionalOnRole(Roles.API)
@Controller
class ChannelsPage {
    private final ChannelSetup channels;

    ChannelsPage(ChannelSetup channels) {
        this.channels = channels;
    }

    /** What the add form posts; kept as typed when it is refused. */
    record ChannelForm(String kind, String scope, String name, String url, String secret, String address) {
    }

    @GetMapping("/settings/notifications")
    String page(@AuthenticationPrincipal SignedIn me, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ChannelForm("WECOM", "USER", null, null, null, null));
        }
        model.addAttribute("nav", "settings");
        model.addAttribute("channels", channels.visible(me));
        model.addAttribute("kinds", ChannelKind.values());
        model.addAttribute("teamScope", me.teamId() != null && me.role() != Role.REP);
        return "notifications";
    }

    @PostMapping("/settings/notifications")
    String add(@AuthenticationPrincipal SignedIn me, @ModelAttribute("form") ChannelForm form, Model model,
            RedirectAttributes flash) {
        ChannelKind kind;
        try {
            kind = ChannelKind.valueOf(form.kind());
        } catch (IllegalArgumentException | NullPointerException e) {
            model.addAttribute("problemKey", "channels.error.kind");
            return page(me, model);
        }
        Channel.Scope scope = "TEAM".equals(form.scope()) ? Channel.Scope.TEAM : Channel.Scope.USER;
        try {
            channels.add(me, new ChannelSetup.NewChannel(scope, null, kind, limit(form.name(), 100), limit(form.address(), 320),
                    limit(form.url(), 2000), limit(form.secret(), 500)));
        } catch (Refusal refused) {
            model.addAttribute("problemKey", refused.key());
            model.addAttribute("problemArg", refused.arg());
            return page(me, model);
        }
        flash.addFlashAttribute("done", "channels.added");
        return "redirect:/settings/notifications";
    }

    @PostMapping("/settings/notifications/{id}/remove")
    String remove(@AuthenticationPrincipal SignedIn me, @PathVariable String id, RedirectAttributes flash) {
        channels.remove(me, id);
        flash.addFlashAttribute("done", "channels.removed");
        return "redirect:/settings/notifications";
    }

    @PostMapping("/settings/notifications/{id}/test")
    String test(@AuthenticationPrincipal SignedIn me, @PathVariable String id, RedirectAttributes flash) {
        Attempt attempt = channels.test(me, id);
        flash.addFlashAttribute("tested", id);
        flash.addFlashAttribute("testOutcome", attempt.outcome().name());
        flash.addFlashAttribute("testDetail", attempt.detail() == null ? "" : attempt.detail());
        flash.addFlashAttribute("testStatus", attempt.status() == null ? "" : attempt.status().toString());
        return "redirect:/settings/notifications";
    }

    private static String limit(String text, int max) {
        String value = new FormText(text).orNull();
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
