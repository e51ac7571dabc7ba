package io.genjin.outlook;

import io.genjin.store.CrmStore;
import io.genjin.store.access.Viewer;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.linking.MailDomains;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Smart Alert before a message is sent: remind to track it when it looks like a quotation, goes
 * to a customer the sender may see, and is not tracked yet. Outlook gives the handler 5 seconds, so
 * this reads at most a few documents per recipient and the text rules; no model runs.
 */
public final class CheckBeforeSend {
    /** Recipients looked at: a circular to hundreds is not a quotation to one customer. */
    static final int MAX_RECIPIENTS = 50;
    private final CrmStore store;
    private final MailDomains domains;
    private final QuoteCues cues;
    private final List<String> priceListUrls;

    /** The "looks like a quotation" rule: the classifier's quote detection, through the app. */
    @FunctionalInterface
    public interface QuoteCues {
        boolean looksLikeQuote(String subject, String text, List<String> attachmentNames);
    }

    public CheckBeforeSend(CrmStore store, MailDomains domains, QuoteCues cues, List<String> priceListUrls) {
        this.store = store;
        this.domains = domains;
        this.cues = cues;
        this.priceListUrls = priceListUrls.stream().map(u -> u.toLowerCase(Locale.ROOT)).toList();
    }

    public record Draft(List<String> to, List<String> cc, String subject, String text, List<String> attachments,
            boolean tracked) {
    }

    public record Verdict(boolean remind, String reason, String customerName) {
        static final Verdict NO = new Verdict(false, null, null);
    }

    public Verdict check(Viewer viewer, Draft draft) {
        if (draft.tracked()) {
            return Verdict.NO;
        }
        List<String> attachments = draft.attachments() == null ? List.of() : draft.attachments();
        if (!looksLikeQuote(draft.subject(), draft.text(), attachments)) {
            return Verdict.NO;
        }
        List<String> recipients = new ArrayList<>();
        if (draft.to() != null) {
            recipients.addAll(draft.to());
        }
        if (draft.cc() != null) {
            recipients.addAll(draft.cc());
        }
        for (String address : recipients.stream().limit(MAX_RECIPIENTS).toList()) {
            Optional<Company> customer = customerOf(viewer, address == null ? "" : address.trim().toLowerCase(Locale.ROOT));
            if (customer.isPresent()) {
                return new Verdict(true, "QUOTATION_UNTRACKED", customer.get().name());
            }
        }
        return Verdict.NO;
    }

    private boolean looksLikeQuote(String subject, String text, List<String> attachments) {
        String body = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (String url : priceListUrls) {
            if (body.contains(url)) {
                return true;
            }
        }
        return cues.looksLikeQuote(subject, text, attachments);
    }

    private Optional<Company> customerOf(Viewer viewer, String address) {
        for (Contact contact : store.contacts().allByAddress(address)) {
            Optional<Company> company = contact.companyId() == null ? Optional.empty()
                    : store.companies().findLive(contact.companyId());
            if (company.isPresent() && store.access().canSee(viewer, company.get())) {
                return company;
            }
        }
        String domain = MailDomains.domainOf(address);
        if (domain == null || domains.isFreeMail(domain) || domains.isInternalDomain(domain)) {
            return Optional.empty();
        }
        return store.companies().byDomain(domain).flatMap(c -> store.companies().findLive(c.id()))
                .filter(c -> store.access().canSee(viewer, c));
    }
}
