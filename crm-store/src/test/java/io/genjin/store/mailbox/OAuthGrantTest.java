package io.genjin.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.EmbeddedMongo;
import io.genjin.store.mailbox.MailboxAccount.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthGrantTest {
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Instant now = Instant.parse("2026-12-02T08:00:00Z");
    private final List<String> refreshedWith = new ArrayList<>();
    private RuntimeException failure;
    private final TokenRefresher refresher = (provider, refreshToken) -> {
        refreshedWith.add(provider + ":" + refreshToken);
        if (failure != null) {
            throw failure;
        }
        return new TokenRefresher.Refreshed("access-" + (refreshedWith.size() + 1), now.plus(Duration.ofHours(1)),
                "refresh-" + (refreshedWith.size() + 1));
    };
    private final MailboxStore store = MailboxStore.over(mongo.template(), SecretCipher.withKey(new byte[32]), () -> { },
            Clock.fixed(now, ZoneOffset.UTC), refresher);

    @AfterEach
    void stop() {
        mongo.close();
    }

    private MailboxAccount signedIn(Instant expiresAt) {
        return store.accounts().addSignedIn("u1", "outlook.office365.com", 993, Security.SSL, "rep@acme.com", "microsoft",
                new TokenRefresher.Refreshed("access-1", expiresAt, "refresh-1"));
    }

    @Test
    void tokensAreSealedAtRest() {
        signedIn(now.plus(Duration.ofHours(1)));
        String raw = mongo.template().getCollection("mailbox_grants").find().first().toJson()
                + mongo.template().getCollection("mailbox_accounts").find().first().toJson();
        assertThat(raw).doesNotContain("refresh-1").doesNotContain("access-1");
    }

    @Test
    void anAccessTokenValidForLongEnoughIsUsedAsItIs() {
        MailboxAccount account = signedIn(now.plus(Duration.ofHours(1)));
        assertThat(store.accounts().secretOf(account)).isEqualTo("access-1");
        assertThat(refreshedWith).isEmpty();
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedAndTheRotatedRefreshTokenKept() {
        MailboxAccount account = signedIn(now.plus(Duration.ofMinutes(1)));
        assertThat(store.accounts().secretOf(account)).isEqualTo("access-2");
        assertThat(refreshedWith).containsExactly("microsoft:refresh-1");
        // The new token lasts an hour: the next use does not refresh again.
        assertThat(store.accounts().secretOf(store.accounts().get(account.id()))).isEqualTo("access-2");
        assertThat(refreshedWith).hasSize(1);
        assertThat(store.accounts().grantOf(account.id()).orElseThrow().accessExpiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
    }

    @Test
    void aRefusedGrantAsksTheOwnerToSignInAgainAndIsNotTriedAgain() {
        MailboxAccount account = signedIn(now.minusSeconds(1));
        failure = new TokenRefresher.Refused("invalid_grant: AADSTS70008 the refresh token has expired");
        assertThatThrownBy(() -> store.accounts().secretOf(account)).isInstanceOf(SignInAgain.class);
        assertThatThrownBy(() -> store.accounts().secretOf(account)).isInstanceOf(SignInAgain.class)
                .hasMessageContaining("invalid_grant");
        assertThat(refreshedWith).hasSize(1);
        assertThat(store.accounts().grantOf(account.id()).orElseThrow().needsSignIn()).isTrue();

        failure = null;
        store.accounts().renewSignIn(account.id(), "microsoft",
                new TokenRefresher.Refreshed("access-9", now.plus(Duration.ofHours(1)), "refresh-9"));
        assertThat(store.accounts().grantOf(account.id()).orElseThrow().needsSignIn()).isFalse();
        assertThat(store.accounts().secretOf(store.accounts().get(account.id()))).isEqualTo("access-9");
    }

    @Test
    void aTransientFailureIsRetriedOnTheNextUse() {
        MailboxAccount account = signedIn(now.minusSeconds(1));
        failure = new IllegalStateException("token endpoint answered 503");
        assertThatThrownBy(() -> store.accounts().secretOf(account)).hasMessageContaining("503");
        assertThat(store.accounts().grantOf(account.id()).orElseThrow().needsSignIn()).isFalse();
        failure = null;
        assertThat(store.accounts().secretOf(account)).isEqualTo("access-3");
        assertThat(refreshedWith).hasSize(2);
    }

    @Test
    void removingTheAccountRemovesItsGrant() {
        MailboxAccount account = signedIn(now.plus(Duration.ofHours(1)));
        store.accounts().remove(account.id());
        assertThat(mongo.template().getCollection("mailbox_grants").countDocuments(new Document())).isZero();
    }
}
