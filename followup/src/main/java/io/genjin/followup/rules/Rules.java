package io.genjin.followup.rules;

import java.time.Duration;
import java.util.List;

/**
 * Every follow-up rule, in one place, in the order the sales process meets them. Each is a small
 * named class whose comment says its trigger, condition and action; the settings come from
 * {@code genjin.followup.rules.<name>}.
 */
public record Rules(QuoteNoReply quoteNoReply, ShowedIntent showedIntent, SampleArrival sampleArrival,
        InquiryUnanswered inquiryUnanswered, StageTasks stageTasks, NegotiationStalled negotiationStalled,
        NoTwoWayContact noTwoWayContact, ChurnWarning churnWarning, CareMail careMail, DormantPool dormantPool,
        ContactLeft contactLeft, ContractExpiry contractExpiry) {

    public static Rules of(RuleSettings s) {
        Duration dormant = s.dormantPool().isEnabled() ? s.dormantPool().after() : null;
        Duration churn = s.churnWarning().isEnabled() ? s.churnWarning().after() : dormant;
        return new Rules(new QuoteNoReply(s.quoteNoReply()), new ShowedIntent(s.showedIntent()),
                new SampleArrival(s.sampleArrival()), new InquiryUnanswered(s.inquiryUnanswered()),
                new StageTasks(s.stageTasks()), new NegotiationStalled(s.negotiationStalled()),
                new NoTwoWayContact(s.noTwoWayContact(), churn), new ChurnWarning(s.churnWarning(), dormant),
                new CareMail(s.careMail()), new DormantPool(s.dormantPool()), new ContactLeft(s.contactLeft()),
                new ContractExpiry(s.contractExpiry()));
    }

    public List<Rule> all() {
        return List.of(quoteNoReply, showedIntent, sampleArrival, inquiryUnanswered, stageTasks, negotiationStalled,
                noTwoWayContact, churnWarning, careMail, dormantPool, contactLeft, contractExpiry);
    }

    /** The enabled time-based rules, which the scan evaluates for every customer. */
    public List<ScanRule> scanned() {
        return all().stream().filter(r -> r instanceof ScanRule && r.setting().isEnabled()).map(ScanRule.class::cast)
                .toList();
    }

    public Rule named(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
