package io.genjin.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Customer linking on the generated export mailbox, through the whole product. The thresholds are
 * the goal the linking rework works towards; the figures of today's linking are what
 * {@code genjin accuracy linking} prints.
 */
class LinkingScenarioTest {

    @Test
    @Disabled("enabled when the linking rework lands")
    void linksTheExportMailboxToTheRightCustomersAndCreatesNoStrayCompanies() {
        LinkingScore score = LinkingAccuracy.measure(ExportMailbox.generate());

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        LinkingReport.print(score, new PrintStream(report, true, StandardCharsets.UTF_8), true);
        String why = report.toString(StandardCharsets.UTF_8);
        assertThat(score.precision()).as(why).isGreaterThanOrEqualTo(0.99);
        assertThat(score.recall()).as(why).isGreaterThanOrEqualTo(0.95);
        assertThat(score.unexpectedCompanies()).as(why).isEmpty();
    }
}
