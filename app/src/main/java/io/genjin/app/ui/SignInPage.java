package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security's form login handles its POST and {@code /signout}. */
@ConditionalOnRole(Roles.API)
@Controller
class SignInPage {

    @GetMapping("/signin")
    String signIn(@AuthenticationPrincipal SignedIn me, jakarta.servlet.http.HttpServletRequest request,
            org.springframework.ui.Model model) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (me == null && session != null && session.getAttribute(io.genjin.app.security.CurrentUser.DEACTIVATED) != null) {
            session.removeAttribute(io.genjin.app.security.CurrentUser.DEACTIVATED);
            model.addAttribute("deactivated", true);
        }
        return me == null ? "signin" : "redirect:/customers";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/customers";
    }
}
