package io.genjin.store.linking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDomainTest {

    @ParameterizedTest
    @CsvSource({
            "sales.acme-trading.com.cn, acme-trading.com.cn, Acme Trading",
            "acme.co.uk, acme.co.uk, Acme",
            "mail.acme.de, acme.de, Acme",
            // Each Microsoft 365 tenant is its own organisation, never one "Onmicrosoft".
            "acmegmbh.onmicrosoft.com, acmegmbh.onmicrosoft.com, Acmegmbh",
            "eur.acmegmbh.mail.onmicrosoft.com, acmegmbh.mail.onmicrosoft.com, Acmegmbh",
            "shop-one.myshopify.com, shop-one.myshopify.com, Shop One"})
    void registrablePartAndNameOfAMailDomain(String domain, String registrable, String name) {
        BusinessDomain d = BusinessDomain.of(domain);
        assertThat(d.registrable()).isEqualTo(registrable);
        assertThat(d.companyName()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"com.cn", "onmicrosoft.com", "com"})
    void aBareSuffixIsNoCompany(String domain) {
        assertThat(BusinessDomain.of(domain)).isNull();
    }
}
