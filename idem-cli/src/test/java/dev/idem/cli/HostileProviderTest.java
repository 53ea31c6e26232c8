package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the attack round of issue 8 did to the provider side, end to end through the CLI, the real langchain4j
 * clients and a SQLite store, against real HTTP servers that answer as a hostile or misconfigured server would.
 */
class HostileProviderTest {

    private static final String FLAGSHIP = "prompts/idempotency-architect.prompt.yml";

    private final MockWebServer serverA = new MockWebServer();
    private final MockWebServer serverB = new MockWebServer();

    @TempDir
    Path work;

    @BeforeEach
    void start() throws Exception {
        serverA.start();
        serverB.start();
    }

    @AfterEach
    void stop() throws Exception {
        serverA.shutdown();
        serverB.shutdown();
    }

    private Result run(Map<String, String> env, String... extra) {
        String[] args = new String[6 + extra.length];
        args[0] = "run";
        args[1] = FLAGSHIP;
        args[2] = "--var";
        args[3] = "system_context=REST and Kafka";
        args[4] = "--var";
        args[5] = "failure_scenarios=timeouts";
        System.arraycopy(extra, 0, args, 6, extra.length);
        Map<String, String> all = new HashMap<>(env);
        all.put("IDEM_STORE", "sqlite:" + work.resolve("store.db"));
        return CliRunner.run(CliRunner.ROOT, all, args);
    }

    private static Map<String, String> openAiAt(MockWebServer server) {
        return Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", server.url("/v1").toString());
    }

