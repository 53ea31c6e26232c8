package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poisoned reply, spec or server cannot steer the user's terminal: OSC 52 (clipboard), OSC 0 (window title),
 * ESC[2J (clear), an 8-bit CSI and a right-to-left override reach a person escaped; data for programs stays raw.
 * Replies come from a real server speaking OpenAI's (or Ollama's) protocol.
 */
class TerminalInjectionTest {

    private static final String HOSTILE = "\u001b]52;c;aGVsbG8=\u0007before\u001b]0;pwned\u0007\u001b[2J"
            + "\u009b31mred\u202Eevil\r\nafter";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LocalHttpServer server = new LocalHttpServer();

    @TempDir
    Path work;

    private Map<String, String> openAi() {
        return ChatCompletions.environment(server);
    }

    private Path spec(String yaml) throws Exception {
        return Files.writeString(work.resolve("s.prompt.yml"), yaml);
    }

    /** The characters a terminal may obey: C0 but newline and tab, DEL, C1, line separators, bidi controls. */
    private static boolean steersTerminal(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static void assertSafe(String shown) {
        assertThat(shown.chars().filter(c -> steersTerminal((char) c)).mapToObj(c -> String.format("U+%04X", c)))
                .as("characters that steer a terminal in:%n%s", shown).isEmpty();
    }

    @Test
    void should_show_a_reply_escaped_when_stdout_is_a_terminal() throws Exception {
        // given
        server.replyWith(HOSTILE);
        spec("name: s\nmessages:\n  - role: user\n    content: hi\n");

        // when
        Result r = CliRunner.runOnTerminal(work, openAi(), "run", "s.prompt.yml", "--provider", "openai");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertSafe(r.out());
        assertSafe(r.err());
        assertThat(r.out()).contains("\\u001b]52;c;aGVsbG8=\\u0007before").contains("\\u001b[2J")
                .contains("\\u202eevil").contains("after");
    }

    @Test
    void should_print_the_reply_exactly_into_a_pipe() throws Exception {
        // given
        server.replyWith(HOSTILE);
        spec("name: s\nmessages:\n  - role: user\n    content: hi\n");

        // when
        Result r = CliRunner.run(work, openAi(), "run", "s.prompt.yml", "--provider", "openai");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(HOSTILE + System.lineSeparator());
    }

    @Test
    void should_print_the_reply_exactly_on_a_terminal_when_asked_with_raw() throws Exception {
        // given
        server.replyWith(HOSTILE);
        spec("name: s\nmessages:\n  - role: user\n    content: hi\n");

        // when
        Result r = CliRunner.runOnTerminal(work, openAi(), "run", "s.prompt.yml", "--provider", "openai", "--raw");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(HOSTILE + System.lineSeparator());
    }

    @Test
    void should_keep_json_output_valid_and_equal_while_escaping_it_for_the_terminal() throws Exception {
        // given
        server.replyWith(HOSTILE);
        spec("name: s\nmessages:\n  - role: user\n    content: hi\n");

        // when
        Result r = CliRunner.runOnTerminal(work, openAi(), "run", "s.prompt.yml", "--provider", "openai",
                "--format", "json");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertSafe(r.out());
        assertThat(JSON.readTree(r.out()).path("output").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void should_escape_spec_names_evaluator_names_labels_and_reply_excerpts_in_the_eval_console() throws Exception {
        // given a spec whose names carry escape sequences (YAML's "\e" is ESC), and a poisoned reply
        server.replyWith(HOSTILE);
        spec("name: \"spec\\e]0;title\\a\"\nmessages:\n  - role: user\n    content: \"{{x}}\"\n"
                + "testData:\n  - name: \"row\\e[2J\"\n    x: hi\n"
                + "evaluators:\n  - name: \"check\\e]52;c;eA==\\a\"\n    string:\n      contains: \"nowhere\"\n");

        // when
        Result r = CliRunner.run(work, openAi(), "eval", "s.prompt.yml", "--provider", "openai");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertSafe(r.out());
        assertSafe(r.err());
        assertThat(r.out()).contains("spec\\u001b]0;title\\u0007").contains("row\\u001b[2J")
                .contains("check\\u001b]52;c;eA==\\u0007").contains("\\u001b]52;c;aGVsbG8=");
    }

    @Test
    void should_keep_an_error_naming_server_supplied_models_on_one_escaped_line() {
        // given an Ollama server without the model, whose model names carry control sequences and a newline
        server.enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":\"model 'gpt-4o' not found, try pulling it first\"}"));
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody("{\"models\":[{\"name\":\"llama\\u001b]0;owned\\u0007:latest\"},"
                        + "{\"name\":\"evil\\nidem: error: forged second line\\u001b[2J\"}]}"));
        Map<String, String> env = Map.of("OLLAMA_BASE_URL", server.url("/").toString().replaceAll("/$", ""),
                "IDEM_STORE", "memory:");

        // when
        Result r = CliRunner.run(CliRunner.ROOT, env, "run", "prompts/idempotency-architect.prompt.yml",
                "--var", "system_context=a", "--var", "failure_scenarios=b", "--provider", "ollama");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertSafe(r.err());
        assertThat(r.err()).startsWith("idem: error: ").contains("llama\\u001b]0;owned\\u0007");
    }

    @Test
    void should_escape_a_hostile_argument_echoed_in_a_usage_error() {
        // when
        Result r = CliRunner.run(work, "render", "x.prompt.yml", "--bogus\u001b]0;t\u0007\nidem: forged");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertSafe(r.err());
    }
}
