package io.genjin.app.live;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The signed-in user's live stream ({@code static/js/live.js} opens it on every page). The user comes
 * from the session, never from the request, so nobody can listen to another user's stream.
 */
@RestController
@ConditionalOnWebApplication
@ConditionalOnRole(Roles.API)
class LiveStreamEndpoint {
    private final LiveStreams streams;

    LiveStreamEndpoint(LiveStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/live/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal SignedIn me) {
        return streams.open(me.userId());
    }
}
