package io.genjin.store.linking;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which mail domains say nothing about a customer's company (free-mail providers) and which are the
 * team's own. Patterns are domain names, optionally ending in {@code .*} ("yahoo.*"): the wildcard
 * stands for a country or generic suffix of one or two labels (yahoo.com, yahoo.co.jp, gmx.de,
 * yandex.com.tr). Every pattern also covers its subdomains (vip.163.com is as free as 163.com).
 */
public record MailDomains(List<String> freeMailPatterns, Set<String> internalDomains) {

    public MailDomains {
        freeMailPatterns = freeMailPatterns == null ? List.of() : freeMailPatterns.stream().map(MailDomains::clean)
                .filter(p -> !p.isEmpty()).distinct().toList();
        internalDomains = internalDomains == null ? Set.of() : internalDomains.stream().map(MailDomains::clean)
                .filter(d -> !d.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isFreeMail(String domain) {
        String d = clean(domain);
        if (d.isEmpty()) {
            return false;
        }
        for (String candidate = d; candidate != null; candidate = parent(candidate)) {
            for (String pattern : freeMailPatterns) {
                if (matches(pattern, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The team's own domains, subdomains included (mail.team.example is as internal as team.example). */
    public boolean isInternalDomain(String domain) {
        for (String candidate = clean(domain); candidate != null && !candidate.isEmpty(); candidate = parent(candidate)) {
            if (internalDomains.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    public static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? null : clean(address.substring(at + 1));
    }

    private static boolean matches(String pattern, String domain) {
        if (!pattern.endsWith(".*")) {
            return pattern.equals(domain);
        }
        String stem = pattern.substring(0, pattern.length() - 1);
        if (!domain.startsWith(stem)) {
            return false;
        }
        // A suffix of one or two short labels: yahoo.co.jp is Yahoo's, yahoo.acme-trading.com is not.
        String[] suffix = domain.substring(stem.length()).split("\\.", -1);
        if (suffix.length > 2) {
            return false;
        }
        for (String label : suffix) {
            if (label.length() < 2 || label.length() > 4) {
                return false;
            }
        }
        return true;
    }

    /** The domain one label up, or null below two labels: mail.acme.com → acme.com → null. */
    static String parent(String domain) {
        int dot = domain.indexOf('.');
        String rest = dot < 0 ? null : domain.substring(dot + 1);
        return rest == null || rest.indexOf('.') < 0 ? null : rest;
    }

    /** Trimmed, lower-case, without a leading @ or a trailing dot; empty for null. */
    static String clean(String domain) {
        if (domain == null) {
            return "";
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith("@")) {
            d = d.substring(1);
        }
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
