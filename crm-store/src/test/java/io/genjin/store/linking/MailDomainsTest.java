package io.genjin.store.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailDomainsTest {
    private final MailDomains domains = LinkingPolicy.defaults().withInternalDomains("team.example").mailDomains();

    @ParameterizedTest
    @ValueSource(strings = {"qq.com", "vip.qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn",
            "sohu.com", "aliyun.com", "139.com", "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com",
            "msn.com", "yahoo.com", "icloud.com", "me.com", "mac.com", "mail.ru", "yandex.ru", "gmx.de", "web.de",
            "protonmail.com", "proton.me", "aol.com", "naver.com", "rediffmail.com"})
    void defaultPolicyShouldTreatCommonProvidersAsFreeMail(String domain) {
        assertThat(domains.isFreeMail(domain)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yahoo.co.jp", "yahoo.com.tw", "yahoo.fr", "gmx.de", "gmx.net", "gmx.at", "yandex.ru",
            "yandex.com", "yandex.com.tr", "hotmail.co.uk", "outlook.fr"})
    void freeMailWildcardShouldMatchAnyCountrySuffix(String domain) {
        assertThat(domains.isFreeMail(domain)).isTrue();
    }

    @Test
    void freeMailWildcardShouldNotSwallowABusinessDomainThatStartsWithTheProviderName() {
        assertThat(domains.isFreeMail("yahoo.acme-trading.com")).isFalse();
        assertThat(domains.isFreeMail("gmx-logistics.de")).isFalse();
    }

    @Test
    void freeMailShouldCoverSubdomainsButNotLookalikes() {
        assertThat(domains.isFreeMail("vip.163.com")).isTrue();
        assertThat(domains.isFreeMail("mail.qq.com")).isTrue();
        assertThat(domains.isFreeMail("GMAIL.COM")).isTrue();
        assertThat(domains.isFreeMail("myqq.com")).isFalse();
        assertThat(domains.isFreeMail("gmail.com.acme.cn")).isFalse();
        assertThat(domains.isFreeMail("acme-trading.com")).isFalse();
        assertThat(domains.isFreeMail(null)).isFalse();
    }

    @Test
    void internalDomainShouldIncludeItsSubdomains() {
        assertThat(domains.isInternalDomain("team.example")).isTrue();
        assertThat(domains.isInternalDomain("mail.team.example")).isTrue();
        assertThat(domains.isInternalDomain("steam.example")).isFalse();
    }

    @Test
    void policyWithCustomFreeMailListShouldUseOnlyThatList() {
        var policy = new LinkingPolicy(java.util.List.of("corp-mail.example"), Set.of(), null);
        assertThat(policy.isFreeMail("corp-mail.example")).isTrue();
        assertThat(policy.isFreeMail("gmail.com")).isFalse();
        assertThat(policy.autoCreate()).isEqualTo(LinkingPolicy.AutoCreate.CONTACT_OR_LEAD);
    }

    @Test
    void leadNameShouldComeFromTheRegistrableDomainLabel() {
        assertThat(BusinessDomain.of("acme-trading.com").companyName()).isEqualTo("Acme Trading");
        assertThat(BusinessDomain.of("sales.acme-trading.com")).isEqualTo(new BusinessDomain("acme-trading.com", "acme-trading"));
        assertThat(BusinessDomain.of("mail.huaqiang.com.cn").registrable()).isEqualTo("huaqiang.com.cn");
        assertThat(BusinessDomain.of("widgets.co.uk").companyName()).isEqualTo("Widgets");
        assertThat(BusinessDomain.of("com.cn")).isNull();
    }
}
