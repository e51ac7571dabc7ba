package io.genjin.app.security;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can sign in on a fresh install: creates the first admin, with the token from
 * {@code GENJIN_ADMIN_TOKEN} when set, or a generated one printed once, on that first start only.
 */
@Component
@ConditionalOnRole(Roles.API)
class AdminBootstrap implements ApplicationRunner {
    static final String FIRST_ADMIN_ID = "000000000000000000000001";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private final CrmStore store;
    private final Durability durability;
    private final Properties properties;

    AdminBootstrap(CrmStore store, Durability durability, Properties properties) {
        this.store = store;
        this.durability = durability;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configured = properties.adminToken();
        boolean hasConfigured = configured != null && !configured.isBlank();
        if (store.users().anyAdmin()) {
            if (hasConfigured && !store.apiTokens().exists(configured)) {
                User admin = store.users().all().stream().filter(u -> u.role() == Role.ADMIN).findFirst().orElseThrow();
                registerQuietly(admin.id(), configured);
                durability.flush();
                log.info("Registered GENJIN_ADMIN_TOKEN for admin {}", admin.id());
            }
            return;
        }
        // A fixed id: when several replicas start on an empty database, exactly one creates the admin.
        User admin = new User(FIRST_ADMIN_ID, "Administrator", List.of(), Role.ADMIN, null, null, "en",
                store.clock().instant());
        if (!store.users().createIfAbsent(admin)) {
            if (hasConfigured && !store.apiTokens().exists(configured)) {
                registerQuietly(admin.id(), configured);
            }
            return;
        }
        if (hasConfigured) {
            registerQuietly(admin.id(), configured);
            log.info("Created the admin user {} with the token from GENJIN_ADMIN_TOKEN", admin.id());
        } else {
            String secret = store.apiTokens().issue(admin.id(), "bootstrap").secret();
            // Printed once, on the first start only, so it does not linger in later logs.
            System.out.println();
            System.out.println("==================================================================");
            System.out.println(" Genjin admin token (shown once, keep it safe): " + secret);
            System.out.println(" 管理员令牌（仅显示一次，请妥善保存）: " + secret);
            System.out.println("==================================================================");
            System.out.println();
        }
        store.audit().record(admin.id(), "user.bootstrapped", "user", admin.id(), null);
        durability.flush();
    }

    /** Registers the configured token unless another replica just did. */
    private void registerQuietly(String adminId, String secret) {
        try {
            store.apiTokens().register(adminId, "GENJIN_ADMIN_TOKEN", secret);
        } catch (DuplicateKeyException registeredElsewhere) {
            log.debug("GENJIN_ADMIN_TOKEN was registered by another replica");
        }
    }

    /** @param adminToken the bootstrap admin token, from {@code GENJIN_ADMIN_TOKEN} */
    @ConfigurationProperties("genjin")
    record Properties(String adminToken) {
    }
}
