package dev.idem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.InvalidCommandException;
import dev.idem.testkit.ScriptedModelGateway;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evaluation is set up option by option ({@link Evaluation}), the way {@code idem eval} takes its options. */
class EvaluationTest {

    @TempDir
    Path work;

    @Test
    void should_evaluate_the_bundled_flagship_with_samples_concurrency_and_reports() throws Exception {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            // given
            Path json = work.resolve("eval.json");
            Path junit = work.resolve("junit.xml");
            ByteArrayOutputStream markdown = new ByteArrayOutputStream();

            // when the bundled spec is evaluated, from no particular directory, twice per row, 2 cases at a time
            EvaluationResult result = idem.evaluation(idem.flagship()).repeat(2).concurrency(2).jsonReport(json)
                    .junitReport(junit).report("md", markdown).run();

            // then 2 rows x 2 samples ran, and every report was written
            assertThat(result.cases()).hasSize(4);
            assertThat(result.cases()).extracting(c -> c.status()).containsOnly(CaseStatus.PASSED, CaseStatus.FAILED);
            assertThat(Pattern.compile("\"totalTests\"\\s*:\\s*4\\b").matcher(Files.readString(json)).find())
                    .as("the JSON report counts 4 tests").isTrue();
            assertThat(Files.readString(junit)).contains("<testsuite");
            assertThat(markdown.toString(StandardCharsets.UTF_8)).contains("|");
        }
    }

    @Test
    void should_run_only_the_rows_the_filter_finds() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            EvaluationResult result = idem.evaluation(idem.flagship()).filter("(?i)KAFKA").run();

            assertThat(result.cases()).hasSize(1);
            assertThat(result.cases().get(0).status()).isEqualTo(CaseStatus.PASSED);
        }
    }

    @Test
    void should_refuse_options_out_of_their_bounds_before_anything_runs() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            Evaluation evaluation = idem.evaluation(idem.flagship());

            assertThatThrownBy(() -> evaluation.filter("(unclosed")).isInstanceOf(InvalidCommandException.class)
                    .hasMessageStartingWith("filter: not a regular expression");
            assertThatThrownBy(() -> evaluation.concurrency(0)).isInstanceOf(InvalidCommandException.class)
                    .hasMessage("concurrency must be within 1..1024, got 0");
            assertThatThrownBy(() -> evaluation.repeat(1001)).isInstanceOf(InvalidCommandException.class);
            assertThatThrownBy(() -> evaluation.shard(3, 2)).isInstanceOf(InvalidCommandException.class);
            assertThatThrownBy(() -> evaluation.jsonReport(work)).isInstanceOf(InvalidCommandException.class)
                    .hasMessageContaining("is a directory");
        }
    }

    @Test
    void should_ask_the_judge_it_is_given_and_replay_unless_the_cache_is_off() throws Exception {
        // given an answering gateway and a judging one of our own, and a spec judged by an llm evaluator
        ScriptedModelGateway answerer = new ScriptedModelGateway("answerer").replying(r -> "Paris");
        ScriptedModelGateway judge = new ScriptedModelGateway("judge").replying(r -> "yes");
        Path spec = Files.writeString(work.resolve("judged.prompt.yml"), "name: judged\nmodel: m\nmessages:\n"
                + "  - role: user\n    content: \"Capital of {{country}}?\"\ntestData:\n  - country: France\n"
                + "evaluators:\n  - name: right\n    llm:\n      modelId: m\n      prompt: \"Is {{completion}} right?\"\n"
                + "      choices:\n        - choice: \"yes\"\n          score: 1\n        - choice: \"no\"\n"
                + "          score: 0\n");
        try (Idem idem = Idem.builder().ignoreEnvironment().provider("answerer").gateway(answerer).gateway(judge)
                .build()) {
            // when it is evaluated with that judge, again, then again with the cache off
            EvaluationResult first = idem.evaluation(spec).judge("judge", "judge-model").run();
            idem.evaluation(spec).judge("judge", "judge-model").run();
            idem.evaluation(spec).judge("judge", "judge-model").cache(false).run();

            // then the judge judged, the second run replayed both calls, the third made them again
            assertThat(first.cases().get(0).status()).as(first.cases().get(0).toString()).isEqualTo(CaseStatus.PASSED);
            assertThat(judge.received().get(0).model()).isEqualTo("judge-model");
            assertThat(answerer.calls()).isEqualTo(2);
            assertThat(judge.calls()).isEqualTo(2);
        }
    }

    @Test
    void should_run_python_evaluators_only_when_allowed_asking_for_it_in_java() throws Exception {
        // given a spec checked by python code, and a provider that answers
        ScriptedModelGateway answerer = new ScriptedModelGateway("answerer").replying(r -> "All clear.");
        Path spec = Files.writeString(work.resolve("coded.prompt.yml"), """
                name: coded
                messages:
                  - role: user
                    content: "Summarise the record of {{patient}}"
                testData:
                  - patient: Jane Roe
                evaluators:
                  - name: no record number
                    python: "'MRN' not in output and patient not in output"
                """);
        try (Idem idem = Idem.builder().ignoreEnvironment().provider("answerer").gateway(answerer).build()) {
            // when it is evaluated as it is, then skipping what cannot run, then allowing code
            // then it stops before any call, naming the builder's methods, not the CLI's options
            assertThatThrownBy(() -> idem.evaluation(spec).run())
                    .hasMessageContaining("pass .allowCode(true)")
                    .hasMessageContaining("or pass .skipUnavailableEvaluators(true) to report it as skipped")
                    .hasMessageNotContaining("--");
            assertThat(answerer.calls()).isZero();
            EvaluationResult skipped = idem.evaluation(spec).skipUnavailableEvaluators(true).run();
            assertThat(skipped.cases().get(0).status()).isEqualTo(CaseStatus.SKIPPED);
            EvaluationResult ran = idem.evaluation(spec).allowCode(true).run();
            assertThat(ran.cases().get(0).status()).as(ran.cases().get(0).toString()).isEqualTo(CaseStatus.PASSED);
        }
    }
}
