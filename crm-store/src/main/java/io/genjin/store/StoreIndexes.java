package io.genjin.store;

import io.genjin.store.audit.AuditEntry;
import io.genjin.store.conflict.OwnershipConflict;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.order.Order;
import io.genjin.store.task.Task;
import io.genjin.store.timeline.Activity;
import io.genjin.store.user.ApiToken;
import io.genjin.store.user.User;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/**
 * Every index the store relies on, declared in one place and created at start-up (idempotent).
 *
 * <p>Unique indexes carry identity: a Message-ID, a token hash, a task's dedupe key, an activity's
 * source per company. The embedded server lists but does not build non-unique secondary indexes;
 * it does build unique ones, so the timeline's read path uses a unique index that ends in
 * {@code _id} (unique by construction). On a real MongoDB every index here is built.
 *
 * <p>A real MongoDB could do better in two places: a partial unique index on open tasks only
 * (the embedded server cannot build partial indexes, so dedupe keys include the period instead),
 * and TTL indexes for data with a retention period (purged by scheduled jobs instead).
 */
public final class StoreIndexes {
    private StoreIndexes() {
    }

    public static void ensure(MongoOperations mongo) {
        on(mongo, User.class, new Index().on("addresses", Direction.ASC).unique().sparse().named("user_address"));
        on(mongo, User.class, new Index().on("teamId", Direction.ASC).named("user_team"));
        on(mongo, User.class, new Index().on("managerId", Direction.ASC).named("user_manager"));
        on(mongo, ApiToken.class, new Index().on("hash", Direction.ASC).unique().named("token_hash"));

        on(mongo, Company.class, new Index().on("domains", Direction.ASC).named("company_domain"));
        on(mongo, Company.class, new Index().on("normalizedName", Direction.ASC).named("company_name"));
        on(mongo, Company.class, new Index().on("ownerId", Direction.ASC).on("lastInboundAt", Direction.DESC)
                .named("company_owner"));
        on(mongo, Contact.class, new Index().on("addresses", Direction.ASC).named("contact_address"));
        on(mongo, Contact.class, new Index().on("companyId", Direction.ASC).named("contact_company"));

        on(mongo, StoredMessage.class, new Index().on("messageId", Direction.ASC).unique().named("message_id"));
        on(mongo, StoredMessage.class, new Index().on("companyId", Direction.ASC).on("sentAt", Direction.DESC)
                .named("message_company"));
        on(mongo, StoredMessage.class, new Index().on("threadKey", Direction.ASC).on("sentAt", Direction.ASC)
                .named("message_thread"));

        on(mongo, Activity.class, new Index().on("companyId", Direction.ASC).on("sourceKey", Direction.ASC).unique()
                .named("activity_source"));
        on(mongo, Activity.class, new Index().on("companyId", Direction.ASC).on("occurredAt", Direction.DESC)
                .on("_id", Direction.DESC).unique().named("activity_timeline"));

        on(mongo, Opportunity.class, new Index().on("companyId", Direction.ASC).named("opportunity_company"));
        on(mongo, Task.class, new Index().on("dedupeKey", Direction.ASC).unique().sparse().named("task_dedupe"));
        on(mongo, Task.class, new Index().on("assigneeId", Direction.ASC).on("status", Direction.ASC)
                .on("dueAt", Direction.ASC).named("task_assignee"));
        on(mongo, Task.class, new Index().on("companyId", Direction.ASC).named("task_company"));
        on(mongo, io.genjin.store.task.TaskComment.class, new Index().on("taskId", Direction.ASC).named("task_comment_task"));
        on(mongo, Order.class, new Index().on("companyId", Direction.ASC).on("number", Direction.ASC).unique()
                .named("order_number"));
        on(mongo, io.genjin.store.order.Payment.class, new Index().on("companyId", Direction.ASC).named("payment_company"));
        on(mongo, AuditEntry.class, new Index().on("subjectType", Direction.ASC).on("subjectId", Direction.ASC)
                .on("at", Direction.DESC).named("audit_subject"));
        on(mongo, OwnershipConflict.class, new Index().on("companyId", Direction.ASC).on("claimantId", Direction.ASC)
                .unique().named("conflict_claimant"));
    }

    private static void on(MongoOperations mongo, Class<?> type, Index index) {
        mongo.indexOps(type).createIndex(index);
    }
}
