package io.genjin.app.outbound;

import io.genjin.store.outbound.OutboundGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one guard every user-aimed outbound connection goes through. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {
    private static final Logger log = LoggerFactory.getLogger(OutboundConfiguration.class);

    @Bean
    OutboundGuard outboundGuard(OutboundProperties properties) {
        if (!properties.allowedNetworks().isEmpty()) {
            log.info("Outbound connections may reach the allow-listed networks {}", properties.allowedNetworks());
        }
        return new OutboundGuard(properties.allowedNetworks(), OutboundGuard.Resolver.SYSTEM);
    }
}
