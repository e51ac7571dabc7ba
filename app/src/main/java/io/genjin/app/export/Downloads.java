package io.genjin.app.export;

import io.genjin.app.security.SignedIn;
import io.genjin.app.ui.DownloadName;
import io.genjin.reports.export.ExportFormat;
import io.genjin.store.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What every file download shares, the lists' and the reports': the format by its extension (an
 * unknown one is a 404, as for a path that does not exist), the reader's language, and the headers
 * of an attachment that must not be cached.
 */
public final class Downloads {
    private Downloads() {
    }

    public static ExportFormat format(String extension) {
        return ExportFormat.byExtension(extension).orElseThrow(() -> new NotFound("export format", extension));
    }

    /** {@code lang} when asked ({@code en}, {@code zh-CN}), else the user's own language, else the browser's. */
    public static Locale locale(SignedIn me, String asked, HttpServletRequest request) {
        String tag = asked != null && !asked.isBlank() ? asked
                : me.locale() != null ? me.locale() : RequestContextUtils.getLocale(request).toLanguageTag();
        return tag.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /**
     * @param name      the file name without extension, in the reader's language
     * @param otherwise the ASCII name a client gets when it cannot read {@code filename*}
     */
    public static void start(HttpServletResponse response, ExportFormat format, String name, String otherwise) {
        response.setContentType(format.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                DownloadName.attachment(name + "." + format.extension(), otherwise + "." + format.extension()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
