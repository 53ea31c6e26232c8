package dev.idem.cli;

import static dev.idem.cli.CliRunner.FLAGSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --quiet} on every command: results and errors, nothing else. */
class QuietCliTest {

    @TempDir
    Path work;

    private Result idem(String... args) {
        return CliRunner.inMemory(work, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate " + "SPEC", "render SPEC --case 1", "providers", "store stats",
            "store purge", "completion", "design --system-context a --failure-scenarios b", "eval SPEC",
            "run SPEC --var system_context=a --var failure_scenarios=b"})
    void should_take_quiet_and_verbose_on_every_command_before_or_after_its_name(String command) {
        // given
        String[] args = command.replace("SPEC", FLAGSHIP).split(" ");

        // when
        Result after = idem(concat(args, "--quiet"));
        Result before = idem(concat(new String[] {"--quiet"}, args));
        Result verbose = idem(concat(args, "--verbose"));

        // then no usage error: the command ran (eval exits 1, the flagship's unsafe row fails its regexes)
        for (Result r : new Result[] {after, before, verbose}) {
            assertThat(r.code()).as(command + "\n" + r).isIn(0, 1);
        }
    }

    @Test
    void should_print_only_the_design_with_quiet() {
        // when
        Result r = idem("design", "--system-context", "REST APIs and Kafka consumers", "--failure-scenarios",
                "gateway timeouts", "--quiet");

        // then no provenance line on stderr, the design on stdout
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).containsIgnoringCase("kafka");
    }

    @Test
    void should_leave_out_notes_with_quiet_but_not_errors() {
        // when
        Result noted = idem("render", FLAGSHIP, "--var", "system_context=</system_context>x", "--var",
                "failure_scenarios=b", "-q");
        Result failed = idem("design", "--system-context", "a", "--failure-scenarios", "b", "--provider", "nope",
                "-q");

        // then
        assertThat(noted.code()).as(noted.toString()).isZero();
        assertThat(noted.err()).isEmpty();
        assertThat(failed.code()).isEqualTo(2);
        assertThat(failed.err()).startsWith("idem: error: unknown provider 'nope'");
    }

    @Test
    void should_leave_out_warnings_of_validate_with_quiet_but_not_its_errors() throws Exception {
        // given a spec with a warning (an unknown key) and one with an error
        Files.writeString(work.resolve("warned.prompt.yml"), "name: w\nsurprise: 1\nmessages:\n  - role: user\n"
                + "    content: hi\n");
        Files.writeString(work.resolve("bad.prompt.yml"), "name: b\nmessages: 3\n");

        // when
        Result warned = idem("validate", "warned.prompt.yml", "--quiet");
        Result loud = idem("validate", "warned.prompt.yml");
        Result bad = idem("validate", "bad.prompt.yml", "--quiet");

        // then
        assertThat(loud.err()).contains("warning");
        assertThat(warned.code()).isZero();
        assertThat(warned.err()).isEmpty();
        assertThat(warned.out()).startsWith("ok");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.prompt.yml").contains("error");
    }

    @Test
    void should_print_the_summary_but_no_report_lines_with_quiet() {
        // when
        Result r = idem("eval", FLAGSHIP, "--report-json", work.resolve("r.json").toString(), "--quiet");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("pass rate").doesNotContain("FAIL ");
        assertThat(r.err()).doesNotContain("wrote");
        assertThat(work.resolve("r.json")).exists();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
