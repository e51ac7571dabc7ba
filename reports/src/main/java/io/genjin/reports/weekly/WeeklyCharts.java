package io.genjin.reports.weekly;

import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The weekly mail's charts as PNG images, drawn by XChart in the JVM (headless: no display is
 * needed, and {@code java.awt.headless} is set before the first chart). Labels are in the reader's
 * language, so the font must have Chinese glyphs: {@link #FONT} is the first installed family of
 * {@link #CJK_FAMILIES} that can draw them, else the JDK's logical SansSerif (which fontconfig may
 * still complete with a Chinese font). The image deploys with WenQuanYi Micro Hei (Debian's
 * {@code fonts-wqy-microhei}); no font file is shipped in the jar.
 */
public final class WeeklyCharts {
    /** Fonts known to draw Simplified Chinese, most preferred first. */
    static final List<String> CJK_FAMILIES = List.of("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "SimHei", "AR PL UMing CN", "Droid Sans Fallback");
    static final String CHINESE_SAMPLE = "周一客户邮件";
    static final String FONT;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final Color THIS_WEEK = new Color(0x1f, 0x6f, 0xeb);
    private static final Color LAST_WEEK = new Color(0xa0, 0xae, 0xc0);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        FONT = chineseFamily().orElse(Font.SANS_SERIF);
    }

    private WeeklyCharts() {
    }

    /** The chart texts in the reader's language. */
    public record Labels(Locale locale, String dailyTitle, String repsTitle, String thisWeek, String lastWeek) {
    }

    /** The installed font family the charts use for Chinese, if any. */
    public static Optional<String> chineseFamily() {
        List<String> installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames(Locale.ROOT));
        return CJK_FAMILIES.stream().filter(installed::contains)
                .filter(f -> new Font(f, Font.PLAIN, 12).canDisplayUpTo(CHINESE_SAMPLE) == -1).findFirst();
    }

    /** The family the charts are drawn with. */
    public static String font() {
        return FONT;
    }

    /** Mail sent per weekday, this week beside the week before. */
    public static byte[] daily(WeeklyReport report, Labels labels) {
        CategoryChart chart = chart(labels.dailyTitle());
        List<String> days = report.daily().stream()
                .map(d -> d.day().getDayOfWeek().getDisplayName(TextStyle.SHORT, labels.locale())).toList();
        chart.addSeries(labels.lastWeek(), days,
                report.daily().stream().map(d -> (Number) d.sentPreviousWeek()).toList()).setFillColor(LAST_WEEK);
        chart.addSeries(labels.thisWeek(), days, report.daily().stream().map(d -> (Number) d.sent()).toList())
                .setFillColor(THIS_WEEK);
        return png(chart);
    }

    /** Customers touched per rep, this week beside the week before; null when the scope has no reps. */
    public static byte[] reps(WeeklyReport report, Labels labels) {
        if (report.reps().isEmpty()) {
            return null;
        }
        CategoryChart chart = chart(labels.repsTitle());
        List<String> names = report.reps().stream().map(WeeklyReport.RepLine::name).toList();
        chart.addSeries(labels.lastWeek(), names,
                report.reps().stream().map(r -> (Number) r.customersTouchedPrevious()).toList()).setFillColor(LAST_WEEK);
        chart.addSeries(labels.thisWeek(), names,
                report.reps().stream().map(r -> (Number) r.customersTouched()).toList()).setFillColor(THIS_WEEK);
        if (names.size() > 6) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        return png(chart);
    }

    private static CategoryChart chart(String title) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        Styler s = chart.getStyler();
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setAntiAlias(true);
        chart.getStyler().setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        chart.getStyler().setYAxisDecimalPattern("#");
        chart.getStyler().setAvailableSpaceFill(0.7);
        chart.getStyler().setOverlapped(false);
        return chart;
    }

    private static byte[] png(CategoryChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw a chart", e);
        }
    }
}
