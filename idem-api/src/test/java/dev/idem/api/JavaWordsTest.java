package dev.idem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.template.InvalidInputException;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.InspectStoreUseCase.InspectStoreCommand;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.StoreUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that tells its reader what to change says it in the words of the Java API ({@code .model("…")},
 * {@code .provider("…")}), never with a command-line flag the caller does not have. (The CLI keeps its flags: its
 * own tests check those.)
 */
class JavaWordsTest {

    @TempDir
    Path work;

    @Test
    void should_ask_for_another_model_with_the_builder_when_ollama_lacks_the_one_asked_for() throws Exception {
        // given an Ollama server that has llama3 but not gpt-4o
        try (MockWebServer ollama = new MockWebServer()) {
            ollama.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if ("/api/tags".equals(request.getPath())) {
                        return json(200, "{\"models\":[{\"name\":\"llama3:latest\",\"model\":\"llama3:latest\","
                                + "\"modified_at\":\"2024-05-01T10:00:00Z\",\"size\":4661224676,\"digest\":\"365c\","
                                + "\"details\":{\"format\":\"gguf\",\"family\":\"llama\"}}]}");
                    }
                    return json(404, "{\"error\":\"model 'gpt-4o' not found, try pulling it first\"}");
                }
            });
            ollama.start();

            try (Idem idem = Idem.builder().ignoreEnvironment().provider("ollama")
                    .setting("OLLAMA_BASE_URL", ollama.url("/").toString()).build()) {
                // when the spec's model is asked for
                // then
                assertThatThrownBy(() -> idem.run(spec(), Map.of("x", "hi")))
                        .isInstanceOf(ExecutionFailedException.class)
                        .hasRootCauseInstanceOf(ModelNotFoundException.class)
                        .hasMessageContaining("(it has: llama3:latest); pick one with .model(\"…\")")
                        .hasMessageNotContaining("--");
            }
        }
    }

    @Test
    void should_name_the_providers_with_the_builder_when_the_built_in_architect_gets_another_spec() throws Exception {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            assertThatThrownBy(() -> idem.run(spec(), Map.of("x", "hi")))
                    .hasMessageContaining("use .provider(\"openai\"), .provider(\"azure-openai\") or "
                            + ".provider(\"ollama\") for other specs")
                    .hasMessageNotContaining("--");
        }
    }

    @Test
    void should_ask_for_a_judge_with_the_builder_when_a_judged_spec_runs_on_the_built_in_architect() throws Exception {
        // given a spec with an llm judge, evaluated on the built-in provider without a judge
        Path judged = Files.writeString(work.resolve("judged.prompt.yml"), "name: judged\nmodel: gpt-4o\n"
                + "messages:\n  - role: user\n    content: \"{{x}}\"\ntestData:\n  - x: hi\nevaluators:\n"
                + "  - name: polite\n    llm:\n      modelId: gpt-4o\n      prompt: \"Is {{completion}} polite?\"\n"
                + "      choices:\n        - choice: \"yes\"\n          score: 1\n        - choice: \"no\"\n"
                + "          score: 0\n");
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            // when / then
            assertThatThrownBy(() -> idem.evaluate(judged))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("pass .judge(provider, model) to the evaluation")
                    .hasMessageNotContaining("--");
        }
    }

    @Test
    void should_ask_for_another_store_with_the_builder_when_the_sqlite_path_is_a_directory() {
        try (Idem idem = Idem.builder().ignoreEnvironment().store("sqlite:" + work).build()) {
            assertThatThrownBy(() -> idem.storeInspector().inspect(new InspectStoreCommand()))
                    .isInstanceOf(InvalidStoreUriException.class)
                    .hasMessageContaining("(point .store(\"…\") at a file, e.g. sqlite:.idem/store.db)")
                    .hasMessageNotContaining("--");
        }
    }

    @Test
    void should_ask_for_another_store_with_the_builder_when_redis_is_not_there() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (Idem idem = Idem.builder().ignoreEnvironment().store("redis://127.0.0.1:" + closed + "/0").build()) {
            assertThatThrownBy(() -> idem.storeInspector().inspect(new InspectStoreCommand()))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageEndingWith("(start redis-server or fix .store(\"…\"))");
        }
    }

    private Path spec() throws Exception {
        return Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmodel: gpt-4o\nmessages:\n"
                + "  - role: user\n    content: \"{{x}}\"\n");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
