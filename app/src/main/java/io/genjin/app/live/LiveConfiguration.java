package io.genjin.app.live;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.schedule.Repeating;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
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

    /**
     * Ends the streams first when the server stops: a graceful shutdown waits for open requests, and
     * an event stream never ends by itself. The browsers reconnect to whichever process answers next.
     */
    @Bean
    SmartLifecycle liveStreamsFirstToStop(LiveStreams streams) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                streams.closeAll();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }

    @Bean(destroyMethod = "close")
    Repeating liveHeartbeat(LiveStreams streams, LiveProperties properties) {
        return Repeating.every(properties.heartbeat(), "live-heartbeat", streams::heartbeat);
    }
}
