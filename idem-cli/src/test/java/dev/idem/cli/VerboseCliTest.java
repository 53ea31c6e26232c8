package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verbose}: each model request, against a server speaking OpenAI's protocol, with no secret shown. */
class VerboseCliTest {

    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";

    @RegisterExtension
    final LocalHttpServer server = new LocalHttpServer();

    @TempDir
    Path work;

    private Result run(String... extra) throws Exception {
        java.nio.file.Files.writeString(work.resolve("hi.prompt.yml"), "name: hi\nmodel: gpt-4o-mini\nmessages:\n"
                + "  - role: user\n    content: \"say {{word}}\"\n");
        String planted = "http://alice:PW-PLANTED-1@127.0.0.1:" + server.getPort() + "/v1";
        List<String> args = new java.util.ArrayList<>(List.of("run", "hi.prompt.yml", "--var", "word=hello",
                "--provider", "openai"));
        args.addAll(List.of(extra));
        return CliRunner.run(work, Map.of("IDEM_STORE", "sqlite:" + work.resolve("store.db"), "OPENAI_API_KEY",
                "sk-PLANTED-KEY-2", "OPENAI_BASE_URL", planted), args.toArray(String[]::new));
    }

    @Test
    void should_show_each_request_with_its_endpoint_model_outcome_and_time_without_secrets() throws Exception {
        // given a server that fails once, then answers
        server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":{\"message\":\"overloaded\"}}"));
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(OK_BODY));

        // when
        Result r = run("--verbose");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hello" + System.lineSeparator());
        List<String> requests = r.err().lines().filter(l -> l.startsWith("idem: request ")).toList();
        String endpoint = "idem: request openai (baseUrl=http://127.0.0.1:" + server.getPort() + "/v1) model "
                + "gpt-4o-mini, attempt ";
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith(endpoint + "1: failed in ").contains(" ms: ").contains("503")
                .contains("; retrying in ");
        assertThat(requests.get(1)).startsWith(endpoint + "2: ok in ")
                .endsWith(" ms, answered by gpt-4o-mini-2024-07-18");
        assertThat(r.err()).doesNotContain("PW-PLANTED").doesNotContain("alice").doesNotContain("sk-PLANTED");
    }

    @Test
    void should_show_no_request_for_a_replay_and_none_without_verbose() throws Exception {
        // given
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(OK_BODY));

        // when
        Result first = run();
        Result replayed = run("-v");

        // then
        assertThat(first.err()).doesNotContain("idem: request");
        assertThat(replayed.err()).doesNotContain("idem: request").contains("replayed from the store");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_say_which_store_is_used_with_verbose() throws Exception {
        // given
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(OK_BODY));

        // when
        Result r = run("--verbose");

        // then
        assertThat(r.err()).contains("idem: store sqlite:" + work.resolve("store.db"));
    }

    @Test
    void should_refuse_quiet_and_verbose_together() {
        // when
        Result r = CliRunner.run(work, Map.of(), "providers", "--quiet", "--verbose");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: --quiet and --verbose exclude each other "
                + "(see 'idem providers --help')" + System.lineSeparator());
    }
}
