package io.genjin.outlook;

import io.genjin.followup.sequence.Sequence;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.followup.sequence.Templates;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.user.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What compose mode can insert: the team's sequence steps as templates, rendered for the customer's
 * first contact ({@code {{contact.name}}} and the other built-in variables; a variable only an
 * enrolment fills is left empty), and the price-list links configured for the deployment. The caller's
 * own sequences come first.
 */
public final class OfferSnippets {
    /** Templates offered at most: a pane lists them, it does not page. */
    static final int MAX_TEMPLATES = 50;
    private final CrmStore store;
    private final SequenceStore sequences;
    private final List<PriceList> priceLists;

    /** A price list to link to: a name a salesperson recognises and its address. */
    public record PriceList(String name, String url) {
    }

    public record Snippet(String id, String name, Kind kind, String html) {
    }

    public enum Kind {
        TEMPLATE, PRICE_LIST
    }

    public OfferSnippets(CrmStore store, SequenceStore sequences, List<PriceList> priceLists) {
        this.store = store;
        this.sequences = sequences;
        this.priceLists = List.copyOf(priceLists);
    }

    /** For the user {@code userId}; {@code company} null: templates rendered without a customer. */
    public List<Snippet> offer(String userId, Company company) {
        User me = store.users().get(userId);
        Contact contact = company == null ? null : store.contacts().ofCompany(company.id()).stream()
                .filter(c -> !c.left()).findFirst().orElse(null);
        Map<String, String> values = values(me, contact, company);
        List<Sequence> all = new ArrayList<>(sequences.sequences().all(false));
        all.sort((a, b) -> Boolean.compare(!me.id().equals(a.ownerId()), !me.id().equals(b.ownerId())));
        List<Snippet> snippets = new ArrayList<>();
        for (Sequence sequence : all) {
            for (int i = 0; i < sequence.steps().size() && snippets.size() < MAX_TEMPLATES; i++) {
                Sequence.Step step = sequence.steps().get(i);
                if (step.variants().isEmpty()) {
                    continue;
                }
                Sequence.Variant variant = step.variantFor(me.locale(), sequence.defaultLanguage());
                String name = sequence.name() + " · " + (i + 1) + ": " + Templates.render(variant.subject(), values);
                snippets.add(new Snippet(sequence.id() + "." + i, name, Kind.TEMPLATE,
                        html(Templates.render(variant.body(), values))));
            }
        }
        for (int i = 0; i < priceLists.size(); i++) {
            PriceList list = priceLists.get(i);
            snippets.add(new Snippet("price-list." + i, list.name(), Kind.PRICE_LIST,
                    "<a href=\"" + escape(list.url()) + "\">" + escape(list.name()) + "</a>"));
        }
        return snippets;
    }

    private static Map<String, String> values(User me, Contact contact, Company company) {
        Map<String, String> values = new HashMap<>();
        String name = contact == null || contact.name() == null ? "" : contact.name().trim();
        values.put("contact.name", name);
        values.put("contact.firstName", name.contains(" ") ? name.substring(0, name.indexOf(' ')) : name);
        values.put("company.name", company == null ? "" : company.name());
        values.put("owner.name", me.name());
        values.put("owner.email", me.primaryAddress());
        return values;
    }

    /** Sequence bodies are plain text: escaped, with their line breaks kept. */
    private static String html(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
