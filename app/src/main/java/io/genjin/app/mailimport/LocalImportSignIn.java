package io.genjin.app.mailimport;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.BearerSignIn;
import io.genjin.app.security.SignedIn;
import io.genjin.app.store.StoreProperties;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the {@link LocalServer} file when the web server is up, and signs its secret in as the first
 * admin, for {@code /api/mail-imports} only: the command line on this machine imports through the
 * running server with it, without a personal token. Any other path refuses the secret (401).
 */
@Component
@ConditionalOnRole(Roles.API)
class LocalImportSignIn implements BearerSignIn {
    private static final Logger log = LoggerFactory.getLogger(LocalImportSignIn.class);
    private final CrmStore store;
    private final StoreProperties storeProperties;
    private volatile LocalServer local;

    LocalImportSignIn(CrmStore store, StoreProperties storeProperties) {
        this.store = store;
        this.storeProperties = storeProperties;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            return; // the management server, when it has a port of its own
        }
        LocalServer made = LocalServer.create(event.getWebServer().getPort());
        try {
            made.write(storeProperties.dataDir());
            local = made;
        } catch (IOException e) {
            log.warn("No {} file in {}: 'genjin import' will not find this server ({})", LocalServer.FILE,
                    storeProperties.dataDir(), e.getMessage());
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stopped() {
        if (local != null) {
            try {
                Files.deleteIfExists(storeProperties.dataDir().resolve(LocalServer.FILE));
            } catch (IOException e) {
                log.warn("{} could not be removed: {}", LocalServer.FILE, e.getMessage());
            }
            local = null;
        }
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(LocalServer.PREFIX);
    }

    @Override
    public Optional<SignedIn> signIn(String token) {
        LocalServer current = local;
        if (current == null || !MessageDigest.isEqual(current.secret().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)) || !mailImportRequest()) {
            return Optional.empty();
        }
        return store.users().all().stream().filter(u -> u.role() == Role.ADMIN && u.active()).findFirst().map(SignedIn::of);
    }

    private static boolean mailImportRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getRequestURI().startsWith("/api/mail-imports");
    }
}
