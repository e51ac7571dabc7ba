package io.genjin.tracking.instrument;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which links get wrapped. Only absolute http(s) URLs with a host; never mailto:, tel:, in-page
 * anchors, javascript: or data: (they are left as they are); never unsubscribe links (wrapping them
 * would turn an opt-out into a tracked click and break one-click unsubscribe); never a link marked
 * {@code data-genjin-track="off"}; never a link already pointing at the tracker.
 */
public final class LinkPolicy {
    private static final Pattern UNSUBSCRIBE = Pattern.compile(
            "unsubscribe|opt-?out|optout|退订|取消订阅|退订邮件|manage[-_ ]?preferences", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x20\\x7f]");
    private static final int MAX_URL = 2048;
    private final String trackerPrefix;

    public LinkPolicy(String trackerBaseUrl) {
        this.trackerPrefix = trackerBaseUrl.toLowerCase(Locale.ROOT) + "/t/";
    }

    /** @param label the link's visible text (may be empty) */
    public boolean trackable(String url, String label) {
        if (url == null || url.length() > MAX_URL || CONTROL.matcher(url).find()) {
            return false;
        }
        if (!isSafeAbsoluteHttp(url) || url.toLowerCase(Locale.ROOT).startsWith(trackerPrefix)) {
            return false;
        }
        return !UNSUBSCRIBE.matcher(url).find() && (label == null || !UNSUBSCRIBE.matcher(label).find());
    }

    /**
     * An absolute http or https URL with a host and nothing that could split a header or change
     * scheme: the only kind of URL a click may ever be redirected to.
     */
    public static boolean isSafeAbsoluteHttp(String url) {
        if (url == null || CONTROL.matcher(url).find() || url.indexOf('\\') >= 0) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null && !uri.getHost().isEmpty()
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