    /** What a second attempt would get: a regression that retries an empty reply then fails at once. */
    private static final MockResponse REJECTION = new MockResponse().setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"error\":{\"message\":\"no second attempt expected\",\"type\":\"invalid_request_error\"}}");

    static MockResponse completion(String content, String finishReason) {
        String text = content == null ? "null" : "\"" + content + "\"";
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + text
                        + ",\"refusal\":null},\"finish_reason\":\"" + finishReason + "\"}],"
                        + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}");
    }

    @Test
    void should_ask_the_second_server_instead_of_replaying_the_first_ones_answer_when_the_base_url_changes() {
        // given a reply from server A in the store
        serverA.enqueue(completion("answer of server A", "stop"));
        serverB.enqueue(completion("answer of server B", "stop"));
        Result fromA = run(openAiAt(serverA), "--provider", "openai");
        // when the same run points at server B
        Result fromB = run(openAiAt(serverB), "--provider", "openai");
        Result fromAAgain = run(openAiAt(serverA), "--provider", "openai");
        // then
        assertThat(fromA.code()).as(fromA.toString()).isZero();
        assertThat(fromB.code()).as(fromB.toString()).isZero();
        assertThat(fromB.out()).contains("answer of server B");
        assertThat(fromB.err()).doesNotContain("replayed");
        assertThat(serverB.getRequestCount()).isEqualTo(1);
        assertThat(fromAAgain.out()).as("server A's answer is still in the store").contains("answer of server A");
        assertThat(fromAAgain.err()).contains("replayed");
        assertThat(serverA.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_keep_the_credentials_of_a_base_url_out_of_stderr_reports_and_the_store() throws Exception {
        // given a base URL with a password and a key, at a server that rejects the call and echoes the URL
        String planted = "http://alice:PW-PLANTED-1@127.0.0.1:" + serverA.getPort() + "/v1?api-key=Q-PLANTED-2";
        for (int i = 0; i < 2; i++) {
            serverA.enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                    .setBody("{\"error\":{\"message\":\"Invalid URL (POST " + planted + "/chat/completions)\","
                            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));
        }
        Path spec = Files.writeString(work.resolve("tiny.prompt.yml"), TINY_SPEC);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", planted,
                "IDEM_STORE", "sqlite:" + work.resolve("store.db"));
        // when
        Result eval = CliRunner.run(work, env, "eval", spec.toString(), "--provider", "openai",
                "--report-json", "r.json", "--report-html", "r.html", "--report-md", "r.md",
                "--report-junit", "r.xml");
        Result again = CliRunner.run(work, env, "eval", spec.toString(), "--provider", "openai", "--report-json",
                "again.json");
        Result run = CliRunner.run(work, env, "run", spec.toString(), "--var", "word=hello", "--provider", "openai",
                "--no-cache", "--max-attempts", "1");
        Result providers = CliRunner.run(work, env, "providers");
        // then
        assertThat(eval.code()).as(eval.toString()).isNotZero();
        assertThat(Files.readString(work.resolve("r.json"))).contains("127.0.0.1:" + serverA.getPort()
                + "/v1?api-key=***");
        assertThat(providers.out()).contains("OPENAI_BASE_URL").contains("/v1?api-key=***");
        for (Result r : List.of(eval, again, run, providers)) {
            assertThat(r.out() + r.err()).as(r.toString()).doesNotContain("PW-PLANTED").doesNotContain("Q-PLANTED")
                    .doesNotContain("alice");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(work)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("store.db", "r.json", "r.html");
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain("PW-PLANTED").doesNotContain("Q-PLANTED");
        }
    }

    @Test
    void should_store_an_empty_reply_once_and_show_why_it_is_empty() {
        // given a reasoning model that spent every token thinking: a valid, paid, empty completion
        serverA.enqueue(completion(null, "length"));
        serverA.enqueue(REJECTION);
        // when
        Result first = run(openAiAt(serverA), "--provider", "openai", "--format", "json");
        Result second = run(openAiAt(serverA), "--provider", "openai");
        // then
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("\"output\": \"\"").contains("\"finishReason\": \"length\"");
        assertThat(first.err()).contains("1 attempt,").contains("finish reason length").contains("empty reply");
        assertThat(second.code()).as(second.toString()).isZero();
        assertThat(second.err()).contains("replayed").contains("finish reason length");
        assertThat(serverA.getRequestCount()).as("paid once, not five times").isEqualTo(1);
    }

    @Test
    void should_judge_an_empty_reply_and_report_its_finish_reason() throws Exception {
        // given
        serverA.enqueue(completion("", "stop"));
        serverA.enqueue(REJECTION);
        Path spec = Files.writeString(work.resolve("tiny.prompt.yml"), TINY_SPEC);
        Map<String, String> env = new HashMap<>(openAiAt(serverA));
        env.put("IDEM_STORE", "sqlite:" + work.resolve("store.db"));
        // when
        Result eval = CliRunner.run(work, env, "eval", spec.toString(), "--provider", "openai", "--report-json",
                "r.json");
        // then
        assertThat(eval.code()).as(eval.toString()).isEqualTo(1);
        String report = Files.readString(work.resolve("r.json"));
        assertThat(report).contains("\"status\": \"failed\"").contains("\"finishReason\": \"stop\"")
                .contains("\"evaluatorName\": \"says-hello\"").contains("\"modelResponse\": \"\"");
        assertThat(serverA.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_fail_in_one_line_without_retrying_when_a_reply_is_larger_than_the_limit() {
        // given
        serverA.enqueue(completion("x".repeat(200_000), "stop"));
        Map<String, String> env = new HashMap<>(openAiAt(serverA));
        env.put("IDEM_MAX_RESPONSE_BYTES", "64k");
        // when
        Result r = run(env, "--provider", "openai");
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: openai: OpenAI at ").contains("64 KiB")
                .contains("IDEM_MAX_RESPONSE_BYTES").doesNotContain("Exception");
        assertThat(serverA.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_refuse_a_reply_size_limit_that_is_no_size_before_any_call() {
        // given
        Map<String, String> env = new HashMap<>(openAiAt(serverA));
        env.put("IDEM_MAX_RESPONSE_BYTES", "lots");
        // when
        Result r = run(env, "--provider", "openai");
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("IDEM_MAX_RESPONSE_BYTES").contains("'lots'");
        assertThat(serverA.getRequestCount()).isZero();
    }

    @Test
    void should_exit_3_saying_azure_needs_https_when_the_endpoint_is_plain_http() {
        // when
        Result r = run(Map.of("AZURE_OPENAI_ENDPOINT", "http://alice:pw-1234@res.openai.azure.com",
                "AZURE_OPENAI_API_KEY", "k-123456"), "--provider", "azure-openai");
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("misconfigured").contains("AZURE_OPENAI_ENDPOINT must be an https URL")
                .contains("'http://res.openai.azure.com'").doesNotContain("pw-1234").doesNotContain("internal");
    }

    @Test
    void should_name_an_error_object_sent_with_status_200_instead_of_a_java_exception() {
        // given
        for (int i = 0; i < 2; i++) {
            serverA.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody("{\"error\":{\"message\":\"The upstream model crashed\",\"type\":\"server_error\","
                            + "\"param\":null,\"code\":\"upstream_error\"}}"));
        }
        // when
        Result r = run(openAiAt(serverA), "--provider", "openai", "--max-attempts", "2");
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("answered with an error instead of a completion")
                .contains("The upstream model crashed").doesNotContain("NullPointerException")
                .doesNotContain("java.");
        assertThat(serverA.getRequestCount()).as("retried: a proxy's error may pass").isEqualTo(2);
    }

    private static final String TINY_SPEC = """
            name: tiny
            model: gpt-4o
            messages:
              - role: user
                content: "Say {{word}}"
            testData:
              - word: hello
            evaluators:
              - name: says-hello
                string:
                  contains: hello
            """;
}
