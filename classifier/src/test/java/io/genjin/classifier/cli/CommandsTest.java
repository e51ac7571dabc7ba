package io.genjin.classifier.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {

    private static String run(java.util.function.ToIntBiFunction<List<String>, PrintStream> command, List<String> args, int expected) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = command.applyAsInt(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(expected);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void classifyWhenEmlFileShouldPrintOneJsonLineWithAllKeys() {
        String out = run(ClassifyCommand::run, List.of("src/test/resources/fixtures/dsn-postfix-user-unknown.eml"), 0);
        JsonNode json = JsonMapper.builder().build().readTree(out.strip());
        assertThat(json.propertyNames()).contains("file", "language", "text", "reply", "signature", "forwarded", "bounce",
                "autoReply", "intent", "quote");
        assertThat(json.path("bounce").path("isBounce").asBoolean()).isTrue();
        assertThat(json.path("bounce").path("recipients").get(0).path("address").asString()).isEqualTo("tom@buyer.example");
    }

    @Test
    void classifyWhenTextFlagShouldReadBareBodies(@TempDir Path dir) throws Exception {
        Path body = dir.resolve("body.txt");
        Files.writeString(body, "Confirmed.\n\n---------- Forwarded message ---------\nFrom: Tom <tom@buyer.example>\nDate: Mon, 4 Mar 2024\nSubject: PO\nTo: sales@factory.cn\n\nPO attached.\n");
        JsonNode json = JsonMapper.builder().build().readTree(run(ClassifyCommand::run, List.of("--text", body.toString()), 0).strip());
        assertThat(json.path("forwarded").path("fromAddress").asString()).isEqualTo("tom@buyer.example");
        assertThat(json.path("reply").asString()).isEqualTo("Confirmed.");
    }

    @Test
    void classifyWhenTextIsACustomerComplaintShouldPrintToneDissatisfiedAndTopics(@TempDir Path dir) throws Exception {
        Path body = dir.resolve("complaint.txt");
        Files.writeString(body, "交货又延误了三周，客户已经投诉了，我们要求索赔。请告诉我新的交期。\n\n"
                + "On Mon, 4 Mar 2024 at 10:00, Li <li@factory.cn> wrote:\n> Thank you, we are very happy with your order!\n");
        JsonNode json = JsonMapper.builder().build().readTree(run(ClassifyCommand::run, List.of("--text", body.toString()), 0).strip());
        assertThat(json.path("tone").asString()).isEqualTo("negative");
        assertThat(json.path("dissatisfied").asBoolean()).isTrue();
        assertThat(json.path("topics").get(0).asString()).isEqualTo("lead-time");
    }

    @Test
    void classifyWhenEmlIsABounceShouldReadNoTone() {
        JsonNode json = JsonMapper.builder().build().readTree(run(ClassifyCommand::run,
                List.of("src/test/resources/fixtures/dsn-postfix-user-unknown.eml"), 0).strip());
        assertThat(json.path("tone").asString()).isEqualTo("neutral");
        assertThat(json.path("dissatisfied").asBoolean()).isFalse();
        assertThat(json.path("topics")).isEmpty();
    }

    @Test
    void trainToneShouldWriteALoadableModelAndItsFigures(@TempDir Path dir) {
        Path model = dir.resolve("tone.bin");
        String out = run(TrainCommand::run, List.of("--tone", "--out", model.toString()), 0);
        assertThat(model).isNotEmptyFile();
        assertThat(out).contains("dissatisfied F1 (model)", "thresholdDissatisfiedF1");
    }

    @Test
    void classifyWhenFileIsMissingShouldReportAnErrorLineAndExitOne() {
        assertThat(run(ClassifyCommand::run, List.of("no-such-file.eml"), 1)).contains("\"error\"");
    }

    @Test
    void trainShouldWriteALoadableModel(@TempDir Path dir) {
        Path model = dir.resolve("intent.bin");
        String out = run(TrainCommand::run, List.of("--out", model.toString()), 0);
        assertThat(model).isNotEmptyFile();
        assertThat(out).contains("testMacroF1");
    }
}
