package io.genjin.app.ui;

import io.genjin.store.CrmStore;
import io.genjin.store.message.MessageLink;
import io.genjin.store.user.User;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Says in the reader's language why a message is on a timeline ({@code linkStep} and
 * {@code linkDetail} as ingestion or a person's correction recorded them) or why it is on none
 * ({@code heldStep}, {@code heldDetail}). Pages call it as {@code @linkReasons}, with the page's {@code #locale}.
 */
@Component("linkReasons")
public class LinkReasons {
    private final MessageSource messages;
    private final CrmStore store;

    LinkReasons(MessageSource messages, CrmStore store) {
        this.messages = messages;
        this.store = store;
    }

    /** The reason a timeline entry gives for itself (its attributes), or null for an entry not from mail. */
    public String ofActivity(Map<String, String> attributes, Locale locale) {
        String step = attributes.get("linkStep");
        if (step == null) {
            return null;
        }
        if (step.equals("CORRECTED")) {
            return corrected(attributes.get("correctedBy"), attributes.get("linkDetail"), locale);
        }
        return linked(step, attributes.get("linkDetail"), locale);
    }

    public String ofLink(MessageLink link, Locale locale) {
        if (link.step().equals("CORRECTED")) {
            return corrected(link.byUserId(), link.reason(), locale);
        }
        return linked(link.step(), link.detail(), locale);
    }

    public String held(String step, String detail, Locale locale) {
        if (step == null) {
            return "";
        }
        String d = detail == null ? "" : detail;
        if (step.equals("NONE_AUTOMATED")) {
            int colon = d.indexOf(':');
            String code = colon < 0 ? d : d.substring(0, colon);
            String arg = colon < 0 ? "" : d.substring(colon + 1);
            return text(locale, "held.automated." + code, arg).orElseGet(() -> text(locale, "held.NONE_AUTOMATED", d).orElse(d));
        }
        if (step.equals("NONE_NOT_CUSTOMER") && (d.startsWith("address:") || d.startsWith("domain:"))) {
            int colon = d.indexOf(':');
            return text(locale, "held.NONE_NOT_CUSTOMER." + d.substring(0, colon), d.substring(colon + 1)).orElse(d);
        }
        return text(locale, "held." + step, d).orElse(step);
    }

    private String linked(String step, String detail, Locale locale) {
        String d = detail == null ? "" : detail;
        return text(locale, "link.step." + step, d).orElseGet(() -> text(locale, "link.step.unknown", step).orElse(step));
    }

    private String corrected(String userId, String reason, Locale locale) {
        String who = userId == null ? "?" : store.users().find(userId).map(User::name).orElse("?");
        return reason == null || reason.isBlank() ? text(locale, "link.step.CORRECTED", who).orElse(who)
                : text(locale, "link.step.CORRECTED.reason", who, reason).orElse(reason);
    }

    private java.util.Optional<String> text(Locale locale, String key, Object... args) {
        try {
            return java.util.Optional.of(messages.getMessage(key, args, locale));
        } catch (NoSuchMessageException missing) {
            return java.util.Optional.empty();
        }
    }
}
