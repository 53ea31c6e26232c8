package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when a provider fails: the real clients against a server speaking OpenAI's protocol. */
class ProviderFailuresTest {

    private static final String FLAGSHIP = "prompts/idempotency-architect.prompt.yml";
    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"**ABSENT → IN_PROGRESS** Idempotency key\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";

    @RegisterExtension
    final LocalHttpServer server = new LocalHttpServer();

    @TempDir
    Path work;

    private Result run(Map<String, String> env, String... extra) {
        String[] args = new String[6 + extra.length];
        args[0] = "run";
        args[1] = FLAGSHIP;
        args[2] = "--var";
        args[3] = "system_context=REST and Kafka";
        args[4] = "--var";
        args[5] = "failure_scenarios=timeouts";
        System.arraycopy(extra, 0, args, 6, extra.length);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("IDEM_STORE", "sqlite:" + work.resolve("store.db"));
        return CliRunner.run(CliRunner.ROOT, all, args);
    }

    private Map<String, String> openAi(String key) {
        return Map.of("OPENAI_API_KEY", key, "OPENAI_BASE_URL", server.url("/v1").toString());
    }

    @Test
    void should_exit_3_with_a_one_line_hint_when_the_key_is_wrong() {
        // given
        server.enqueue(new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-wrong.\",\"type\":"
                        + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
        // when
        Result r = run(openAi("sk-wrong-PLANTED-123"), "--provider", "openai");
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: ").contains("OPENAI_API_KEY").doesNotContain("PLANTED");
        assertThat(server.getRequestCount()).as("never retried").isEqualTo(1);
    }

    @Test
    void should_succeed_through_retries_when_the_provider_is_flaky() {
        // given
        server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":{\"message\":\"boom\"}}"));
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "0")
                .setBody("{\"error\":{\"message\":\"slow down\"}}"));
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(OK_BODY));
        // when
        Result r = run(openAi("sk-test"), "--provider", "openai");
        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("**ABSENT → IN_PROGRESS**");
        assertThat(r.err()).contains("3 attempts");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void should_give_up_after_the_allowed_attempts_and_exit_3() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":{\"message\":\"down\"}}"));
        }
        Result r = run(openAi("sk-test"), "--provider", "openai", "--max-attempts", "3");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("after 3 attempts");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void should_exit_3_naming_the_url_when_ollama_is_unreachable() throws Exception {
        // given a port nobody listens on
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        // when
        Result r = run(Map.of("OLLAMA_BASE_URL", "http://127.0.0.1:" + closed), "--provider", "ollama",
                "--max-attempts", "2");
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("http://127.0.0.1:" + closed).doesNotContain("\tat ");
    }

    @Test
    void should_suggest_model_and_list_the_servers_models_when_ollama_lacks_the_spec_model() {
        // given an Ollama server without gpt-4o
        server.enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":\"model 'gpt-4o' not found, try pulling it first\"}"));
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody("{\"models\":[{\"name\":\"llama3.1:latest\",\"model\":\"llama3.1:latest\"}]}"));
        // when
        Result r = run(Map.of("OLLAMA_BASE_URL", server.url("/").toString().replaceAll("/$", "")),
                "--provider", "ollama");
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("gpt-4o").contains("llama3.1").contains("--model");
    }
}
