package io.genjin.app.reports;

import io.genjin.reports.weekly.SummariseWeek;
import io.genjin.reports.weekly.WeeklyCharts;
import io.genjin.reports.weekly.WeeklyReport;
import io.genjin.reports.weekly.WeeklyReport.Figure;
import io.genjin.store.user.User;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.relay.Composer;
import io.genjin.gateway.relay.RelatedMail;
import io.genjin.store.Ids;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * One manager's weekly report as a mail: the figures of {@link SummariseWeek}, written by the
 * Thymeleaf templates {@code mail/weekly.html} and {@code mail/weekly.txt} in the manager's language
 * (every text from the message bundles, every value escaped by Thymeleaf), with the charts of
 * {@link WeeklyCharts} as PNG parts of a {@code multipart/related} message that the HTML names by
 * {@code cid:}. The preview page gets the same HTML with the images as {@code data:} addresses.
 */
class WeeklyMail {
    static final String DAILY = "daily";
    static final String REPS = "reps";

    private final SummariseWeek summarise;
    private final MessageSource messages;
    private final SpringTemplateEngine templates;
    private final String publicUrl;
    private final Locale defaultLocale;
    private final String from;
    private final Composer composer;

    WeeklyMail(SummariseWeek summarise, MessageSource messages, String publicUrl, Locale defaultLocale, String from,
            java.time.Clock clock) {
        this.composer = new Composer(clock);
        this.summarise = summarise;
        this.messages = messages;
        this.publicUrl = publicUrl;
        this.defaultLocale = defaultLocale;
        this.from = from;
        this.templates = new SpringTemplateEngine();
        templates.addTemplateResolver(resolver(TemplateMode.HTML, ".html"));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt"));
        templates.setTemplateEngineMessageSource(messages);
    }

    String from() {
        return from;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
        r.setPrefix("mail/");
        r.setTemplateMode(mode);
        r.setResolvablePatterns(java.util.Set.of("*" + suffix));
        r.setCharacterEncoding("UTF-8");
        r.setCacheable(true);
        return r;
    }

    /** A PNG part: its Content-ID (without the angle brackets) and bytes. */
    record Image(String cid, byte[] png) {
    }

    /** The mail as it will be sent. */
    record Rendered(WeeklyReport report, Locale locale, String subject, String html, String text, List<Image> images) {
    }

