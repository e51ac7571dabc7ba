package io.genjin.app.tracking;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.store.StoreProperties;
import io.genjin.store.Durability;
import io.genjin.tracking.TrackHits;
import io.genjin.tracking.Tracking;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The public pixel and link endpoints ({@code /t/o/…}, {@code /t/c/…}) and the hit writer behind
 * them: the {@code tracking} role, which may run alone ({@code --roles=tracking}) on replicas
 * facing the internet.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Roles.TRACKING)
class TrackingEndpointsConfiguration {

    /**
     * Closed on shutdown after the web server stops taking requests: whatever is queued is written.
     * {@code durability} makes each hit durable in the journal before the endpoint answers (and the
     * store, the embedded server, must outlive the writer). The embedded store has one process:
     * what its journal holds at start was left by the last one.
     */
    @Bean(destroyMethod = "close")
    TrackHits trackHits(Tracking tracking, TrackingProperties properties, Durability durability, StoreProperties store) {
        return tracking.startHits(properties.retentionCheck(), durability, store.embedded());
    }

    /**
     * A plain servlet filter ahead of everything else (Spring Security, MVC): the endpoints need no
     * session, user or handler mapping, and a pixel is answered in microseconds.
     */
    @Bean
    FilterRegistrationBean<TrackingEndpoints> trackingEndpoints(TrackHits hits, MessageSource messages, Clock clock) {
        FilterRegistrationBean<TrackingEndpoints> registration = new FilterRegistrationBean<>(
                new TrackingEndpoints(hits, messages, clock));
        registration.addUrlPatterns("/t/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("trackingEndpoints");
        return registration;
    }

    @Bean
    MeterBinder trackingMetrics(TrackHits hits) {
        return registry -> {
            Gauge.builder("genjin.tracking.hits.accepted", hits, h -> h.stats().accepted()).register(registry);
            Gauge.builder("genjin.tracking.hits.dropped", hits, h -> h.stats().dropped()).register(registry);
            Gauge.builder("genjin.tracking.hits.failed", hits, h -> h.stats().failed()).register(registry);
            Gauge.builder("genjin.tracking.hits.queued", hits, h -> h.stats().queued()).register(registry);
            Gauge.builder("genjin.tracking.hits.recovered", hits, h -> h.stats().recovered()).register(registry);
            Gauge.builder("genjin.tracking.tokens.rejected", hits, TrackHits::rejected).register(registry);
        };
    }
}
