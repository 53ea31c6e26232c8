package dev.idem.cli;

import static dev.idem.cli.CliRunner.FLAGSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates a CI job can trust: an evaluation of nothing, or one whose every case must fail, is never a pass. */
class EvalGatesCliTest {

    @TempDir
    Path work;

    private Result eval(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("IDEM_STORE", "sqlite:" + work.resolve("store.db"));
        String[] command = new String[args.length + 1];
        command[0] = "eval";
        System.arraycopy(args, 0, command, 1, args.length);
        return CliRunner.run(work, all, command);
    }

    @Test
    void should_exit_2_before_any_call_when_the_filter_matches_no_row() {
        // when (before: "cases 0", 100.0% and exit 0, so a typo in a CI filter passed the gate)
        Result r = eval(Map.of(), FLAGSHIP, "--filter", "nomatch", "--report-json", "out.json");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: nothing to evaluate: the filter /nomatch/ matches none of the 2 "
                + "rows (by label or value) of " + FLAGSHIP + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(work.resolve("out.json")).doesNotExist();
    }

    @Test
    void should_exit_2_when_the_spec_has_no_test_rows() throws Exception {
        // given
        Files.writeString(work.resolve("rowless.prompt.yml"), "name: rowless\nmessages:\n  - role: user\n"
                + "    content: hello\n");

        // when
        Result r = eval(Map.of(), "rowless.prompt.yml");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: nothing to evaluate: ").contains("rowless.prompt.yml")
                .contains("has no test rows (testData)");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void should_exit_2_when_the_shard_gets_no_case() {
        // when the flagship's 2 cases are split 3 ways
        Result r = eval(Map.of(), FLAGSHIP, "--shard", "3/3");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: nothing to evaluate: shard 3/3 gets none of the 2 cases (at most 2 "
                + "shards can each get one)" + System.lineSeparator());
    }

    @Test
    void should_stop_at_the_first_case_and_exit_3_when_the_key_is_refused() throws Exception {
        try (CompletionServer server = new CompletionServer()) {
            // given a server that refuses the key, as OpenAI does
            server.failingWith(401, "Incorrect API key provided: sk-wrong.");
            Path spec = CompletionServer.spec(work, 6);

            // when (before: every case was sent and failed, one ERROR row each)
            Result r = eval(server.openAiEnvironment(), spec.toString(), "--provider", "openai", "-j", "1",
                    "--report-json", "out.json");

            // then one request, one line naming the cause and where the key is set, the rest reported as not run
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(server.requests()).isEqualTo(1);
            assertThat(r.err().lines().filter(l -> l.startsWith("idem: error: "))).singleElement().asString()
                    .startsWith("idem: error: openai refused the credentials: ")
                    .contains("Incorrect API key provided: sk-wrong.").contains("OPENAI_API_KEY")
                    .endsWith("; stopped with 5 of 6 cases not run (the summary and reports show the cases that "
                            + "finished)");
            JsonNode report = new ObjectMapper().readTree(work.resolve("out.json").toFile());
            assertThat(report.at("/idem/stopped/cause").asText()).isEqualTo("provider_misconfigured");
            assertThat(report.at("/idem/stopped/notRun").asInt()).isEqualTo(5);
            assertThat(report.at("/summary/passedTests").asInt()).isZero();
            assertThat(report.at("/testResults/0/error").asText()).contains("Incorrect API key provided");
            assertThat(report.at("/testResults/5/error").asText())
                    .startsWith("not run: openai refused the credentials");
        }
    }

    @Test
    void should_stop_after_the_cases_in_flight_and_exit_3_when_the_model_does_not_exist() throws Exception {
        try (CompletionServer server = new CompletionServer()) {
            // given a server without the spec's model
            server.failingWith(404, "The model `gpt-4o` does not exist or you do not have access to it.");
            Path spec = CompletionServer.spec(work, 12);

            // when four cases are in flight at once
            Result r = eval(server.openAiEnvironment(), spec.toString(), "--provider", "openai", "-j", "4");

            // then no case starts after the first refusal: at most the four in flight were sent
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(server.requests()).isBetween(1, 4);
            assertThat(r.err().lines().filter(l -> l.startsWith("idem: error: "))).singleElement().asString()
                    .contains("gpt-4o").contains("does not exist")
                    .endsWith("stopped with " + (12 - server.requests()) + " of 12 cases not run (the summary and "
                            + "reports show the cases that finished)");
        }
    }
}
