package io.genjin.app.tracking;

import io.genjin.tracking.IncomingHit;
import io.genjin.tracking.TrackHits;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET|HEAD /t/o/<token>.gif}: always 200 and the same 43-byte transparent GIF, forged token or
 * not (no oracle). {@code GET|HEAD /t/c/<token>}: 302 to the URL stored for the token's link, and only
 * there — nothing from the request ever becomes a redirect target; anything else gets a neutral 404
 * page. Each genuine hit is queued for the writer; the response never waits for the store.
 */
final class TrackingEndpoints implements Filter {
    /** GIF89a, 1×1, one transparent colour. */
    static final byte[] PIXEL = {
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, (byte) 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x21, (byte) 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};
    private static final String OPEN = "/t/o/";
    private static final String CLICK = "/t/c/";
    private final TrackHits hits;
    private final MessageSource messages;
    private final Clock clock;

    TrackingEndpoints(TrackHits hits, MessageSource messages, Clock clock) {
        this.hits = hits;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0, private");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        if (path.startsWith(OPEN)) {
            String token = path.substring(OPEN.length());
            hits.open(hit(request, token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token, head));
            pixel(response, head);
        } else if (path.startsWith(CLICK)) {
            Optional<String> target = hits.click(hit(request, path.substring(CLICK.length()), head));
            if (target.isPresent()) {
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", target.get());
                response.setContentLength(0);
            } else {
                neutral(request, response, head);
            }
        } else {
            neutral(request, response, head);
        }
    }

    private IncomingHit hit(HttpServletRequest request, String token, boolean head) {
        return new IncomingHit(token, request.getRemoteAddr(), request.getHeader("User-Agent"), head, prefetch(request),
                clock.instant());
    }

    /** Browsers announce speculative loads: Purpose / Sec-Purpose (Chrome), X-Moz (Firefox), X-Purpose (Safari). */
    static boolean prefetch(HttpServletRequest request) {
        for (String header : new String[] {"Purpose", "Sec-Purpose", "X-Moz", "X-Purpose"}) {
            String value = request.getHeader(header);
            if (value != null) {
                String v = value.toLowerCase(Locale.ROOT);
                if (v.contains("prefetch") || v.contains("preview") || v.contains("prerender")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void pixel(HttpServletResponse response, boolean head) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("image/gif");
        response.setContentLength(PIXEL.length);
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        if (!head) {
            response.getOutputStream().write(PIXEL);
        }
    }

    private void neutral(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        Locale locale = request.getLocale();
        String title = HtmlUtils.htmlEscape(messages.getMessage("tracking.link.title", null, locale));
        String text = HtmlUtils.htmlEscape(messages.getMessage("tracking.link.text", null, locale));
        byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        response.setContentLength(page.length);
        if (!head) {
            response.getOutputStream().write(page);
        }
    }
}
