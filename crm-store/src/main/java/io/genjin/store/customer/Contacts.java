package io.genjin.store.customer;

import io.genjin.store.NotFound;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Contacts, found by any of their addresses. */
public class Contacts {
    private final MongoOperations mongo;

    public Contacts(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Contact insert(Contact contact) {
        return mongo.insert(contact);
    }

    public Contact save(Contact contact) {
        return mongo.save(contact);
    }

    public Optional<Contact> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, Contact.class));
    }

    public Contact get(String id) {
        return find(id).orElseThrow(() -> new NotFound("contact", id));
    }

    public Optional<Contact> byAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        return mongo.find(live(Criteria.where("addresses").is(address.trim().toLowerCase(Locale.ROOT)))
                .with(Sort.by("createdAt")).limit(1), Contact.class).stream().findFirst();
    }

    public List<Contact> allByAddress(String address) {
        return mongo.find(live(Criteria.where("addresses").is(address.trim().toLowerCase(Locale.ROOT)))
                .with(Sort.by("createdAt")), Contact.class);
    }

    public List<Contact> ofCompany(String companyId) {
        return mongo.find(live(Criteria.where("companyId").is(companyId)).with(Sort.by("name")), Contact.class);
    }

    public List<Contact> ofCompanies(Collection<String> companyIds) {
        return mongo.find(live(Criteria.where("companyId").in(companyIds)), Contact.class);
    }

    /** Moves every contact of one company to another (a company merge); re-runnable. */
    public long moveAll(String fromCompanyId, String toCompanyId) {
        return mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Contact.class).getModifiedCount();
    }

    public void markMerged(String contactId, String survivorId) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(contactId)),
                Update.update("mergedInto", survivorId).set("addresses", List.of()), Contact.class);
    }

    public void addAddresses(String contactId, Collection<String> addresses) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(contactId)),
                new Update().addToSet("addresses").each(addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toArray()),
                Contact.class);
    }

    private static Query live(Criteria criteria) {
        return Query.query(new Criteria().andOperator(criteria, Criteria.where("mergedInto").isNull()));
    }
}
