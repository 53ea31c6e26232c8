package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refusal of the credentials names where they are set, as the provider itself declares it. */
class CredentialsHintCliTest {

    @TempDir
    Path work;

    private Path spec() throws Exception {
        return Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n"
                + "    content: \"{{x}}\"\n");
    }

    @Test
    void should_name_the_secret_setting_the_provider_declares() throws Exception {
        // when a provider whose key setting no CLI code knows refuses it
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "run", spec().toString(), "--var", "x=hi",
                "--provider", LockedGatewayProvider.ID);

        // then (before: "e.g. OPENAI_API_KEY", the fallback for any provider it did not list)
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("idem: error: locked refused the credentials: 401 the token is not valid "
                + "(check the API key, e.g. " + LockedGatewayProvider.KEY + ")" + System.lineSeparator());
    }

    @Test
    void should_point_at_the_proxy_of_a_provider_without_a_key_setting() throws Exception {
        // given an Ollama server behind a proxy that wants credentials
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setResponseCode(401).setBody("unauthorized"));
            server.start();

            // when
            Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:", "OLLAMA_BASE_URL",
                    server.url("/").toString()), "run", spec().toString(), "--var", "x=hi", "--provider", "ollama",
                    "--model", "llama3.1");

            // then
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("(check the API key, e.g. the proxy in front of OLLAMA_BASE_URL)");
        }
    }
}
