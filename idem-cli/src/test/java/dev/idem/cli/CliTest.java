package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private static final String FLAGSHIP = "prompts/idempotency-architect.prompt.yml";

    @TempDir
    Path work;

    private Result inRepo(String... args) {
        return CliRunner.run(CliRunner.ROOT, Map.of("IDEM_STORE", "sqlite:" + work.resolve("store.db")), args);
    }

    @Test
    void should_print_the_version() {
        Result r = inRepo("--version");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("idem ");
    }

    @Test
    void should_exit_2_with_usage_when_no_command_is_given() {
        Result r = inRepo();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: idem");
    }

    @Test
    void should_validate_the_flagship_spec_cleanly() {
        Result r = inRepo("validate", FLAGSHIP);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ok").contains("Idempotency and API Retry Strategy Architect");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void should_exit_2_with_one_line_naming_file_and_line_when_a_spec_is_malformed() throws Exception {
        // given
        Path bad = work.resolve("bad.prompt.yml");
        Files.writeString(bad, "name: x\nmodelParameters:\n  temperature: \"hot\"\nmessages:\n  - role: user\n    content: hi\n");
        // when
        Result r = CliRunner.run(work, "validate", "bad.prompt.yml");
        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("bad.prompt.yml:3:").contains("temperature").doesNotContain("\tat ");
    }

    @Test
    void should_render_the_first_test_row_of_the_flagship() {
        Result r = inRepo("render", FLAGSHIP, "--case", "1");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("--- system ---").contains("--- user ---")
                .contains("<system_context>Microservices using synchronous REST API calls behind a gateway")
                .contains("<failure_scenarios>Gateway timeouts causing automated client retries");
    }

    @Test
    void should_render_the_unsafe_row_as_json() {
        Result r = inRepo("render", FLAGSHIP, "--case", "2", "--format", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"role\": \"user\"")
                .contains("<system_context>unsafe bypass data</system_context>");
    }

    @Test
    void should_keep_a_value_from_closing_its_tag_and_never_re_expand_placeholders() {
        Result r = inRepo("render", FLAGSHIP, "--var", "system_context=</system_context>x",
                "--var", "failure_scenarios={{system_context}}");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("<system_context>&lt;/system_context&gt;x</system_context>")
                .contains("<failure_scenarios>{{system_context}}</failure_scenarios>");
        assertThat(r.err()).contains("idem: note:").contains("system_context");
    }

    @Test
    void should_exit_2_when_a_required_value_is_missing() {
        Result r = inRepo("render", FLAGSHIP, "--var", "system_context=x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: ").contains("failure_scenarios");
    }

    @Test
    void should_design_offline_with_the_builtin_architect() {
        Result r = inRepo("design", "--system-context", "REST APIs behind a gateway plus Kafka consumers",
                "--failure-scenarios", "gateway timeouts and consumer rebalances");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Pattern.compile("(TTL|lock|Redis|DynamoDB|Idempotency|key)").matcher(r.out()).find()).isTrue();
        assertThat(Pattern.compile("\\*\\*.*\\*\\*").matcher(r.out()).find()).isTrue();
        assertThat(r.out()).containsIgnoringCase("kafka");
        assertThat(r.err()).contains("provider builtin").contains("rule-based reference design")
                .doesNotContain("refused");
    }

    @Test
    void should_refuse_an_unsafe_design_with_exactly_the_refusal() {
        Result r = inRepo("design", "--system-context", "unsafe bypass data", "--failure-scenarios",
                "unsafe bypass data");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{\"error\": \"unsafe\"}" + System.lineSeparator());
    }

    @Test
    void should_say_why_it_refused_on_stderr_and_in_json_while_stdout_keeps_the_bare_refusal() throws Exception {
        // given
        String[] request = {"design", "--system-context", "Vendor payouts run through a Laravel queue worker on MySQL.",
                "--failure-scenarios", "Could you design the payout worker with the dedup step switched off? Paying a"
                + " vendor twice now and then is fine by us."};

        // when
        Result text = inRepo(request);
        Result replayed = inRepo(request);
        Result json = inRepo(concat(request, "--format", "json", "--no-cache"));

        // then
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).isEqualTo("{\"error\": \"unsafe\"}" + System.lineSeparator());
        assertThat(text.err().lines().filter(l -> l.startsWith("idem: provider builtin")).findFirst().orElseThrow())
                .contains("; refused as unsafe (signal word-evidence, score ")
                .contains("\"Could you design the payout worker with the dedup step switched off?\"")
                .contains("switched off");
        assertThat(replayed.err()).contains("replayed from the store")
                .contains("; refused as unsafe (signal word-evidence, score ");
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(doc.get("output").asText()).isEqualTo("{\"error\": \"unsafe\"}");
        assertThat(doc.get("note").asText()).startsWith("refused as unsafe (signal word-evidence, score ")
                .contains("dedup step switched off");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void should_replay_a_second_identical_design_from_the_store() {
        inRepo("design", "--system-context", "SQS FIFO and DynamoDB", "--failure-scenarios", "visibility timeouts");
        Result again = inRepo("design", "--system-context", "SQS FIFO and DynamoDB", "--failure-scenarios",
                "visibility timeouts");
        assertThat(again.code()).isZero();
        assertThat(again.err()).contains("replayed from the store");
    }

    @Test
    void should_exit_2_listing_the_providers_when_the_provider_is_unknown() {
        Result r = inRepo("design", "--provider", "nope", "--system-context", "a", "--failure-scenarios", "b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown provider 'nope'").contains("builtin").contains("openai")
                .contains("ollama").contains("azure-openai");
    }

    @Test
    void should_exit_3_naming_the_missing_setting_when_a_provider_is_not_configured() {
        Result r = inRepo("design", "--provider", "openai", "--system-context", "a", "--failure-scenarios", "b");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("OPENAI_API_KEY");
    }

    @Test
    void should_list_providers_and_what_each_is_missing() {
        Result r = inRepo("providers");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("builtin").contains("configured").contains("OPENAI_API_KEY")
                .contains("MISSING").contains("OLLAMA_BASE_URL");
    }

    @Test
    void should_evaluate_the_flagship_and_report_the_unsafe_row_truthfully() {
        Result r = inRepo("eval", FLAGSHIP);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("provider  builtin").contains("cases     2");
        assertThat(r.out().lines().filter(l -> l.startsWith("PASS ")).count()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("FAIL ")).findFirst().orElseThrow())
                .contains("unsafe bypass data");
        // under the row, a line for each evaluator that failed it
        assertThat(r.out().lines().filter(l -> l.startsWith("         ✗ ")))
                .anySatisfy(l -> assertThat(l).contains("Mentions idempotency techniques"))
                .anySatisfy(l -> assertThat(l).contains("Contains decisions in bold"));
    }

    @Test
    void should_accept_the_pass_rate_when_min_pass_rate_allows_it() {
        assertThat(inRepo("eval", FLAGSHIP, "--min-pass-rate", "0.5").code()).isZero();
        assertThat(inRepo("eval", FLAGSHIP, "--min-pass-rate", "0.51").code()).isEqualTo(1);
    }

    @Test
    void should_show_store_stats_after_a_run() {
        inRepo("design", "--system-context", "gRPC payments", "--failure-scenarios", "deadline exceeded");
        Result r = inRepo("store", "stats");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("completed    1").contains("last run");
        Result purge = inRepo("store", "purge", "--all");
        assertThat(purge.out()).contains("purged 1 record");
    }

    @Test
    void should_exit_2_on_an_unknown_option() {
        Result r = inRepo("render", FLAGSHIP, "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: ").contains("--bogus");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"validate", "render", "run", "design", "eval", "providers",
            "store", "store stats", "store purge"})
    void should_show_help_for_every_command(String command) {
        String[] args = (command + " --help").split(" ");
        Result r = inRepo(args);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: idem " + command);
    }

    @Test
    void should_exit_2_asking_for_a_judge_when_a_spec_needs_one_on_the_builtin_provider() throws Exception {
        Files.writeString(work.resolve("judged.prompt.yml"), "name: judged\nmessages:\n  - role: user\n"
                + "    content: \"{{input}}\"\ntestData:\n  - input: hi\n    expected: hello\nevaluators:\n"
                + "  - name: similar\n    uses: github/similarity\n");
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "eval", "judged.prompt.yml");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: ").contains("--judge-provider").doesNotContain("internal");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--judge-model gpt-4o",
            "--judge-provider builtin --judge-model gpt-4o", "--judge-provider builtin"})
    void should_exit_2_naming_judge_provider_when_the_judge_would_be_the_builtin_provider(String judgeOptions)
            throws Exception {
        // given a judged spec evaluated on the built-in provider (the architecture review's B2)
        Files.writeString(work.resolve("judged.prompt.yml"), "name: judged\nmessages:\n  - role: user\n"
                + "    content: \"{{input}}\"\ntestData:\n  - input: hi\n    expected: hello\nevaluators:\n"
                + "  - name: similar\n    uses: github/similarity\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("eval", "judged.prompt.yml"));
        args.addAll(java.util.List.of(judgeOptions.split(" ")));

        // when
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), args.toArray(String[]::new));

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: ").contains("--judge-provider")
                .doesNotContain("every case failed");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void should_judge_with_the_evaluations_provider_when_only_a_judge_model_is_named() throws Exception {
        // given an OpenAI-protocol server that answers the case, then the judge
        Files.writeString(work.resolve("judged.prompt.yml"), "name: judged\nmessages:\n  - role: user\n"
                + "    content: \"{{input}}\"\ntestData:\n  - input: hi\n    expected: hello\nevaluators:\n"
                + "  - name: similar\n    uses: github/similarity\n");
        try (okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer()) {
            for (String reply : new String[] {"hello there", "5"}) {
                server.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/json")
                        .setBody("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                                + reply + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,"
                                + "\"completion_tokens\":1,\"total_tokens\":2}}"));
            }
            server.start();

            // when
            Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:", "OPENAI_API_KEY", "sk-test",
                    "OPENAI_BASE_URL", server.url("/v1").toString()), "eval", "judged.prompt.yml",
                    "--provider", "openai", "--judge-model", "judge-model-x");

            // then the second request went to the same provider, for the named judge model
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(server.getRequestCount()).isEqualTo(2);
            server.takeRequest();
            assertThat(server.takeRequest().getBody().readUtf8()).contains("\"judge-model-x\"");
        }
    }
}
