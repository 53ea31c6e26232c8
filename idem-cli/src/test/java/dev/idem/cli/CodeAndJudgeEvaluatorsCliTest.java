package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluators that need code or a judge, end to end against a real OpenAI-protocol server and the system's
 * python3: they run only when asked, stop the evaluation before any call otherwise, or show as skipped.
 */
class CodeAndJudgeEvaluatorsCliTest {

    private static final String CODED = """
            name: coded
            messages:
              - role: user
                content: "Summarise the record of {{patient}}"
            testData:
              - patient: Jane Roe
            evaluators:
              - name: no record number
                python: "'MRN' not in output and patient not in output"
            """;

    @RegisterExtension
    final LocalHttpServer server = new LocalHttpServer();

    @TempDir
    Path work;

    @BeforeEach
    void writeSpec() throws Exception {
        Files.writeString(work.resolve("coded.prompt.yml"), CODED);
    }

    private Result cli(String... args) {
        return CliRunner.run(work, ChatCompletions.environment(server), args);
    }

    @Test
    void should_exit_2_naming_allow_code_before_any_call_when_code_is_not_allowed() {
        // when
        Result r = cli("eval", "coded.prompt.yml", "--provider", "openai");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: ").contains("evaluator 'no record number' runs Python code")
                .contains("--allow-code");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void should_run_the_python_check_on_each_reply_with_allow_code() throws Exception {
        // given a reply that keeps the record's secrets out, then one that leaks them
        server.replyWith("A patient record, summarised.");

        // when
        Result clean = cli("eval", "coded.prompt.yml", "--provider", "openai", "--allow-code", "--no-cache");
        server.replyWith("Jane Roe, MRN 123");
        Result leaked = cli("eval", "coded.prompt.yml", "--provider", "openai", "--allow-code", "--no-cache");

        // then
        assertThat(clean.code()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("PASS ").contains("| 1/1 ");
        assertThat(leaked.code()).as(leaked.toString()).isEqualTo(1);
        assertThat(leaked.out()).contains("FAIL ").contains("✗ no record number: python check returned False");
    }

    @Test
    void should_show_skipped_evaluators_in_console_and_reports_and_never_exit_0_for_them() throws Exception {
        // given
        server.replyWith("A patient record, summarised.");

        // when
        Result r = cli("eval", "coded.prompt.yml", "--provider", "openai", "--skip-unavailable-evaluators",
                "--report-json", "-", "--report-junit", "junit.xml");

        // then the console (on stderr, since the JSON report is on stdout) and both reports say skipped
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("SKIP ").contains("– no record number")
                .contains("| passed    | failed | errors | skipped |").contains("| 0/1       |")
                .contains("1 case was not fully judged");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/idem/skipped").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/passedTests").asInt()).isZero();
        assertThat(json.at("/testResults/0/status").asText()).isEqualTo("skipped");
        assertThat(Files.readString(work.resolve("junit.xml"))).contains("skipped=\"1\"").contains("<skipped ");
    }

    @Test
    void should_validate_a_spec_with_python_noting_that_eval_needs_allow_code() {
        // when
        Result r = cli("validate", "coded.prompt.yml");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("ok      coded.prompt.yml (coded): 0 errors, 1 warning");
        assertThat(r.err()).contains("coded.prompt.yml:8:5: warning: evaluators[0]: evaluator 'no record number' "
                + "runs Python code: eval runs it only with --allow-code");
    }

    @Test
    void should_judge_a_rule_with_the_judge_and_pass_on_its_exact_answer() throws Exception {
        // given a rule in English, judged by the evaluation's own provider
        Files.writeString(work.resolve("ruled.prompt.yml"), """
                name: ruled
                messages:
                  - role: user
                    content: Design a payment ledger.
                testData:
                  - name: only
                evaluators:
                  - rule: Output must contain a Retry Policy section
                """);
        server.replyWith("## Retry Policy\nbackoff");
        server.replyWith("The reply has the section.\npass");

        // when
        Result r = cli("eval", "ruled.prompt.yml", "--provider", "openai", "--model", "gpt-4o");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("PASS   only").contains("| 1/1 ");
        server.takeRequest();
        RecordedRequest judged = server.takeRequest();
        String sent = new ObjectMapper().readTree(judged.getBody().readUtf8()).at("/messages/0/content").asText();
        assertThat(sent).contains("CRITERION:\nOutput must contain a Retry Policy section")
                .contains("REPLY:\n## Retry Policy")
                .endsWith("Answer with exactly one of: pass, fail. Write that answer alone on the last line.");
    }
}
