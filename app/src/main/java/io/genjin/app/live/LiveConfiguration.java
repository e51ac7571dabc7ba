package io.genjin.app.live;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.schedule.Repeating;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live streams of the pages, with their heartbeat; only where pages are served. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnRole(Roles.API)
class LiveConfiguration {

    @Bean(destroyMethod = "closeAll")
    LiveStreams liveStreams(LiveProperties properties) {
        return new LiveStreams(properties.maxStreamsPerUser(), properties.timeout().toMillis());
    }

    @Bean(destroyMethod = "close")
    Repeating liveHeartbeat(LiveStreams streams, LiveProperties properties) {
        return Repeating.every(properties.heartbeat(), "live-heartbeat", streams::heartbeat);
    }
}
