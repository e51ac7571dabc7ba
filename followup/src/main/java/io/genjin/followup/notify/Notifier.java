package io.genjin.followup.notify;

import io.genjin.followup.Texts;
import io.genjin.store.Ids;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a user something: in-app at once, and queued for each of their channels and their team's.
 * Written in the recipient's language. Idempotent by key: the same key notifies once.
 */
public class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private final NotifyStore store;
    private final Texts texts;
    private final NotifySettings settings;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake called after something was queued, so the dispatcher can send without waiting for its next round */
    public Notifier(NotifyStore store, Texts texts, NotifySettings settings, Clock clock, Runnable wake) {
        this.store = store;
        this.texts = texts;
        this.settings = settings;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * @param key        what this is about, unique per recipient (e.g. {@code task:<id>})
     * @param message    {@code followup.notify.<message>.title} and {@code .text}, filled with {@code args}
     */
    public void send(User recipient, Notification.Kind kind, String key, String message, List<String> args, String taskId,
            String companyId) {
        Locale locale = Texts.localeOf(recipient.locale());
        Object[] values = args.toArray();
        String title = texts.text("followup.notify." + message + ".title", locale, values);
        String text = texts.text("followup.notify." + message + ".text", locale, values);
        String link = settings.baseUrl() != null && companyId != null ? settings.baseUrl() + "/customers/" + companyId : null;
        Instant now = clock.instant();
        var inserted = store.insert(new Notification(Ids.newId(), key + ":" + recipient.id(), recipient.id(), kind, title,
                text, taskId, companyId, link, now, null));
        if (inserted.isEmpty()) {
            return;
        }
        int queued = 0;
        for (Channel channel : channelsOf(recipient)) {
            if (channel.enabled() && store.enqueue(inserted.get(), channel, now)) {
                queued++;
            }
        }
        log.info("notified {} ({}): {} [{} channel(s)]", recipient.id(), kind, key, queued);
        if (queued > 0) {
            wake.run();
        }
    }

    private List<Channel> channelsOf(User user) {
        List<Channel> channels = new ArrayList<>(store.channelsOf(Channel.Scope.USER, List.of(user.id())));
        if (user.teamId() != null) {
            channels.addAll(store.channelsOf(Channel.Scope.TEAM, List.of(user.teamId())));
        }
        return channels;
    }
}
