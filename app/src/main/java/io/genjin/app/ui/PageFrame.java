package io.genjin.app.ui;

import io.genjin.app.security.SignedIn;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What every page's frame (header, language switcher) needs: the signed-in user, links to this
 * same page in each language, and how to show times. Error pages get it too, so a 404 keeps the
 * header.
 */
@ControllerAdvice(basePackageClasses = PageFrame.class, assignableTypes = ErrorController.class)
class PageFrame {
    private final Times times;

    PageFrame(UiProperties properties) {
        this.times = new Times(properties.timeZone());
    }

    @ModelAttribute("me")
    SignedIn me(@AuthenticationPrincipal SignedIn me) {
        return me;
    }

    @ModelAttribute("times")
    Times times() {
        return times;
    }

    /** This page with {@code lang} set, keeping its other parameters (search text, filter, cursor). */
    @ModelAttribute("langLinks")
    Map<String, String> langLinks(HttpServletRequest request) {
        return Map.of("en", withLang(request, "en"), "zh", withLang(request, "zh-CN"));
    }

    private static String withLang(HttpServletRequest request, String lang) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (failed instanceof String uri) {
            // On an error page, offer the page that failed, without parameters that may have caused it.
            String path = UriUtils.decode(uri, StandardCharsets.UTF_8);
            return UriComponentsBuilder.fromPath(path).queryParam("lang", lang).encode().build().toUriString();
        }
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getServletPath());
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("lang")) {
                link.queryParam(name, (Object[]) values);
            }
        });
        return link.queryParam("lang", lang).encode().build().toUriString();
    }
}
