package io.genjin.app.followup;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.followup.FollowupSettings;
import io.genjin.followup.ScanReport;
import io.genjin.followup.Texts;
import io.genjin.followup.escalation.EscalationSettings;
import io.genjin.followup.rules.Rule;
import io.genjin.followup.rules.RuleSetting;
import io.genjin.followup.rules.Rules;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rules as they are configured (managers, admins) and running the scan now (admins). */
@ConditionalOnRole(Roles.API)
@RestController
class FollowupApi {
    private final Rules rules;
    private final FollowupSettings settings;
    private final Texts texts;
    private final FollowupConfiguration.ScanNow scanNow;

    FollowupApi(Rules rules, FollowupSettings settings, Texts texts, FollowupConfiguration.ScanNow scanNow) {
        this.rules = rules;
        this.settings = settings;
        this.texts = texts;
        this.scanNow = scanNow;
    }

    @GetMapping("/api/followup/rules")
    RuleBook list(@AuthenticationPrincipal SignedIn me) {
        Locale locale = Texts.localeOf(me.locale());
        List<RuleView> views = rules.all().stream().map(rule -> view(rule, locale)).toList();
        return new RuleBook(views, settings.escalation(), settings.scanInterval(), settings.taskDueIn(),
                settings.timeZone().getId());
    }

    @PostMapping("/api/followup/scan")
    ScanReport scan() {
        return scanNow.run().orElseThrow(() -> new Conflict("A follow-up scan is running on another replica; try again shortly."));
    }

    private RuleView view(Rule rule, Locale locale) {
        String prefix = "followup.rule." + rule.name() + ".";
        return new RuleView(rule.name(), texts.text(prefix + "name", locale), rule.trigger(),
                texts.text(prefix + "trigger", locale), texts.text(prefix + "condition", locale),
                texts.text(prefix + "action", locale), rule.setting());
    }

    /** One rule: what sets it off, when it acts, what it does, and its effective settings. */
    record RuleView(String name, String title, String trigger, String triggerText, String condition, String action,
            RuleSetting settings) {
    }

    record RuleBook(List<RuleView> rules, EscalationSettings escalation, Duration scanInterval, Duration taskDueIn,
            String timeZone) {
    }
}
