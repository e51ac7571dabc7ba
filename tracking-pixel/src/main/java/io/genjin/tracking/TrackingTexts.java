package io.genjin.tracking;

import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.tracking.classify.Verdict;
import java.util.Locale;

/**
 * The human-facing words tracking writes into tasks and timelines, in the reader's language. The app
 * implements it over its message bundles; {@link #ENGLISH} serves tests and tools.
 */
public interface TrackingTexts {

    String intentTitle(Locale locale);

    String intentNotes(Locale locale, CustomerShowedIntent.Signal signal, String who, String subject, String url);

    String opened(Locale locale, String who, String subject);

    String clicked(Locale locale, String who, String subject, String url);

    /** "human", or "machine: Apple Mail Privacy Protection". */
    String verdict(Locale locale, Verdict verdict);

    TrackingTexts ENGLISH = new TrackingTexts() {
        @Override
        public String intentTitle(Locale locale) {
            return "Customer shows strong intent — contact now";
        }

        @Override
        public String intentNotes(Locale locale, CustomerShowedIntent.Signal signal, String who, String subject, String url) {
            return signal == CustomerShowedIntent.Signal.CLICK ? who + " clicked " + url + " in \"" + subject + "\""
                    : who + " opened the quotation \"" + subject + "\" again";
        }

        @Override
        public String opened(Locale locale, String who, String subject) {
            return who + " opened \"" + subject + "\"";
        }

        @Override
        public String clicked(Locale locale, String who, String subject, String url) {
            return who + " clicked " + url + " in \"" + subject + "\"";
        }

        @Override
        public String verdict(Locale locale, Verdict verdict) {
            return verdict.human() ? "human" : "machine: " + verdict.reason();
        }
    };
}
