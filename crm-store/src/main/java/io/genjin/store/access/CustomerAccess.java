package io.genjin.store.access;

import io.genjin.store.customer.Company;
import io.genjin.store.user.User;
import io.genjin.store.user.Users;
import java.util.HashSet;
import java.util.Set;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The one place that decides which customers a user may see. A rep sees the customers they own
 * (私海) and the public pool of unowned ones (公海), from which they may claim one; a manager those
 * owned by anyone in their team, plus the pool; an admin all of them. Everything hanging off a
 * customer (contacts, timeline, tasks, opportunities) inherits this.
 */
public class CustomerAccess {
    private final Users users;

    public CustomerAccess(Users users) {
        this.users = users;
    }

    /** The owners whose customers the viewer sees. */
    public Scope scope(Viewer viewer) {
        if (viewer.isAdmin()) {
            return Scope.ALL;
        }
        Set<String> owners = new HashSet<>();
        owners.add(viewer.userId());
        if (viewer.isManager()) {
            users.inTeam(viewer.teamId()).stream().map(User::id).forEach(owners::add);
            users.reportsOf(viewer.userId()).stream().map(User::id).forEach(owners::add);
        }
        // Everyone sees the public pool: that is how export teams hand out unworked leads.
        return new Scope(Set.copyOf(owners), true);
    }

    public boolean canSee(Viewer viewer, Company company) {
        return company != null && scope(viewer).includes(company.ownerId());
    }

    /** May the viewer hand a customer to this owner (create for them, reassign to them)? */
    public boolean canAssignTo(Viewer viewer, String ownerId) {
        return ownerId != null && scope(viewer).includes(ownerId);
    }

    /** A set of owners; {@code all} means no restriction. */
    public record Scope(Set<String> owners, boolean includesUnowned) {
        public static final Scope ALL = new Scope(null, true);

        public boolean all() {
            return owners == null;
        }

        public boolean includes(String ownerId) {
            if (all()) {
                return true;
            }
            return ownerId == null ? includesUnowned : owners.contains(ownerId);
        }

        /** The same rule as a MongoDB criterion on the given owner field. */
        public Criteria criteria(String ownerField) {
            if (all()) {
                return new Criteria();
            }
            if (includesUnowned) {
                return new Criteria().orOperator(Criteria.where(ownerField).in(owners), Criteria.where(ownerField).isNull());
            }
            return Criteria.where(ownerField).in(owners);
        }
    }
}
