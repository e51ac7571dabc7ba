package io.genjin.app.live;

import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.task.Priority;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The count in the "My tasks" badge as every page renders it: the user's open HIGH priority tasks.
 * The live stream sends the same number when a new one comes, so a reload never disagrees with it.
 * Pages only (the UI package, error pages), not the JSON API.
 */
@ControllerAdvice(basePackages = "io.genjin.app.ui", assignableTypes = ErrorController.class)
class LiveBadge {
    private final CrmStore store;

    LiveBadge(CrmStore store) {
        this.store = store;
    }

    @ModelAttribute("liveHigh")
    long liveHigh(@AuthenticationPrincipal SignedIn me) {
        return me == null ? 0 : store.tasks().countOpen(me.userId(), Priority.HIGH);
    }
}
