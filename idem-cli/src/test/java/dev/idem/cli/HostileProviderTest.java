package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
}
