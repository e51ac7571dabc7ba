package io.genjin.store.user;

/** A freshly issued token: the stored record and the secret, which is never stored. */
public record IssuedToken(ApiToken token, String secret) {
}
