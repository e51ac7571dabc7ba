package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Settings": the index of the set-up pages. A rep sees what is theirs (mailboxes, relay
 * passwords, notification channels, sequences); managers and admins also see the team's.
 */
@ConditionalOnRole(Roles.API)
@Controller
class SettingsPage {

    @GetMapping("/settings")
    String settings(Model model) {
        model.addAttribute("nav", "settings");
        return "settings";
    }
}
