package io.genjin.app.reports;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.reports.ReportService;
import io.genjin.reports.WorkingHours;
import io.genjin.reports.store.CompanyIndex;
import io.genjin.reports.store.OrderIndex;
import io.genjin.reports.store.Rollups;
import io.genjin.reports.store.TaskIndex;
import io.genjin.store.CrmStore;
import io.genjin.tracking.Tracking;
import io.genjin.tracking.message.Counters;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The reports' rollups (kept current by {@link ReportsFeed} in the {@code api} role, from the domain
 * events any role writes to the outbox) and the report service the API reads them through. Rollups missing or of
 * an older version are rebuilt from the messages before the application serves anything, and quotations kept
 * the way before are moved into documents of their own.
 */
@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ReportsConfiguration.class);

    @Bean
    Rollups reportRollups(MongoOperations mongo, ReportsProperties properties, CrmStore store) {
        Rollups rollups = new Rollups(mongo, WorkingHours.officeWeek(properties.timeZone()), store.clock());
        long moved = rollups.moveQuoteDays();
        if (moved > 0) {
            log.info("Reports: {} quotations moved into documents of their own", moved);
        }
        if (properties.rebuildAtStart() && !rollups.current()) {
            long started = System.nanoTime();
            long n = rollups.rebuildFromStore(store.messages(), store.users().all());
            log.info("Reports: rollups rebuilt from {} messages in {} ms", n, (System.nanoTime() - started) / 1_000_000);
        }
        return rollups;
    }

    @Bean
    CompanyIndex reportCompanies(CrmStore store, ReportsProperties properties) {
        return new CompanyIndex(store.companies(), store.clock(), properties.customerCache());
    }

    @Bean
    ReportService reportService(CrmStore store, MongoOperations mongo, Rollups rollups, CompanyIndex companies,
            ObjectProvider<Tracking> tracking, ReportsProperties properties) {
        Tracking t = tracking.getIfAvailable();
        ReportService.QuoteOpens opens = t == null ? ReportService.QuoteOpens.NONE : new ReportService.QuoteOpens() {
            @Override
            public Optional<Opens> of(String messageId) {
                return t.byMessageId(messageId, 0).map(m -> opens(m.counters()));
            }

            /** One query on tracking's unique Message-ID index per thousand quotations, not one per quotation. */
            @Override
            public Map<String, Opens> of(Collection<String> messageIds) {
                Map<String, Opens> out = new HashMap<>();
                t.countersByMessageIds(messageIds).forEach((id, counters) -> out.put(id, opens(counters)));
                return out;
            }
        };
        // Tasks and orders are kept in memory on every store, as the customers are: the embedded server
        // builds no non-unique index, in this process or behind `genjin store`, so a query by assignee and
        // date read the whole collection at each request (seconds at 100,000 tasks, docs/reports.md);
        // and RFM reads a year of orders, 100,000 documents, which costs a MongoDB seconds too.
        return new ReportService(store, mongo, rollups, companies,
                new TaskIndex(mongo, store.clock(), properties.customerCache()),
                new OrderIndex(mongo, store.clock(), properties.customerCache()), opens,
                properties.timeZone(), store.clock());
    }

    /**
     * In a process that serves the reports, the copies of the customers, tasks and orders are read in
     * the background as it starts, one after the other on one thread (three reads of 100,000
     * documents at once slow each other and the requests), so that the first report does not wait.
     */
    @Bean
    @ConditionalOnRole(Roles.API)
    ApplicationRunner reportCopiesPrimed(CompanyIndex companies, ReportService reports) {
        return args -> {
            Thread reader = new Thread(() -> {
                companies.prime();
                reports.taskCopy().prime();
                reports.orderCopy().prime();
            }, "report-copies-first");
            reader.setDaemon(true);
            reader.start();
        };
    }

    private static ReportService.QuoteOpens.Opens opens(Counters counters) {
        return new ReportService.QuoteOpens.Opens(counters.humanOpens(), Math.max(0, counters.opens() - counters.humanOpens()));
    }

}
