package io.genjin.app.tracking;

import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.tracking.TrackingTexts;
import io.genjin.tracking.classify.Verdict;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** Tracking's words from the message bundles ({@code tracking.*} in messages*.properties). */
final class BundleTrackingTexts implements TrackingTexts {
    private final MessageSource messages;

    BundleTrackingTexts(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public String intentTitle(Locale locale) {
        return messages.getMessage("tracking.intent.title", null, locale);
    }

    @Override
    public String intentNotes(Locale locale, CustomerShowedIntent.Signal signal, String who, String subject, String url) {
        return signal == CustomerShowedIntent.Signal.CLICK
                ? messages.getMessage("tracking.intent.notes.click", new Object[] {who, url, subject}, locale)
                : messages.getMessage("tracking.intent.notes.opens", new Object[] {who, subject}, locale);
    }

    @Override
    public String opened(Locale locale, String who, String subject) {
        return messages.getMessage("tracking.timeline.opened", new Object[] {who, subject}, locale);
    }

    @Override
    public String clicked(Locale locale, String who, String subject, String url) {
        return messages.getMessage("tracking.timeline.clicked", new Object[] {who, subject, url}, locale);
    }

    @Override
    public String verdict(Locale locale, Verdict verdict) {
        if (verdict.human()) {
            return messages.getMessage("tracking.verdict.human", null, locale);
        }
        String reason = messages.getMessage("tracking.reason." + verdict.reason(), null, verdict.reason(), locale);
        return messages.getMessage("tracking.verdict.machine", new Object[] {reason}, locale);
    }
}
