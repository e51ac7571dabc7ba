package io.genjin.followup;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The book of customers the benches under bench/ seed (bench/followup, bench/health): a director, five
 * teams of a manager and ten reps, and customers spread round-robin over the reps.
 */
public final class BenchBook {
    private BenchBook() {
    }

    /** Creates the director, the five teams and their managers; returns the 50 reps. */
    public static List<User> reps(CrmStore store) {
        User director = store.users().create("Director", List.of("director@team.example"), Role.MANAGER, null, null, "zh-CN");
        List<User> reps = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            User manager = store.users().create("Manager " + t, List.of("manager" + t + "@team.example"), Role.MANAGER, null,
                    director.id(), "zh-CN");
            Team team = store.users().createTeam("Team " + t, manager.id());
            for (int r = 0; r < 10; r++) {
                reps.add(store.users().create("Rep " + t + "-" + r, List.of("rep" + t + "-" + r + "@team.example"), Role.REP,
                        team.id(), manager.id(), r % 2 == 0 ? "zh-CN" : "en"));
            }
        }
        return reps;
    }

    /** Customer {@code i} of the book, owned by the rep its number falls to, a quoted German customer. */
    public static Company customer(String id, int i, List<User> reps, Grade grade, Instant lastInbound, Instant lastOutbound,
            Instant createdAt) {
        return new Company(id, "Customer " + i, null, List.of("customer-" + i + ".example"), "DE", null, grade, Stage.QUOTED,
                reps.get(i % reps.size()).id(), Set.of(), false, lastInbound, lastOutbound, null, createdAt, null);
    }
}
