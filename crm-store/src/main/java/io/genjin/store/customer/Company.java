package io.genjin.store.customer;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer company. {@code domains} are its own mail domains (never free-mail ones);
 * {@code normalizedName} is derived from {@code name} (pass null to derive it) and kept for
 * de-duplication lookups.
 * {@code mergedInto} is set when this company was folded into another one; {@code archivedAt} when a
 * person put it away (it leaves the lists and the follow-up rules, and can be brought back).
 */
@Document("companies")
public record Company(
        String id,
        String name,
        String normalizedName,
        List<String> domains,
        String country,
        String industry,
        Grade grade,
        Stage stage,
        String ownerId,
        Set<String> tags,
        boolean dormant,
        Instant lastInboundAt,
        Instant lastOutboundAt,
        String mergedInto,
        Instant createdAt,
        @Version Long version,
        Instant archivedAt) {

    @PersistenceCreator
    public Company {
        domains = domains == null ? List.of()
                : domains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).distinct().toList();
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        grade = grade == null ? Grade.C : grade;
        stage = stage == null ? Stage.LEAD : stage;
        // Derived from the name when a company is made or renamed (null here); read back as stored, so
        // a scan over every customer does not run the name rules again for each.
        normalizedName = normalizedName == null ? CompanyName.normalize(name) : normalizedName;
    }

    /** A company that is not archived. */
    public Company(String id, String name, String normalizedName, List<String> domains, String country, String industry,
            Grade grade, Stage stage, String ownerId, Set<String> tags, boolean dormant, Instant lastInboundAt,
            Instant lastOutboundAt, String mergedInto, Instant createdAt, Long version) {
        this(id, name, normalizedName, domains, country, industry, grade, stage, ownerId, tags, dormant, lastInboundAt,
                lastOutboundAt, mergedInto, createdAt, version, null);
    }

    public boolean archived() {
        return archivedAt != null;
    }

    public Company withArchivedAt(Instant at) {
        return new Company(id, name, normalizedName, domains, country, industry, grade, stage, ownerId, tags, dormant,
                lastInboundAt, lastOutboundAt, mergedInto, createdAt, version, at);
    }

    public static Company create(String id, String name, List<String> domains, String ownerId, Instant now) {
        return new Company(id, name, null, domains, null, null, Grade.C, Stage.LEAD, ownerId, Set.of(), false,
                null, null, null, now, null);
    }

    public Instant lastContactAt() {
        if (lastInboundAt == null) {
            return lastOutboundAt;
        }
        return lastOutboundAt == null || lastInboundAt.isAfter(lastOutboundAt) ? lastInboundAt : lastOutboundAt;
    }

    public Company withOwner(String newOwnerId) {
        return new Company(id, name, normalizedName, domains, country, industry, grade, stage, newOwnerId, tags, dormant,
                lastInboundAt, lastOutboundAt, mergedInto, createdAt, version, archivedAt);
    }

    public Company withStage(Stage newStage) {
        return new Company(id, name, normalizedName, domains, country, industry, grade, newStage, ownerId, tags, dormant,
                lastInboundAt, lastOutboundAt, mergedInto, createdAt, version, archivedAt);
    }

    public Company withDetails(String newName, List<String> newDomains, String newCountry, String newIndustry,
            Grade newGrade, Set<String> newTags) {
        return new Company(id, newName, null, newDomains, newCountry, newIndustry, newGrade, stage, ownerId, newTags,
                dormant, lastInboundAt, lastOutboundAt, mergedInto, createdAt, version, archivedAt);
    }
}
