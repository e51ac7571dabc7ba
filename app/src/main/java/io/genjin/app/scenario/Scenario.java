package io.genjin.app.scenario;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One salesperson's generated mailbox and what the product must make of it: the team, the customers
 * the team already has, and every message with the set of customers it belongs on.
 *
 * @param internalDomain the team's own mail domain
 * @param owner          the address of the salesperson whose mailbox this is
 */
public record Scenario(String internalDomain, String owner, List<Person> team, List<Customer> customers,
        List<Message> messages) {

    public Scenario {
        team = List.copyOf(team);
        customers = List.copyOf(customers);
        messages = List.copyOf(messages);
    }

    /** Messages per family, in the order the families first appear. */
    public Map<String, Integer> familyCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        messages.forEach(m -> counts.merge(m.family(), 1, Integer::sum));
        return counts;
    }

    /** Every {@code lead:<domain>} key some message expects. */
    public Set<String> expectedLeads() {
        Set<String> leads = new TreeSet<>();
        messages.forEach(m -> m.expected().stream().filter(k -> k.startsWith(Keys.LEAD)).forEach(leads::add));
        return leads;
    }

    /** A user of the team. {@code role} is REP or MANAGER; the first address is the primary one. */
    public record Person(String name, List<String> addresses, String role) {
        public Person {
            addresses = List.copyOf(addresses);
        }
    }

    /** A customer the team already has, with its mail domains (aliases included) and contacts. */
    public record Customer(String key, String name, List<String> domains, String country, String grade,
            List<ContactPerson> contacts) {
        public Customer {
            domains = List.copyOf(domains);
            contacts = List.copyOf(contacts);
        }
    }

    public record ContactPerson(String name, List<String> addresses, String title) {
        public ContactPerson {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * One message of the mailbox. {@code expected} holds customer keys and {@code lead:<domain>} keys;
     * empty means the message must be on no timeline. {@code sent} is true for the owner's Sent copies.
     */
    public record Message(String messageId, Instant date, boolean sent, String family, Set<String> expected, byte[] raw) {
        public Message {
            expected = Set.copyOf(expected);
        }
    }

    /** How expected customers are named. */
    public static final class Keys {
        public static final String LEAD = "lead:";

        private Keys() {
        }

        public static String lead(String domain) {
            return LEAD + domain;
        }
    }
}
