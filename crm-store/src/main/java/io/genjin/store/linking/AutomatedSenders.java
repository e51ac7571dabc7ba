package io.genjin.store.linking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Domains whose mail is never a customer speaking: platforms and services (B2B marketplaces, social
 * networks, couriers, trade fairs, banks and credit insurers, SaaS tools), and the infrastructure of
 * email service providers that send for others. Read from the shipped {@code automated-senders.txt}
 * ({@code [platform]} and {@code [esp]} sections, one registrable domain a line), plus what an admin
 * adds in {@code genjin.linking.extra-automated-domains}. A listed domain covers its subdomains.
 */
public final class AutomatedSenders {
    static final String RESOURCE = "automated-senders.txt";
    private final Set<String> platforms;
    private final Set<String> esps;

    AutomatedSenders(Set<String> platforms, Set<String> esps) {
        this.platforms = Set.copyOf(platforms);
        this.esps = Set.copyOf(esps);
    }

    /** The shipped list, with these platform domains added. */
    public static AutomatedSenders shipped(Collection<String> extraPlatformDomains) {
        Set<String> platforms = new HashSet<>();
        Set<String> esps = new HashSet<>();
        try (InputStream in = AutomatedSenders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            read(in, platforms, esps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (extraPlatformDomains != null) {
            extraPlatformDomains.stream().map(MailDomains::clean).filter(d -> !d.isEmpty()).forEach(platforms::add);
        }
        return new AutomatedSenders(platforms, esps);
    }

    static void read(InputStream in, Set<String> platforms, Set<String> esps) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Set<String> section = platforms;
        for (String line; (line = reader.readLine()) != null;) {
            int hash = line.indexOf('#');
            String s = (hash >= 0 ? line.substring(0, hash) : line).trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                section = s.equals("[esp]") ? esps : platforms;
                continue;
            }
            String domain = MailDomains.clean(s.split("\\s+")[0]);
            if (!domain.isEmpty()) {
                section.add(domain);
            }
        }
    }

    /** The listed platform or service domain this domain falls under, or null. */
    public String platform(String domain) {
        return listed(platforms, domain);
    }

    /** The listed email-service-provider domain this domain falls under, or null. */
    public String esp(String domain) {
        return listed(esps, domain);
    }

    private static String listed(Set<String> list, String domain) {
        for (String d = MailDomains.clean(domain); d != null && !d.isEmpty(); d = MailDomains.parent(d)) {
            if (list.contains(d)) {
                return d;
            }
        }
        return null;
    }


}
