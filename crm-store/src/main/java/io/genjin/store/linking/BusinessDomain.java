package io.genjin.store.linking;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A company's mail domain reduced to what identifies the company: {@code sales.acme-trading.com.cn}
 * becomes {@code acme-trading.com.cn}, named "Acme Trading". Without the public-suffix list (not worth
 * a dependency here) the rule is: a last label, preceded by a short generic second level (com, co,
 * net, org, …) when there is one, is the suffix; the label before it is the company's.
 */
public record BusinessDomain(String registrable, String label) {

    private static final Set<String> SECOND_LEVELS = Set.of("com", "co", "net", "org", "gov", "edu", "ac", "or",
            "ne", "go", "gen", "ltd", "plc", "firm", "nom", "sch", "mil");

    /**
     * Suffixes under which each tenant is its own organisation (the public-suffix list's private
     * part, as far as mail goes): {@code acme.onmicrosoft.com} is Acme's, not Microsoft's, and must
     * never make one "Onmicrosoft" company of every Microsoft 365 tenant.
     */
    private static final Set<String> SHARED_SUFFIXES = Set.of("onmicrosoft.com", "mail.onmicrosoft.com",
            "onmicrosoft.cn", "partner.onmschina.cn", "myshopify.com", "github.io", "herokuapp.com", "azurewebsites.net",
            "appspot.com", "blogspot.com", "wixsite.com", "netlify.app", "vercel.app", "pages.dev", "web.app",
            "firebaseapp.com", "amazonaws.com", "cloudfront.net");

    /** The registrable part of a domain; null when there is none (a bare suffix such as "com.cn"). */
    public static BusinessDomain of(String domain) {
        if (domain == null || domain.isBlank()) {
            return null;
        }
        String clean = domain.trim().toLowerCase(Locale.ROOT);
        String[] labels = clean.split("\\.");
        int last = labels.length - 1;
        boolean countrySecondLevel = last >= 1 && labels[last].length() == 2 && SECOND_LEVELS.contains(labels[last - 1]);
        int suffix = countrySecondLevel ? 2 : 1;
        for (String shared : SHARED_SUFFIXES) {
            if (clean.endsWith("." + shared) || clean.equals(shared)) {
                suffix = Math.max(suffix, shared.split("\\.").length);
            }
        }
        int labelIndex = labels.length - suffix - 1;
        if (labelIndex < 0 || labels[labelIndex].isEmpty()) {
            return null;
        }
        String registrable = String.join(".", Arrays.copyOfRange(labels, labelIndex, labels.length));
        return new BusinessDomain(registrable, labels[labelIndex]);
    }

    /** A readable company name for a lead made from this domain: "acme-trading" → "Acme Trading". */
    public String companyName() {
        String name = Arrays.stream(label.split("[-_]+")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining(" "));
        return name.isEmpty() ? registrable : name;
    }
}
