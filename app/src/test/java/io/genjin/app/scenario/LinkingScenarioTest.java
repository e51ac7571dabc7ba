package io.genjin.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Customer linking on the generated export mailbox, through the whole product. The thresholds are
 * the goals: precision of links ≥ 0.99, recall ≥ 0.95, and no company created that is neither a
 * customer nor a prospect; {@code genjin accuracy linking} prints the figures.
 */
class LinkingScenarioTest {

    @Test
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
