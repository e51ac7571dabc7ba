package io.genjin.store;

import io.genjin.store.access.CustomerAccess;
import io.genjin.store.audit.AuditLog;
import io.genjin.store.conflict.OwnershipConflicts;
import io.genjin.store.customer.Companies;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Contacts;
import io.genjin.store.message.Messages;
import io.genjin.store.opportunity.Opportunities;
import io.genjin.store.order.Orders;
import io.genjin.store.task.Tasks;
import io.genjin.store.timeline.Timeline;
import io.genjin.store.user.ApiTokens;
import io.genjin.store.user.Users;
import java.time.Clock;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The store's public face: one object per collection, built over a {@link MongoOperations}, so a
 * test, the app and a command-line tool assemble it the same way.
 */
public record CrmStore(
        Users users,
        ApiTokens apiTokens,
        Companies companies,
        Contacts contacts,
        Messages messages,
        Timeline timeline,
        Opportunities opportunities,
        Tasks tasks,
        io.genjin.store.task.TaskComments taskComments,
        Orders orders,
        AuditLog audit,
        OwnershipConflicts conflicts,
        CustomerAccess access,
        io.genjin.store.linking.SenderRules senderRules,
        io.genjin.store.linking.LinkingSettingsStore linkingSettings,
        Clock clock,
        RecordChanges changes) {

    /** A store over a real MongoDB, which serves every read from its own indexes. */
    public static CrmStore over(MongoOperations mongo, Clock clock) {
        return over(mongo, clock, Backend.MONGODB);
    }

    public static CrmStore over(MongoOperations mongo, Clock clock, Backend backend) {
        return over(mongo, clock, backend, DocumentChanges.NONE);
    }

    /**
     * @param written the store's notice of each write ({@link DocumentChanges}): over the embedded store,
     *     contacts and companies read by id are then kept between reads ({@link RecordCache})
     */
    public static CrmStore over(MongoOperations mongo, Clock clock, Backend backend, DocumentChanges written) {
        StoreIndexes.ensure(mongo);
        boolean embedded = backend == Backend.EMBEDDED;
        Users users = new Users(mongo, clock, embedded);
        RecordChanges changes = new RecordChanges(mongo);
        // Records are kept only where the in-process indexes are, on the embedded store.
        DocumentChanges told = embedded ? written : DocumentChanges.NONE;
        String database = told.complete() ? mongo.execute(db -> db.getName()) : null;
        RecordCache<Company> companies = RecordCache.of(told, database, mongo.getCollectionName(Company.class), Companies.KEPT);
        RecordCache<Contact> contacts = RecordCache.of(told, database, mongo.getCollectionName(Contact.class), Contacts.KEPT);
        return new CrmStore(users, new ApiTokens(mongo, clock), new Companies(mongo, embedded, changes, companies),
                new Contacts(mongo, embedded, contacts),
                new Messages(mongo, embedded), new Timeline(mongo, backend == Backend.EMBEDDED), new Opportunities(mongo),
                new Tasks(mongo, embedded, changes), new io.genjin.store.task.TaskComments(mongo), new Orders(mongo, embedded, changes),
                new AuditLog(mongo, clock), new OwnershipConflicts(mongo), new CustomerAccess(users),
                new io.genjin.store.linking.SenderRules(mongo),
                new io.genjin.store.linking.LinkingSettingsStore(mongo), clock, changes);
    }

    /**
     * Which server is behind the store. The embedded one (one process, no secondary indexes) gets
     * in-process indexes where a read would otherwise scan; see {@code TimelineIndex} and {@link KeyIndex}.
     */
    public enum Backend {
        MONGODB, EMBEDDED
    }
}
