package io.genjin.followup;

import java.util.Locale;

/**
 * Human-facing text in the reader's language (中文 or English): task titles, close reasons,
 * notification bodies. The app implements it over its message bundles.
 */
@FunctionalInterface
public interface Texts {
    String text(String key, Locale locale, Object... args);

    static Locale localeOf(String tag) {
        return tag == null || tag.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(tag);
    }
}
