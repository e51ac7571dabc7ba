package io.genjin.reports.weekly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.genjin.reports.weekly.WeeklyReport.DayPair;
import io.genjin.reports.weekly.WeeklyReport.RepLine;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The weekly mail's charts: PNG images drawn headless, with a font that has the Chinese glyphs of
 * the labels (WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, which scripts/install-test-deps
 * installs; without it the test skips, except under CI where it fails).
 */
class WeeklyChartsTest {
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    static WeeklyReport report(List<RepLine> reps) {
        List<DayPair> daily = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            daily.add(new DayPair(MONDAY.plusDays(i), i * 3, 10 - i));
        }
        return new WeeklyReport("m", "经理", MONDAY, "Asia/Shanghai", List.of(), daily, reps, List.of(), List.of(), 0,
                List.of());
    }

    @Test
    void chartsArePngImagesDrawnWithoutADisplay() throws Exception {
        WeeklyCharts.Labels labels = new WeeklyCharts.Labels(Locale.ENGLISH, "Emails sent per day",
                "Customers touched per rep", "This week", "Last week");
        WeeklyReport report = report(List.of(new RepLine("a", "Amy", 5, 7, 3), new RepLine("b", "Bo", 2, 1, 4)));
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        for (byte[] png : List.of(WeeklyCharts.daily(report, labels), WeeklyCharts.reps(report, labels))) {
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).isEqualTo(640);
            assertThat(image.getHeight()).isEqualTo(300);
        }
        assertThat(WeeklyCharts.reps(report(List.of()), labels)).as("no reps, no chart").isNull();
    }

    @Test
    void chineseLabelsAreDrawnWithAFontThatHasTheirGlyphs() throws Exception {
        boolean installed = WeeklyCharts.chineseFamily().isPresent();
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(installed, "no Chinese font installed (apt-get install fonts-wqy-microhei)");
        }
        assertThat(installed).as("a Chinese font (scripts/install-test-deps installs fonts-wqy-microhei)").isTrue();
        assertThat(WeeklyCharts.font()).isEqualTo(WeeklyCharts.chineseFamily().get());
        String labels = "每日发送邮件数本周上周星期一周一王小明";
        assertThat(new Font(WeeklyCharts.font(), Font.PLAIN, 12).canDisplayUpTo(labels)).isEqualTo(-1);
        WeeklyCharts.Labels zh = new WeeklyCharts.Labels(Locale.SIMPLIFIED_CHINESE, "每日发送邮件数", "各业务员联系的客户数",
                "本周", "上周");
        byte[] png = WeeklyCharts.reps(report(List.of(new RepLine("a", "王小明", 5, 7, 3))), zh);
        assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
    }
}