    Locale localeOf(User user) {
        String tag = user.locale();
        Locale wanted = tag == null || tag.isBlank() ? defaultLocale : Locale.forLanguageTag(tag);
        return "zh".equals(wanted.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** {@code inline}: images as {@code cid:} (the mail) or as {@code data:} addresses (the preview page). */
    Rendered render(User manager, LocalDate week, boolean inline) {
        Locale locale = localeOf(manager);
        WeeklyReport report = summarise.of(manager, week);
        WeeklyCharts.Labels labels = new WeeklyCharts.Labels(locale, text("weekly.chart.daily", locale),
                text("weekly.chart.reps", locale), text("weekly.thisWeek", locale), text("weekly.lastWeek", locale));
        String domain = "genjin.weekly";
        List<Image> images = new ArrayList<>();
        Map<String, String> src = new LinkedHashMap<>();
        add(images, src, DAILY + "-" + report.isoWeek() + "@" + domain, DAILY, WeeklyCharts.daily(report, labels), inline);
        add(images, src, REPS + "-" + report.isoWeek() + "@" + domain, REPS, WeeklyCharts.reps(report, labels), inline);

        Context context = new Context(locale);
        context.setVariable("r", report);
        context.setVariable("figures", rows(report, locale));
        context.setVariable("img", src);
        context.setVariable("dashboard", link("/reports", report.week(), null));
        context.setVariable("dormantLink", UriComponentsBuilder.fromUriString(publicUrl).path("/reports/items")
                .queryParam("figure", "coverage.silent").queryParam("grade", "A").build().toUriString());
        context.setVariable("repLinks", repLinks(report));
        context.setVariable("customerBase", publicUrl + "/customers/");
        context.setVariable("preview", publicUrl + "/reports/weekly");
        String subject = text("weekly.subject", locale, report.week().toString(), report.lastDay().toString())
                .replaceAll("\\p{Cntrl}", " ");
        return new Rendered(report, locale, subject, templates.process("weekly.html", context),
                templates.process("weekly.txt", context), List.copyOf(images));
    }

    private static void add(List<Image> images, Map<String, String> src, String cid, String name, byte[] png, boolean inline) {
        if (png == null) {
            return;
        }
        images.add(new Image(cid, png));
        src.put(name, inline ? "cid:" + cid : "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    }

    /** The message as its bytes: multipart/related of text and HTML, then the charts the HTML names. */
    RawMail mime(String to, Rendered rendered) {
        List<RelatedMail.Inline> inline = rendered.images().stream()
                .map(i -> new RelatedMail.Inline(i.cid(), "image/png", i.png())).toList();
        String messageId = "weekly-" + rendered.report().isoWeek() + "-" + Ids.newId() + "@genjin.weekly";
        return composer.compose(new RelatedMail(messageId, from, from == null ? null : "Genjin", to, rendered.subject(),
                rendered.text(), rendered.html(), inline, Map.of("Auto-Submitted", "auto-generated")));
    }

    /** A row of the figures table, its values written for the reader. */
    record Row(String label, String current, String previous, String change, String trend, String currentLink,
            String previousLink) {
    }

    private List<Row> rows(WeeklyReport report, Locale locale) {
        List<Row> rows = new ArrayList<>();
        for (Figure f : report.figures()) {
            Double change = f.change();
            String trend = change == null || change == 0 ? "same" : change > 0 ? "up" : "down";
            rows.add(new Row("reports.figure." + f.key(), value(f, f.current(), locale), value(f, f.previous(), locale),
                    change(f, change, locale), trend, link("/reports/items", report.week(), f.drill()),
                    link("/reports/items", report.week(), f.drill()) + "&side=previous"));
        }
        return rows;
    }

    private Map<String, String> repLinks(WeeklyReport report) {
        Map<String, String> links = new LinkedHashMap<>();
        report.reps().forEach(r -> links.put(r.userId(), UriComponentsBuilder.fromUriString(publicUrl)
                .path("/reports/reps/{id}").queryParam("period", "week").queryParam("date", report.week())
                .buildAndExpand(r.userId()).encode().toUriString()));
        return links;
    }

    private String link(String path, LocalDate week, String figure) {
        UriComponentsBuilder b = UriComponentsBuilder.fromUriString(publicUrl).path(path);
        if (figure != null) {
            b.queryParam("figure", figure);
        }
        return b.queryParam("period", "week").queryParam("date", week).build().encode().toUriString();
    }

    String value(Figure f, Double v, Locale locale) {
        if (v == null) {
            return "–";
        }
        return switch (f.format()) {
            case COUNT -> NumberFormat.getIntegerInstance(locale).format(Math.round(v));
            case SHARE -> NumberFormat.getPercentInstance(locale).format(v);
            case MINUTES -> v < 90 ? text("weekly.minutes", locale, Math.round(v))
                    : text("weekly.hours", locale, one(v / 60, locale));
        };
    }

    private String change(Figure f, Double change, Locale locale) {
        if (change == null) {
            return "";
        }
        String sign = change > 0 ? "+" : change < 0 ? "−" : "±";
        double a = Math.abs(change);
        return sign + switch (f.format()) {
            case COUNT -> NumberFormat.getIntegerInstance(locale).format(Math.round(a));
            case SHARE -> text("weekly.points", locale, Math.round(a * 100));
            case MINUTES -> a < 90 ? text("weekly.minutes", locale, Math.round(a)) : text("weekly.hours", locale, one(a / 60, locale));
        };
    }

    private static String one(double v, Locale locale) {
        NumberFormat n = NumberFormat.getNumberInstance(locale);
        n.setMaximumFractionDigits(1);
        n.setMinimumFractionDigits(1);
        return n.format(v);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
