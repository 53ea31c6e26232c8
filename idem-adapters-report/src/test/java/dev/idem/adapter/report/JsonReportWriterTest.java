package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.out.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest extends ReportWriterContract {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    ReportWriter writer() {
        return new JsonReportWriter();
    }

    @Override
    String expectedFormat() {
        return "json";
    }

    @Override
    String expectedDuration() {
        return "\"wallTimeMs\": 7412";
    }

    @Override
    String fileName() {
        return "report.json";
    }

    private JsonNode written() throws IOException {
        Path target = dir.resolve(fileName());
        writer().write(sample(), target);
        return mapper.readTree(target.toFile());
    }

    @Test
    void should_carry_the_gh_models_top_level_fields_first() throws IOException {
        // when
        JsonNode report = written();

        // then
        assertThat(fieldNames(report)).startsWith("name", "description", "model", "testResults", "summary");
        assertThat(report.get("name").asText()).isEqualTo("Idempotency and API Retry Strategy Architect");
        assertThat(report.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(report.get("testResults")).hasSize(6);
    }

    @Test
    void should_summarise_like_gh_models_with_a_percentage_pass_rate() throws IOException {
        // when
        JsonNode summary = written().get("summary");

        // then
        assertThat(fieldNames(summary)).containsExactly("totalTests", "passedTests", "failedTests", "passRate");
        assertThat(summary.get("totalTests").asInt()).isEqualTo(6);
        assertThat(summary.get("passedTests").asInt()).isEqualTo(3);
        assertThat(summary.get("failedTests").asInt()).isEqualTo(3);
        assertThat(summary.get("passRate").asDouble()).isEqualTo(50.0);
    }

    @Test
    void should_describe_each_test_result_in_gh_models_terms() throws IOException {
        // when
        JsonNode failed = written().get("testResults").get(1);

        // then
        assertThat(fieldNames(failed)).startsWith("testCase", "modelResponse", "evaluationResults");
        assertThat(failed.get("testCase").get("system_context").asText()).startsWith("Orders are written");
        assertThat(failed.get("modelResponse").asText()).contains("Retry until it works.");
        JsonNode rubric = failed.get("evaluationResults").get(2);
        assertThat(rubric.get("evaluatorName").asText()).isEqualTo("rubric");
        assertThat(rubric.get("score").asDouble()).isEqualTo(0.55);
        assertThat(rubric.get("passed").asBoolean()).isFalse();
        assertThat(rubric.get("details").asText()).contains("fencing tokens");
    }

    @Test
    void should_count_every_case_that_did_not_pass_as_failed_under_gh_models_rule() throws IOException {
        // when
        JsonNode report = written();

        // then gh's rule (a test passes when all its results pass) agrees with the summary: an error is not a pass
        long passedByGhRule = StreamSupport.stream(report.get("testResults").spliterator(), false)
                .filter(t -> StreamSupport.stream(t.get("evaluationResults").spliterator(), false)
                        .allMatch(e -> e.get("passed").asBoolean()))
                .count();
        assertThat(passedByGhRule).isEqualTo(report.get("summary").get("passedTests").asLong()).isEqualTo(3);
    }

    @Test
    void should_give_an_errored_case_a_failed_error_result_carrying_the_error() throws IOException {
        // when
        JsonNode results = written().get("testResults").get(2).get("evaluationResults");

        // then
        assertThat(results).hasSize(1);
        JsonNode error = results.get(0);
        assertThat(error.get("evaluatorName").asText()).isEqualTo("error");
        assertThat(error.get("kind").asText()).isEqualTo("error");
        assertThat(error.get("passed").asBoolean()).isFalse();
        assertThat(error.get("score").asDouble()).isZero();
        assertThat(error.get("details").asText())
                .isEqualTo("openai: rate limited (HTTP 429) after 4 attempts; last Retry-After was 20 s — gave up");
    }

    @Test
    void should_put_the_expected_value_into_the_test_case() throws IOException {
        // when
        JsonNode refusal = written().get("testResults").get(4).get("testCase");

        // then
        assertThat(refusal.get("expected").asText()).isEqualTo("{\"error\": \"unsafe\"}");
    }

    @Test
    void should_add_idem_fields_per_test_result() throws IOException {
        // when
        JsonNode results = written().get("testResults");

        // then
        JsonNode error = results.get(2);
        assertThat(error.get("status").asText()).isEqualTo("error");
        assertThat(error.get("error").asText()).contains("rate limited");
        assertThat(error.get("attempts").asInt()).isEqualTo(4);
        JsonNode replayed = results.get(3);
        assertThat(replayed.get("replayed").asBoolean()).isTrue();
        assertThat(replayed.get("label").asText()).isEqualTo("Webhook delivery");
        JsonNode passed = results.get(0);
        assertThat(passed.get("status").asText()).isEqualTo("passed");
        assertThat(passed.get("error").isNull()).isTrue();
        assertThat(passed.get("latencyMs").asLong()).isEqualTo(1_240);
        assertThat(passed.get("sample").asInt()).isZero();
        assertThat(passed.get("tokens").get("input").asLong()).isEqualTo(812);
        assertThat(passed.get("tokens").get("output").asLong()).isEqualTo(431);
        assertThat(passed.get("messages").get(0).get("role").asText()).isEqualTo("system");
    }

    @Test
    void should_add_the_idem_block_and_run_metadata() throws IOException {
        // when
        JsonNode report = written();

        // then
        assertThat(report.get("provider").asText()).isEqualTo("openai");
        assertThat(report.get("answerKind").asText()).isEqualTo("LLM");
        assertThat(report.get("specSource").asText()).isEqualTo("specs/idempotency-architect.prompt.yml");
        JsonNode idem = report.get("idem");
        assertThat(idem.get("errors").asInt()).isEqualTo(1);
        assertThat(idem.get("calls").asLong()).isEqualTo(9);
        assertThat(idem.get("replays").asLong()).isEqualTo(1);
        assertThat(idem.get("tokens").get("input").asLong()).isEqualTo(812 + 790 + 702 + 744);
        assertThat(idem.get("tokens").get("output").asLong()).isEqualTo(431 + 118 + 9 + 96);
        assertThat(idem.get("wallTimeMs").asLong()).isEqualTo(7_412);
    }

    @Test
    void should_say_why_when_the_evaluation_stopped_early() throws IOException {
        // given an evaluation stopped because its store went away
        EvaluationResult full = sample();
        EvaluationResult stopped = new EvaluationResult(full.specName(), full.description(), full.specSource(),
                full.provider(), full.model(), full.answerKind(), full.cases(), full.summary(),
                Optional.of(new EvaluationResult.Stop(EvaluationResult.Cause.STORE_UNAVAILABLE,
                        "Redis at redis://127.0.0.1:6379/0 did not answer for 30 s", 2)));
        Path target = dir.resolve(fileName());

        // when
        writer().write(stopped, target);
        writer().write(full, dir.resolve("full.json"));

        // then
        JsonNode stop = mapper.readTree(target.toFile()).get("idem").get("stopped");
        assertThat(stop.get("cause").asText()).isEqualTo("store_unavailable");
        assertThat(stop.get("message").asText()).isEqualTo("Redis at redis://127.0.0.1:6379/0 did not answer for 30 s");
        assertThat(stop.get("notRun").asInt()).isEqualTo(2);
        assertThat(mapper.readTree(dir.resolve("full.json").toFile()).get("idem").has("stopped")).isFalse();
    }

    @Test
    void should_keep_hostile_output_verbatim_in_valid_json() throws IOException {
        // when
        JsonNode script = written().get("testResults").get(5);

        // then
        assertThat(script.get("modelResponse").asText()).isEqualTo(SampleEvaluation.SCRIPT_OUTPUT);
    }

    @Test
    void should_pretty_print_with_unix_newlines() throws IOException {
        // given
        Path target = dir.resolve(fileName());

        // when
        writer().write(sample(), target);

        // then
        String text = Files.readString(target);
        assertThat(text).startsWith("{\n  \"name\": \"Idempotency").endsWith("}\n").doesNotContain("\r");
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}
