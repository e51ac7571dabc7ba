package io.genjin.app.security;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.schedule.Repeating;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.mongodb.spring.session.MongoIndexedSessionRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/**
 * Web sessions live in the store ({@value #COLLECTION}), not in one process's memory: any replica with
 * the {@code api} role serves any signed-in user, without sticky sessions, and signing out deletes the
 * session for every replica at once. Spring Session's repository for MongoDB, kept by MongoDB since
 * Spring Session 4 ({@code org.mongodb:mongodb-spring-session}); attributes are Java-serialised, as a
 * servlet container would keep them.
 *
 * <p>A real MongoDB removes expired sessions through the repository's TTL index; the embedded store
 * has no TTL expiry, so a sweep deletes them (the repository already refuses an expired session when
 * it is read, so the sweep only frees space).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnRole(Roles.API)
@EnableSpringHttpSession
class StoredSessions {
    static final String COLLECTION = "http_sessions";
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

    @Bean
    MongoIndexedSessionRepository sessionRepository(MongoOperations mongo, ObjectProvider<SessionTimeout> timeout) {
        MongoIndexedSessionRepository sessions = new MongoIndexedSessionRepository(mongo);
        sessions.setCollectionName(COLLECTION);
        sessions.setDefaultMaxInactiveInterval(timeout.stream().map(SessionTimeout::getTimeout)
                .filter(t -> t != null).findFirst().orElse(Duration.ofMinutes(30)));
        return sessions;
    }

    @Bean(destroyMethod = "close")
    Repeating expiredSessionSweep(MongoOperations mongo, ObjectProvider<Clock> clock) {
        return Repeating.every(SWEEP_EVERY, "genjin-session-sweep", () -> mongo.remove(
                Query.query(Criteria.where("expireAt").lt(Date.from(clock.getObject().instant()))), COLLECTION));
    }
}
