package io.genjin.app.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The UI speaks English and Simplified Chinese. The browser's Accept-Language picks one; a
 * {@code ?lang=zh-CN} or {@code ?lang=en} switch overrides it and is remembered in a cookie.
 * Any Chinese variant maps to {@code zh_CN} (the only Chinese bundle), anything else to English,
 * so a page never mixes languages.
 */
@Configuration(proxyBeanMethods = false)
class UiLocales implements WebMvcConfigurer {
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
    static final String COOKIE = "genjin-lang";

    /** Named so, because the DispatcherServlet looks the resolver up by this bean name. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new SupportedOnly(COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(UiLocales::fromBrowser);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        // Pages only: the API answers the same whatever the language cookie says.
        registry.addInterceptor(change).excludePathPatterns("/api/**", "/actuator/**", "/v3/api-docs/**");
    }

    static Locale supported(Locale wanted) {
        return wanted != null && "zh".equals(wanted.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** The first Accept-Language entry we have a bundle for; English when none matches. */
    static Locale fromBrowser(HttpServletRequest request) {
        for (Locale wanted : Collections.list(request.getLocales())) {
            if ("zh".equals(wanted.getLanguage()) || "en".equals(wanted.getLanguage())) {
                return supported(wanted);
            }
        }
        return Locale.ENGLISH;
    }

    /** Stores and answers only locales we have bundles for. */
    private static final class SupportedOnly extends CookieLocaleResolver {
        SupportedOnly(String cookieName) {
            super(cookieName);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request));
        }

        @Override
        public LocaleContext resolveLocaleContext(HttpServletRequest request) {
            LocaleContext raw = super.resolveLocaleContext(request);
            TimeZone zone = raw instanceof TimeZoneAwareLocaleContext aware ? aware.getTimeZone() : null;
            return new SimpleTimeZoneAwareLocaleContext(supported(raw.getLocale()), zone);
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
        }
    }
}
