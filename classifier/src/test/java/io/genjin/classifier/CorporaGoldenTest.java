package io.genjin.classifier;

import io.genjin.classifier.accuracy.AccuracyReport;
import io.genjin.classifier.accuracy.Figure;
import io.genjin.classifier.reply.ReplyStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Golden tests over the shared corpora (../shared/corpora from the repository root). They guard the
 * measured accuracy; they skip where the corpora are not checked out next to the repository.
 */
class CorporaGoldenTest {

    static final Path CORPORA = Path.of("../../shared/corpora");
    private static final Path DISCOURSE = CORPORA.resolve("reply-forward/discourse-email_reply_trimmer/test");
    private static AccuracyReport report;

    @BeforeAll
    static void measureOnce() {
        if (Files.isDirectory(CORPORA)) {
            report = AccuracyReport.measure(CORPORA);
        }
    }

    static Stream<String> discourseEmails() throws IOException {
        if (!Files.isDirectory(DISCOURSE.resolve("emails"))) {
            return Stream.of("(corpora absent)");
        }
        try (Stream<Path> files = Files.list(DISCOURSE.resolve("emails"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discourseEmails")
    void stripShouldEqualDiscourseTrimmedText(String name) throws IOException {
        Path trimmed = DISCOURSE.resolve("trimmed").resolve(name);
        assumeTrue(Files.exists(trimmed), "corpora absent");
        String email = Files.readString(DISCOURSE.resolve("emails").resolve(name), StandardCharsets.UTF_8);
        assertThat(new ReplyStripper().strip(email).text().strip()).isEqualTo(Files.readString(trimmed, StandardCharsets.UTF_8).strip());
    }

    @Test
    void understandingToLinkReadsEveryCorpusMessageAsTheFullUnderstandingDoesLessLanguageAndDisplayHtml() throws IOException {
        assumeTrue(Files.isDirectory(CORPORA), "corpora absent");
        EmailUnderstanding understanding = SharedUnderstanding.get();
        java.util.List<Path> files;
        try (Stream<Path> all = Files.walk(CORPORA)) {
            files = all.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        for (Path file : files) {
            Email email = Email.fromEml(Files.readAllBytes(file));
            Understanding full = understanding.understand(email);
            Understanding toLink = understanding.understandToLink(email);
            assertThat(toLink.language()).isEmpty();
            assertThat(toLink.safeHtml()).isEmpty();
            assertThat(toLink).as(file.toString()).usingRecursiveComparison().ignoringFields("language", "safeHtml")
                    .isEqualTo(full);
        }
    }

    @Test
    void everyFigureWithAGoalShouldMeetIt() {
        assumeTrue(report != null, "corpora absent");
        for (Figure f : report.figures()) {
            assertThat(f.meetsGoal()).as(f.metric() + " on " + f.corpus() + " = " + f.value()).isTrue();
        }
    }

    @Test
    void figuresWithoutAGoalShouldNotRegress() {
        assumeTrue(report != null, "corpora absent");
        assertThat(value("recipient status exact", "sisimai")).isGreaterThanOrEqualTo(0.94);
        assertThat(value("recipient reason class", "sisimai")).isGreaterThanOrEqualTo(0.68);
        assertThat(value("recipient hard/soft", "sisimai")).isGreaterThanOrEqualTo(0.87);
        assertThat(value("language accuracy", "cjk/letters")).isGreaterThanOrEqualTo(0.98);
        assertThat(value("auto-reply recognised", "sisimai rfc3834 + perl vacation")).isEqualTo(1.0);
        assertThat(value("bounce not taken for auto-reply", "sisimai")).isEqualTo(1.0);
    }

    private static double value(String metric, String corpus) {
        return report.figures().stream().filter(f -> f.metric().equals(metric) && f.corpus().equals(corpus))
                .findFirst().orElseThrow().value();
    }
}
