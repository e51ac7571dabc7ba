package io.genjin.store.user;

/** What a user may see: a rep their own customers, a manager the team's, an admin everything. */
public enum Role {
    REP, MANAGER, ADMIN
}
