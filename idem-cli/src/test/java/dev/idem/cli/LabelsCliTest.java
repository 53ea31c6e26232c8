package dev.idem.cli;

import static dev.idem.cli.CliRunner.FLAGSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Honest labels: the built-in architect is never shown as the spec's model; unnamed rows are labelled by value. */
class LabelsCliTest {

    @TempDir
    Path work;

    private Result idem(String... args) {
        return CliRunner.inMemory(work, args);
    }

    @Test
    void should_not_show_the_builtin_architect_as_the_specs_model_on_design_or_run() throws Exception {
        // when
        Result design = idem("design", "--system-context", "Kafka consumers", "--failure-scenarios", "rebalances",
                "--verbose");
        Result run = idem("run", FLAGSHIP, "--var", "system_context=SQS", "--var", "failure_scenarios=redelivery",
                "--format", "json");

        // then
        assertThat(design.code()).as(design.toString()).isZero();
        assertThat(design.err()).doesNotContain("gpt-4o")
                .contains("idem: provider builtin, answered by idem-builtin-architect, rule-based reference design")
                .contains("idem: request builtin, attempt 1: ok in ");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("model").asText()).isEmpty();
        assertThat(json.get("answeredBy").asText()).isEqualTo("idem-builtin-architect");
        assertThat(run.err()).doesNotContain("gpt-4o");
    }

    @Test
    void should_label_rows_without_names_by_their_first_value() throws Exception {
        // given rows without names, one value spanning lines
        Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n"
                + "    content: \"{{topic}} {{tone}}\"\ntestData:\n  - topic: \"idempotency keys\\nfor payments\"\n"
                + "    tone: dry\n  - topic: retries\n    tone: warm\n");

        // when
        Result r = idem("eval", "s.prompt.yml", "--provider", ThrowingGatewayProvider.ID, "--report-json",
                work.resolve("r.json").toString());

        // then
        JsonNode report = new ObjectMapper().readTree(work.resolve("r.json").toFile());
        assertThat(report.get("testResults").findValuesAsText("label"))
                .containsExactly("idempotency keys for payments", "retries");
        assertThat(r.out()).contains("idempotency keys for paymen").doesNotContain("case 1");
    }
}
