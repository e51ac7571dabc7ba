package io.genjin.app.customer;

import io.genjin.app.web.Conflict;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.MailDomains;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks the domains given for a company: well-formed, not a free-mail domain (which can never
 * identify a company), and not already another live customer's (that would be a duplicate, or a
 * 撞客 to resolve, never something to create silently).
 */
@Component
class CompanyDomains {
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{3,253}$)([a-z0-9-]{1,63}\\.)+[a-z]{2,63}$");
    private final CrmStore store;
    private final MailDomains mailDomains;

    CompanyDomains(CrmStore store, MailDomains mailDomains) {
        this.store = store;
        this.mailDomains = mailDomains;
    }

    List<String> checked(List<String> domains, String companyId) {
        if (domains == null) {
            return List.of();
        }
        List<String> clean = domains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT).replaceFirst("^@", ""))
                .distinct().toList();
        for (String domain : clean) {
            if (!DOMAIN.matcher(domain).matches()) {
                throw new io.genjin.store.Invalid("'" + domain + "' is not a mail domain.");
            }
            if (mailDomains.isFreeMail(domain)) {
                throw new io.genjin.store.Invalid(domain + " is a free-mail domain and cannot identify a company.");
            }
            for (Company holder : store.companies().allByDomain(domain)) {
                if (!holder.id().equals(companyId)) {
                    throw CompanyApi.domainTaken(domain);
                }
            }
        }
        return clean;
    }
}
