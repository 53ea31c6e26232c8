package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
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
 * The CLI's failures keep the command line's words ({@code --model}, environment variables), while the same failures
 * through the Java API speak Java (idem-api's JavaWordsTest): the CLI hands its vocabulary to the composition root.
 */
class CommandLineWordsCliTest {

    @TempDir
    Path work;

    @Test
    void should_tell_to_set_the_variable_when_a_key_is_missing() throws Exception {
        // when OpenAI is chosen without a key
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "run", spec().toString(), "--var", "x=hi",
                "--provider", "openai");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("provider 'openai' is not configured: set OPENAI_API_KEY (see 'idem providers')")
                .doesNotContain(".setting(");
    }

    @Test
    void should_suggest_the_model_option_when_ollama_lacks_the_model() throws Exception {
        // given an Ollama server that has llama3 but not the model asked for
        try (MockWebServer ollama = new MockWebServer()) {
            ollama.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if ("/api/tags".equals(request.getPath())) {
                        return json(200, "{\"models\":[{\"name\":\"llama3:latest\",\"model\":\"llama3:latest\","
                                + "\"modified_at\":\"2024-05-01T10:00:00Z\",\"size\":4661224676,\"digest\":\"365c\","
                                + "\"details\":{\"format\":\"gguf\",\"family\":\"llama\"}}]}");
                    }
                    return json(404, "{\"error\":\"model 'llama3.1' not found, try pulling it first\"}");
                }
            });
            ollama.start();

            // when
            Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:", "OLLAMA_BASE_URL",
                    ollama.url("/").toString()), "run", spec().toString(), "--var", "x=hi", "--provider", "ollama",
                    "--model", "llama3.1");

            // then
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("(it has: llama3:latest); pick one with --model").doesNotContain(".model(");
        }
    }

    private Path spec() throws Exception {
        return Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n"
                + "    content: \"{{x}}\"\n");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
