package io.genjin.store.linking;

import static io.genjin.store.linking.LinkingFixture.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.conflict.OwnershipConflict;
import io.genjin.store.conflict.ResolveOwnershipConflict;
import io.genjin.store.conflict.ResolveOwnershipConflict.Resolution;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 撞客 raised by linking (Alice mails Bob's customer), then decided by the manager. */
class ResolveOwnershipConflictTest {
    private final LinkingFixture f = new LinkingFixture();
    private final List<Object> events = new java.util.ArrayList<>();
    private final ResolveOwnershipConflict resolve = new ResolveOwnershipConflict(f.store, new ReassignCustomer(f.store),
            events::add);
    private final Company acme = f.company("Acme", f.bob.id(), "acme.com");

    @AfterEach
    void stop() {
        f.close();
    }

    private OwnershipConflict mailedBy(User rep, String messageId) {
        String id = f.linker().link(outbound(messageId, rep.addresses().get(0), List.of("buyer@acme.com"), List.of(),
                rep.id())).conflictId();
        return f.store.conflicts().find(id).orElseThrow();
    }

    @Test
    void keepingTheOwnerClosesTheConflictAndChangesNoOwner() {
        OwnershipConflict conflict = mailedBy(f.alice, "k1@x");
        var outcome = resolve.resolve(conflict, Resolution.KEEP_OWNER, f.mary.id());

        assertThat(outcome.resolved()).isTrue();
        assertThat(outcome.conflict().resolution()).isEqualTo("KEEP_OWNER");
        assertThat(f.store.companies().get(acme.id()).ownerId()).isEqualTo(f.bob.id());
        assertThat(f.store.conflicts().open(Scope.ALL)).isEmpty();
        assertThat(f.store.audit().about("company", acme.id())).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("conflict.resolved");
            assertThat(e.actorId()).isEqualTo(f.mary.id());
            assertThat(e.details()).containsEntry("resolution", "KEEP_OWNER").containsEntry("claimantId", f.alice.id())
                    .containsEntry("ownerAfter", f.bob.id());
        });
    }

    @Test
    void handingOverGivesTheCustomerToTheClaimantThroughTheReassignment() {
        OwnershipConflict conflict = mailedBy(f.alice, "h1@x");
        resolve.resolve(conflict, Resolution.HAND_OVER, f.mary.id());

        assertThat(f.store.companies().get(acme.id()).ownerId()).isEqualTo(f.alice.id());
        assertThat(events).singleElement().isEqualTo(new io.genjin.store.events.OwnershipDecided(conflict.id(), acme.id(),
                f.alice.id(), f.bob.id(), f.alice.id(), "HAND_OVER", f.mary.id(), LinkingFixture.T0));
        assertThat(f.store.audit().about("company", acme.id())).extracting(e -> e.action())
                .containsExactlyInAnyOrder("company.reowned", "conflict.resolved");
        // Bob writing to his former customer is now the conflict.
        assertThat(mailedBy(f.bob, "h2@x").ownerId()).isEqualTo(f.alice.id());
    }

    @Test
    void releasingToThePoolLeavesNoOwnerAndClosesEveryConflictOnTheCustomer() {
        User carol = f.store.users().create("Carol", List.of("carol@team.example"), Role.REP, "t1", null, "en");
        OwnershipConflict alices = mailedBy(f.alice, "p1@x");
        OwnershipConflict carols = mailedBy(carol, "p2@x");
        resolve.resolve(alices, Resolution.RELEASE_TO_POOL, f.mary.id());

        assertThat(f.store.companies().get(acme.id()).ownerId()).isNull();
        assertThat(f.store.conflicts().find(carols.id()).orElseThrow().resolution()).isEqualTo("RELEASE_TO_POOL");
        assertThat(f.store.companies().claim(acme.id(), carol.id())).as("claimable from the pool").isTrue();
    }

    @Test
    void aSecondDecisionOnTheSameConflictChangesNothing() {
        OwnershipConflict conflict = mailedBy(f.alice, "s1@x");
        resolve.resolve(conflict, Resolution.KEEP_OWNER, f.mary.id());
        var late = resolve.resolve(conflict, Resolution.HAND_OVER, f.mary.id());

        assertThat(late.resolved()).isFalse();
        assertThat(late.conflict().resolution()).isEqualTo("KEEP_OWNER");
        assertThat(f.store.companies().get(acme.id()).ownerId()).isEqualTo(f.bob.id());
        assertThat(f.store.audit().about("company", acme.id())).hasSize(1);
        assertThat(events).as("the late decision tells nobody").hasSize(1);
    }

    @Test
    void aConflictOnAMergedCustomerIsDecidedOnTheSurvivor() {
        OwnershipConflict conflict = mailedBy(f.alice, "m1@x");
        Company survivor = f.company("Acme Holding", f.bob.id(), "acme-holding.com");
        new MergeCustomers(f.store).merge(survivor.id(), acme.id(), f.mary.id());
        OwnershipConflict moved = f.store.conflicts().find(conflict.id()).orElseThrow();

        var outcome = resolve.resolve(moved, Resolution.HAND_OVER, f.mary.id());
        assertThat(outcome.company().id()).isEqualTo(survivor.id());
        assertThat(f.store.companies().get(survivor.id()).ownerId()).isEqualTo(f.alice.id());
    }
}
