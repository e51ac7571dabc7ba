package io.genjin.store.linking;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.customer.Company;
import io.genjin.store.linking.DuplicatePair.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FindDuplicateCustomersTest {
    private final LinkingFixture f = new LinkingFixture();
    private final FindDuplicateCustomers find = new FindDuplicateCustomers(f.store, LinkingPolicy.defaults());

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void companiesSharingAContactAddressShouldBeReportedFirst() {
        Company a = f.company("Acme", f.alice.id(), "acme.com");
        Company b = f.company("Huaqiang", f.bob.id(), "hq.cn");
        f.contact(a, "li@gmail.com");
        f.contact(b, "li@gmail.com");
        assertThat(find.find()).containsExactly(new DuplicatePair(a.id(), b.id(), Reason.SHARED_CONTACT_ADDRESS,
                "li@gmail.com"));
    }

    @Test
    void companiesSharingABusinessDomainShouldBeReported() {
        Company a = f.company("Acme", f.alice.id(), "acme.com");
        Company b = f.company("Acme Shenzhen", f.bob.id(), "acme.com", "acme.cn");
        assertThat(find.find()).containsExactly(new DuplicatePair(a.id(), b.id(), Reason.SHARED_DOMAIN, "acme.com"));
    }

    @Test
    void companiesSharingOnlyAFreeMailDomainShouldNotBeReported() {
        f.company("Acme", f.alice.id(), "gmail.com");
        f.company("Beta", f.bob.id(), "gmail.com");
        assertThat(find.find()).isEmpty();
    }

    @Test
    void companiesWithTheSameNormalizedNameShouldBeReported() {
        Company a = f.company("ACME Trading Co., Ltd.", f.alice.id(), "acme.com");
        Company b = f.company("Acme Trading", f.bob.id(), "acmetrading.cn");
        assertThat(find.find()).containsExactly(new DuplicatePair(a.id(), b.id(), Reason.SAME_NORMALIZED_NAME,
                "acme trading"));
    }

    @Test
    void aPairShouldBeReportedOnceUnderItsStrongestReason() {
        Company a = f.company("Acme", f.alice.id(), "acme.com");
        Company b = f.company("Acme", f.alice.id(), "acme.com");
        f.contact(a, "li@acme.com");
        f.contact(b, "li@acme.com");
        assertThat(find.find()).singleElement().extracting(DuplicatePair::reason).isEqualTo(Reason.SHARED_CONTACT_ADDRESS);
    }

    @Test
    void mergedCompaniesShouldNotBeReported() {
        Company a = f.company("Acme", f.alice.id(), "acme.com");
        Company b = f.company("Acme", f.alice.id(), "acme.com");
        new MergeCustomers(f.store).merge(a.id(), b.id(), f.mary.id());
        assertThat(find.find()).isEmpty();
    }
}
