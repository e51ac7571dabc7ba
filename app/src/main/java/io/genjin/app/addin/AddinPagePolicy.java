package io.genjin.app.addin;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The Content-Security-Policy of the add-in's pages ({@code /addin/**}). Every other page refuses
 * to be framed; these are framed by Outlook on the web and new Outlook on Windows, so their
 * {@code frame-ancestors} names Outlook's web origins, 21Vianet's included, and nothing else.
 */
public final class AddinPagePolicy {
    /** The add-in's pages, scripts and files. */
    public static final RequestMatcher PAGES = PathPatternRequestMatcher.withDefaults().matcher("/addin/**");
    /**
     * Where Outlook on the web runs: Microsoft 365 (outlook.office.com, outlook.office365.com and the
     * newer outlook.cloud.microsoft), Outlook.com (outlook.live.com), and Office 365 operated by
     * 21Vianet (partner.outlook.cn).
     */
    static final List<String> OUTLOOK_ON_THE_WEB = List.of("https://outlook.office.com", "https://outlook.office365.com",
            "https://outlook.cloud.microsoft", "https://outlook.live.com", "https://partner.outlook.cn");

    private AddinPagePolicy() {
    }

    /**
     * office.js is loaded from its CDN (Microsoft supports no other copy) and sets inline styles on
     * the elements it adds, hence its origin in script-src and 'unsafe-inline' for styles only; MSAL
     * talks to the sign-in authority.
     */
    public static String contentSecurityPolicy(AddinProperties settings) {
        String officeJs = origin(settings.officeJs());
        Set<String> connect = new LinkedHashSet<>(List.of("'self'", origin(settings.authority()), officeJs));
        return "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' " + officeJs
                + "; connect-src " + String.join(" ", connect) + "; frame-ancestors 'self' "
                + String.join(" ", OUTLOOK_ON_THE_WEB) + "; form-action 'self'";
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
