package io.genjin.app.sequence;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.followup.sequence.Enrollment;
import io.genjin.followup.sequence.SequenceStops;
import io.genjin.followup.sequence.UnsubscribeTokens;
import io.genjin.followup.sequence.SequenceSettings;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The unsubscribe link in sequence mail, for recipients (no sign-in). RFC 8058: the mail provider's
 * "unsubscribe" button POSTs to the link at once (one click); a person who opens the link gets a page
 * that asks first, because link scanners open every link in a mail with GET and must not unsubscribe
 * anyone. Both in the recipient's language (中文 or English, from the browser or {@code ?lang=}).
 */
@ConditionalOnRole({Roles.API, Roles.TRACKING})
@Controller
class UnsubscribePage {
    private final SequenceStops stops;
    private final UnsubscribeTokens tokens;

    UnsubscribePage(SequenceStops stops, SequenceSettings settings) {
        this.stops = stops;
        this.tokens = new UnsubscribeTokens(settings.unsubscribeKey());
    }

    @GetMapping("/u/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        frame(model, token);
        if (tokens.verify(token).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("state", "invalid");
            return "unsubscribe";
        }
        model.addAttribute("state", "confirm");
        return "unsubscribe";
    }

    @PostMapping("/u/{token}")
    String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
        frame(model, token);
        Optional<Enrollment> done = stops.unsubscribe(token);
        if (done.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("state", "invalid");
            return "unsubscribe";
        }
        model.addAttribute("state", "done");
        model.addAttribute("address", done.get().address());
        return "unsubscribe";
    }

    private static void frame(Model model, String token) {
        model.addAttribute("me", null);
        model.addAttribute("nav", "");
        model.addAttribute("token", token);
        model.addAttribute("langLinks", Map.of("en", "/u/" + token + "?lang=en", "zh", "/u/" + token + "?lang=zh-CN"));
    }
}
