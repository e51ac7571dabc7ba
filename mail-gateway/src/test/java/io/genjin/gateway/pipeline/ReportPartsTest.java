package io.genjin.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.gateway.mime.Corpora;
import io.genjin.gateway.mime.ParsedMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A report is understood from the gateway's one parse. Over every message of the corpora, the verdict
 * made from the parse loses nothing the pipeline found before, when the classifier read each report's
 * raw message again on its own: the same bounces and auto-replies, every bounced address and the
 * returned original's Message-ID. The parse may find more (a returned message's header in a bounce
 * that is not a multipart/report, a Diagnostic-Code in ISO-2022-JP decoded by the gateway's charset
 * table); those are printed.
 */
class ReportPartsTest {

    @Test
    void theVerdictFromTheOneParseLosesNothingTheRawReadingFinds() throws IOException {
        ClassifierUnderstanding understanding = new ClassifierUnderstanding(new EmailUnderstanding());
        List<Path> files = Corpora.files(Corpora.require("."), ".eml");
        List<String> lost = new ArrayList<>();
        List<String> more = new ArrayList<>();
        int bounces = 0;
        for (Path file : files) {
            ParsedMail mail = Corpora.parse(file);
            Understanding.Result parse = understanding.understand(mail);
            Understanding.Result raw = understanding.understand(mail, beforeThisChange(mail, file));
            bounces += parse.bounce() ? 1 : 0;
            String name = Corpora.root().relativize(file).toString();
            if (parse.bounce() != raw.bounce() || parse.autoReply() != raw.autoReply()
                    || !parse.bouncedAddresses().containsAll(raw.bouncedAddresses())
                    || (raw.bouncedMessageId() != null && !raw.bouncedMessageId().isEmpty()
                            && !raw.bouncedMessageId().equals(parse.bouncedMessageId()))) {
                lost.add(name + "\n  parse: " + verdict(parse) + "\n  raw:   " + verdict(raw));
            } else if (parse.bounce() && !verdict(parse).equals(verdict(raw))) {
                more.add(name + "\n  parse: " + verdict(parse) + "\n  raw:   " + verdict(raw));
            }
        }
        System.out.println("corpus messages " + files.size() + ", bounces " + bounces + "; the parse found more in " + more.size());
        more.forEach(System.out::println);
        assertThat(bounces).as("bounces in the corpora").isGreaterThan(250);
        assertThat(lost).isEmpty();
    }

    /** What the classifier was given before: a report read again from the raw, any other message as parsed, with no parts. */
    private static Email beforeThisChange(ParsedMail mail, Path file) throws IOException {
        if (mail.partTypes().stream().anyMatch(REPORT_TYPES::contains)) {
            return Email.fromEml(Files.readAllBytes(file));
        }
        Email parsed = ClassifierUnderstanding.asEmail(mail);
        return new Email(parsed.headers(), parsed.text(), parsed.html(), parsed.attachmentNames(), List.of());
    }

    private static final java.util.Set<String> REPORT_TYPES = java.util.Set.of("message/delivery-status", "message/feedback-report",
            "message/global-delivery-status");

    private static String verdict(Understanding.Result r) {
        return "bounce=" + r.bounce() + " hard=" + r.hardBounce() + " addresses=" + r.bouncedAddresses() + " original="
                + Objects.requireNonNullElse(r.bouncedMessageId(), "") + " autoReply=" + r.autoReply();
    }
}
