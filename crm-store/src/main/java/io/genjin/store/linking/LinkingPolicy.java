package io.genjin.store.linking;

import java.util.List;
import java.util.Set;

/**
 * How messages are linked to customers: which domains are free-mail (never a company's identity),
 * which are the team's own (never a customer), and what linking may create when nothing matches.
 * Plain values, so the app can bind it from {@code genjin.linking.*} and tests can build it.
 */
public record LinkingPolicy(List<String> freeMailDomains, Set<String> internalDomains, AutoCreate autoCreate,
        List<String> extraAutomatedDomains) {

    /**
     * Free-mail providers common in export trade: Chinese (QQ, NetEase, Sina, Sohu, Aliyun, China
     * Mobile), global, Russian, German, Korean and Indian ones. A buyer writing from one of these tells
     * us nothing about their company, so the domain must never create or match one.
     */
    public static final List<String> DEFAULT_FREE_MAIL = List.of(
            "qq.com", "vip.qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "vip.163.com", "vip.126.com",
            "188.com", "sina.com", "sina.cn", "vip.sina.com", "sohu.com", "aliyun.com", "139.com", "189.cn",
            "wo.cn", "tom.com", "21cn.com",
            "gmail.com", "googlemail.com", "outlook.com", "outlook.*", "hotmail.*", "live.*", "msn.com",
            "yahoo.*", "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "aol.com", "aim.com",
            "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "zoho.com", "zohomail.com", "tutanota.com",
            "tuta.io", "gmx.*", "web.de", "t-online.de", "freenet.de", "mail.com", "email.com", "hushmail.com",
            "mail.ru", "bk.ru", "inbox.ru", "list.ru", "internet.ru", "yandex.*", "ya.ru", "rambler.ru",
            "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "libero.it", "virgilio.it", "orange.fr",
            "wanadoo.fr", "laposte.net", "free.fr", "sfr.fr", "seznam.cz", "wp.pl", "o2.pl", "interia.pl",
            "onet.pl", "uol.com.br", "bol.com.br", "terra.com.br", "hinet.net", "netvigator.com");

    public LinkingPolicy {
        freeMailDomains = freeMailDomains == null ? DEFAULT_FREE_MAIL : List.copyOf(freeMailDomains);
        internalDomains = internalDomains == null ? Set.of() : Set.copyOf(internalDomains);
        autoCreate = autoCreate == null ? AutoCreate.CONTACT_OR_LEAD : autoCreate;
        extraAutomatedDomains = extraAutomatedDomains == null ? List.of() : List.copyOf(extraAutomatedDomains);
    }

    public LinkingPolicy(List<String> freeMailDomains, Set<String> internalDomains, AutoCreate autoCreate) {
        this(freeMailDomains, internalDomains, autoCreate, List.of());
    }

    /** The default free-mail list, no internal domains (users' addresses are internal anyway), create leads. */
    public static LinkingPolicy defaults() {
        return new LinkingPolicy(DEFAULT_FREE_MAIL, Set.of(), AutoCreate.CONTACT_OR_LEAD);
    }

    public LinkingPolicy withInternalDomains(String... domains) {
        return new LinkingPolicy(freeMailDomains, Set.of(domains), autoCreate, extraAutomatedDomains);
    }

    public LinkingPolicy withAutoCreate(AutoCreate mode) {
        return new LinkingPolicy(freeMailDomains, internalDomains, mode, extraAutomatedDomains);
    }

    /** The shipped platform and email-service-provider domains plus {@code extraAutomatedDomains}. */
    public AutomatedSenders automatedSenders() {
        return AutomatedSenders.shipped(extraAutomatedDomains);
    }

    public MailDomains mailDomains() {
        return new MailDomains(freeMailDomains, internalDomains);
    }

    public boolean isFreeMail(String domain) {
        return mailDomains().isFreeMail(domain);
    }

    /** What linking may create when no existing customer matches. */
    public enum AutoCreate {
        /** Link to existing customers only. */
        NEVER,
        /** Add a contact to a company already known by its domain; never create a company. */
        CONTACT_UNDER_KNOWN_COMPANY,
        /** As above, and create a LEAD company from an unknown business domain. */
        CONTACT_OR_LEAD
    }
}
