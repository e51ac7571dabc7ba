package io.genjin.followup.sequence;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which variant a customer reads, from its country, when the enrolment does not say. */
final class Languages {
    private static final Map<String, String> COUNTRIES = Map.ofEntries(
            Map.entry("CN", "zh"), Map.entry("TW", "zh"), Map.entry("HK", "zh"), Map.entry("SG", "en"),
            Map.entry("DE", "de"), Map.entry("AT", "de"), Map.entry("CH", "de"), Map.entry("FR", "fr"),
            Map.entry("BE", "fr"), Map.entry("ES", "es"), Map.entry("MX", "es"), Map.entry("AR", "es"),
            Map.entry("CO", "es"), Map.entry("CL", "es"), Map.entry("PE", "es"), Map.entry("PT", "pt"),
            Map.entry("BR", "pt"), Map.entry("IT", "it"), Map.entry("RU", "ru"), Map.entry("UA", "ru"),
            Map.entry("JP", "ja"), Map.entry("KR", "ko"), Map.entry("SA", "ar"), Map.entry("AE", "ar"),
            Map.entry("EG", "ar"), Map.entry("TR", "tr"), Map.entry("VN", "vi"), Map.entry("TH", "th"),
            Map.entry("ID", "id"), Map.entry("PL", "pl"), Map.entry("NL", "nl"));

    private Languages() {
    }

    static Optional<String> ofCountry(String country) {
        return country == null ? Optional.empty()
                : Optional.ofNullable(COUNTRIES.get(country.trim().toUpperCase(Locale.ROOT)));
    }
}
