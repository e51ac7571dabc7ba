package io.genjin.followup;

import java.util.Locale;

/**
 * Human-facing text in the reader's language (中文 or English): task titles, close reasons,
 * notification bodies. The app implements it over its message bundles.
 */
@FunctionalInterface
public interface Texts {
    String text(String key, Locale locale, Object... args);

    /** A user's locale as texts are kept: any Chinese is Simplified Chinese, anything else English. */
    static Locale localeOf(String tag) {
        return tag != null && Locale.forLanguageTag(tag).getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** A moment as the team reads it: date and time in the team's zone. */
    static String moment(java.time.Instant at, java.time.ZoneId zone) {
        return at == null ? "-" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(zone));
    }
}
