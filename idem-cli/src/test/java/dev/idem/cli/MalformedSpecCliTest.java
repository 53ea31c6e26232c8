package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad spec exits 2 with one line naming the file and the line or field, never a stack trace. */
class MalformedSpecCliTest {

    private static final String OK_MESSAGES = "messages:\n  - role: user\n    content: \"{{input}}\"\n";

    @TempDir
    Path work;

    static Stream<Arguments> malformed() {
        StringBuilder bomb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        return Stream.of(
                Arguments.of("wrong type for temperature", ("name: x\nmodelParameters:\n  temperature: \"hot\"\n"
                        + OK_MESSAGES).getBytes(StandardCharsets.UTF_8), ":3:", "temperature"),
                Arguments.of("messages not a list", "name: x\nmessages: \"x\"\n".getBytes(StandardCharsets.UTF_8),
                        ":2:", "messages"),
                Arguments.of("bad regex", (OK_MESSAGES + "evaluators:\n  - name: broken\n    type: regex\n"
                        + "    pattern: \"(unclosed\"\n").getBytes(StandardCharsets.UTF_8), ":7:", "broken"),
                Arguments.of("evaluator without kind", (OK_MESSAGES + "evaluators:\n  - name: lonely\n")
                        .getBytes(StandardCharsets.UTF_8), ":5:", "lonely"),
                Arguments.of("unknown role", "messages:\n  - role: wizard\n    content: hi\n"
                        .getBytes(StandardCharsets.UTF_8), ":2:", "role"),
                Arguments.of("YAML syntax error", "messages: [\n  - role: user\n".getBytes(StandardCharsets.UTF_8),
                        ":", "bad.prompt.yml"),
                Arguments.of("alias bomb", bomb.toString().getBytes(StandardCharsets.UTF_8), "", "alias"),
                Arguments.of("file over 2 MiB", ("name: x\n# " + "y".repeat(3 * 1024 * 1024) + "\n" + OK_MESSAGES)
                        .getBytes(StandardCharsets.UTF_8), "", "MiB"),
                Arguments.of("invalid UTF-8", new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'},
                        "", "UTF-8"),
                Arguments.of("binary content", new byte[] {'n', 'a', 'm', 'e', ':', 0, 1, 2, '\n'}, "", "binary"),
                Arguments.of("duplicate variable", ("variables:\n  - name: input\n  - name: input\n" + OK_MESSAGES)
                        .getBytes(StandardCharsets.UTF_8), ":3:", "input"),
                Arguments.of("undeclared placeholder", ("variables:\n  - name: other\n" + OK_MESSAGES)
                        .getBytes(StandardCharsets.UTF_8), ":", "input"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void should_exit_2_with_one_line_naming_file_and_place(String kind, byte[] content, String line,
                                                           String mentions) throws Exception {
        // given
        Files.write(work.resolve("bad.prompt.yml"), content);
        // when
        Result validate = CliRunner.run(work, "validate", "bad.prompt.yml");
        Result render = CliRunner.run(work, "render", "bad.prompt.yml", "--var", "input=x");
        // then
        assertThat(validate.code()).as(validate.toString()).isEqualTo(2);
        // one line for the error; a rejected file's warnings follow it
        assertThat(validate.err().lines().filter(l -> !l.contains(": warning: "))).as(validate.toString()).hasSize(1);
        assertThat(validate.err()).contains("bad.prompt.yml" + line).containsIgnoringCase(mentions)
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(render.code()).as(render.toString()).isEqualTo(2);
        assertThat(render.err().lines()).hasSize(1);
        assertThat(render.err()).startsWith("idem: error: ").contains("bad.prompt.yml");
        assertThat(render.out()).isEmpty();
    }

    @Test
    void should_print_the_warnings_of_a_file_it_rejects() throws Exception {
        // given: the misspelt key may be why the author's spec does not do what they meant
        Files.writeString(work.resolve("bad.prompt.yml"), "modelParameters:\n  temperature: hot\n  max_tokenz: 9\n"
                + OK_MESSAGES);

        // when
        Result validate = CliRunner.run(work, "validate", "bad.prompt.yml");

        // then
        assertThat(validate.code()).as(validate.toString()).isEqualTo(2);
        assertThat(validate.err().lines()).containsExactly(
                "bad.prompt.yml:2:16: error: modelParameters.temperature: expected a number, got \"hot\"",
                "bad.prompt.yml:3:3: warning: modelParameters.max_tokenz: unknown key 'max_tokenz' (kept, ignored)");
        assertThat(validate.out()).isEqualTo("invalid bad.prompt.yml: 1 error, 1 warning\n");
    }
}
