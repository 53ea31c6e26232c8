package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idem completion}: the script it prints completes idem's commands and options in a real bash. */
class CompletionCliTest {

    @TempDir
    Path work;

    @Test
    void should_complete_commands_subcommands_and_options_in_bash() throws Exception {
        // given the script, as a user would source it
        Result r = CliRunner.run(work, Map.of(), "completion");
        assertThat(r.code()).as(r.toString()).isZero();
        Path script = Files.writeString(work.resolve("idem.bash"), r.out());

        // when bash completes three half-typed command lines
        String commands = complete(script, "idem ev");
        String options = complete(script, "idem eval x.yml --prov");
        String store = complete(script, "idem store ");

        // then
        assertThat(commands).isEqualTo("eval");
        assertThat(options).isEqualTo("--provider");
        assertThat(store.split(" ")).contains("stats", "purge");
    }

    /** What bash's completion function offers for a line, the cursor at its end. */
    private String complete(Path script, String line) throws IOException, InterruptedException {
        String words = line.endsWith(" ") ? line + "''" : line;
        String program = "source " + script + " 2>/dev/null\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_idem 2>/dev/null\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                .redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
