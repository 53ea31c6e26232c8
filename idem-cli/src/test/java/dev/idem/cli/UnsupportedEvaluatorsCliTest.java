package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluators idem cannot check at all load as unsupported: validate accepts the spec and says why for each; eval
 * stops before any call naming the option that skips them, and with it reports them as SKIPPED everywhere.
 */
class UnsupportedEvaluatorsCliTest {

    private static final String SPEC = """
            name: scripted
            messages:
              - role: user
                content: "Write a backup script for {{directory}}"
            testData:
              - directory: /srv/data
            evaluators:
              - name: formulas
                type: latex
                criteria: Formulas are valid LaTeX.
              - sudo
            """;

    @RegisterExtension
    final LocalHttpServer server = new LocalHttpServer();

    @TempDir
    Path work;

    @BeforeEach
    void writeSpec() throws Exception {
        Files.writeString(work.resolve("scripted.prompt.yml"), SPEC);
    }

    private Result cli(String... args) {
        return CliRunner.run(work, ChatCompletions.environment(server), args);
    }

    @Test
    void should_accept_the_spec_in_validate_warning_about_each_evaluator_it_cannot_check() {
        // when
        Result r = cli("validate", "scripted.prompt.yml");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("ok      scripted.prompt.yml (scripted): 0 errors, 2 warnings");
        assertThat(r.err()).contains("scripted.prompt.yml:8:5: warning: evaluators[0]: evaluator 'formulas': "
                        + "type 'latex' cannot be checked: idem has no LaTeX checker")
                .contains("scripted.prompt.yml:11:5: warning: evaluators[1]: evaluator 'sudo': the bare string "
                        + "'sudo' cannot be checked: idem cannot tell whether the reply must contain it or must not");
    }

    @Test
    void should_exit_2_before_any_call_naming_the_option_that_skips_them() {
        // when
        Result r = cli("eval", "scripted.prompt.yml", "--provider", "openai");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: evaluator 'formulas': type 'latex' cannot be checked")
                .contains("--skip-unavailable-evaluators");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void should_report_them_as_skipped_in_every_report_and_count_the_case_as_skipped_not_passed() throws Exception {
        // given
        server.replyWith("#!/bin/sh\ntar -czf backup.tgz /srv/data");

        // when
        Result r = cli("eval", "scripted.prompt.yml", "--provider", "openai", "--skip-unavailable-evaluators",
                "--report-json", "-", "--report-junit", "junit.xml", "--report-md", "report.md",
                "--report-html", "report.html");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("SKIP ").contains("– formulas").contains("– sudo")
                .contains("1 case was not fully judged");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/idem/skipped").asInt()).isEqualTo(1);
        assertThat(json.at("/idem/passed").asInt()).isZero();
        assertThat(json.at("/testResults/0/status").asText()).isEqualTo("skipped");
        assertThat(json.at("/testResults/0/evaluationResults/0/skipped").asBoolean()).isTrue();
        assertThat(json.at("/testResults/0/evaluationResults/1/details").asText())
                .startsWith("skipped: the bare string 'sudo' cannot be checked");
        assertThat(Files.readString(work.resolve("junit.xml"))).contains("skipped=\"1\"").contains("<skipped ");
        assertThat(Files.readString(work.resolve("report.md"))).contains("| Skipped |").contains("skipped: formulas, sudo");
        assertThat(Files.readString(work.resolve("report.html"))).contains("badge skipped");
    }
}
