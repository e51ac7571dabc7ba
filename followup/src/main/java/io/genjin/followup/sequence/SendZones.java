package io.genjin.followup.sequence;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The recipient's time zone, in this order: an override on the contact, an override on the company,
 * the company's country (a small table of the countries export teams sell to; a country spanning
 * several zones gets its main business zone), else the configured default.
 */
public final class SendZones {
    /** ISO 3166 alpha-2 → main business time zone. */
    static final Map<String, String> COUNTRIES = Map.ofEntries(
            Map.entry("CN", "Asia/Shanghai"), Map.entry("HK", "Asia/Hong_Kong"), Map.entry("TW", "Asia/Taipei"),
            Map.entry("JP", "Asia/Tokyo"), Map.entry("KR", "Asia/Seoul"), Map.entry("SG", "Asia/Singapore"),
            Map.entry("MY", "Asia/Kuala_Lumpur"), Map.entry("TH", "Asia/Bangkok"), Map.entry("VN", "Asia/Ho_Chi_Minh"),
            Map.entry("ID", "Asia/Jakarta"), Map.entry("PH", "Asia/Manila"), Map.entry("IN", "Asia/Kolkata"),
            Map.entry("PK", "Asia/Karachi"), Map.entry("BD", "Asia/Dhaka"), Map.entry("AE", "Asia/Dubai"),
            Map.entry("SA", "Asia/Riyadh"), Map.entry("IL", "Asia/Jerusalem"), Map.entry("TR", "Europe/Istanbul"),
            Map.entry("RU", "Europe/Moscow"), Map.entry("UA", "Europe/Kyiv"), Map.entry("PL", "Europe/Warsaw"),
            Map.entry("DE", "Europe/Berlin"), Map.entry("FR", "Europe/Paris"), Map.entry("IT", "Europe/Rome"),
            Map.entry("ES", "Europe/Madrid"), Map.entry("PT", "Europe/Lisbon"), Map.entry("NL", "Europe/Amsterdam"),
            Map.entry("BE", "Europe/Brussels"), Map.entry("CH", "Europe/Zurich"), Map.entry("AT", "Europe/Vienna"),
            Map.entry("SE", "Europe/Stockholm"), Map.entry("NO", "Europe/Oslo"), Map.entry("DK", "Europe/Copenhagen"),
            Map.entry("FI", "Europe/Helsinki"), Map.entry("GB", "Europe/London"), Map.entry("UK", "Europe/London"),
            Map.entry("IE", "Europe/Dublin"), Map.entry("GR", "Europe/Athens"), Map.entry("CZ", "Europe/Prague"),
            Map.entry("HU", "Europe/Budapest"), Map.entry("RO", "Europe/Bucharest"), Map.entry("EG", "Africa/Cairo"),
            Map.entry("NG", "Africa/Lagos"), Map.entry("KE", "Africa/Nairobi"), Map.entry("ZA", "Africa/Johannesburg"),
            Map.entry("MA", "Africa/Casablanca"), Map.entry("US", "America/New_York"), Map.entry("CA", "America/Toronto"),
            Map.entry("MX", "America/Mexico_City"), Map.entry("BR", "America/Sao_Paulo"),
            Map.entry("AR", "America/Argentina/Buenos_Aires"), Map.entry("CL", "America/Santiago"),
            Map.entry("CO", "America/Bogota"), Map.entry("PE", "America/Lima"), Map.entry("AU", "Australia/Sydney"),
            Map.entry("NZ", "Pacific/Auckland"));

    private final MongoOperations mongo;
    private final ZoneId fallback;

    SendZones(MongoOperations mongo, ZoneId fallback) {
        this.mongo = mongo;
        this.fallback = fallback;
    }

    public ZoneId of(String contactId, String companyId, String country) {
        return override("contact:" + contactId).or(() -> override("company:" + companyId))
                .or(() -> ofCountry(country)).orElse(fallback);
    }

    public static Optional<ZoneId> ofCountry(String country) {
        return country == null ? Optional.empty()
                : Optional.ofNullable(COUNTRIES.get(country.trim().toUpperCase(Locale.ROOT))).map(ZoneId::of);
    }

    /** Sets (or, with null, removes) the zone of a contact or company; {@code kind} is "contact" or "company". */
    public void override(String kind, String id, String zone) {
        String key = kind + ":" + id;
        if (zone == null || zone.isBlank()) {
            mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(key)), ZoneOverride.class);
            return;
        }
        mongo.save(new ZoneOverride(key, parse(zone).getId()));
    }

    public Optional<ZoneId> override(String key) {
        return Optional.ofNullable(mongo.findById(key, ZoneOverride.class)).map(o -> ZoneId.of(o.zone()));
    }

    /**
     * A company's zone override as its record in a company merge: the survivor takes the loser's
     * override when it has none of its own (its enrolments now send from the survivor). Not listed in
     * a merge preview.
     */
    public io.genjin.store.linking.CustomerRecords customerRecords() {
        return new io.genjin.store.linking.CustomerRecords() {
            @Override
            public String kind() {
                return "sendZone";
            }

            @Override
            public boolean listed() {
                return false;
            }

            @Override
            public long count(String companyId) {
                return override("company:" + companyId).isPresent() ? 1 : 0;
            }

            @Override
            public long move(String fromCompanyId, String toCompanyId) {
                Optional<ZoneId> zone = override("company:" + fromCompanyId);
                if (zone.isEmpty()) {
                    return 0;
                }
                if (override("company:" + toCompanyId).isEmpty()) {
                    override("company", toCompanyId, zone.get().getId());
                }
                override("company", fromCompanyId, null);
                return 1;
            }
        };
    }

    public static ZoneId parse(String zone) {
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new io.genjin.store.Invalid("not a time zone: " + zone + " (use a name such as Europe/Berlin)");
        }
    }

    @Document("sequence_zones")
    record ZoneOverride(@Id String key, String zone) {
    }
}
