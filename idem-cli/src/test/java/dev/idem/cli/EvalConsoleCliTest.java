package dev.idem.cli;

import static dev.idem.cli.CliRunner.FLAGSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code idem eval} shows on the console: the progress bar and the header. */
class EvalConsoleCliTest {

    @TempDir
    Path work;

    @Test
    void should_draw_the_progress_bar_on_the_stderr_it_was_given() {
        // when on a terminal (B10: the bar went to System.err, where neither a test nor an embedder could see it)
        Result r = CliRunner.runInteractive(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP);

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("\reval 100%").contains("2/2");
    }

    @Test
    void should_draw_no_progress_bar_with_quiet_even_on_a_terminal() {
        // when
        Result r = CliRunner.runInteractive(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP, "--quiet");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("eval ").doesNotContain("\r");
    }

    @Test
    void should_draw_no_progress_bar_when_stderr_is_not_a_terminal() {
        // when
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP, "--quiet");

        // then
        assertThat(r.err()).doesNotContain("eval 100%");
    }

    @Test
    void should_say_who_answered_when_the_provider_does_not_use_the_model_asked() {
        // when the built-in architect evaluates the flagship, whose spec asks for gpt-4o
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP, "--quiet");

        // then the header, printed before any reply, says how the provider answers without naming the model it
        // ignores, and the summary says who answered: the answers are not passed off as gpt-4o's (B11)
        assertThat(r.out().lines().filter(l -> l.startsWith("provider  "))).containsExactly(
                "provider  builtin (rule-based reference design (no LLM))");
        assertThat(r.out().lines().filter(l -> l.startsWith("answered  "))).containsExactly(
                "answered  builtin, idem-builtin-architect");
        assertThat(r.out()).doesNotContain("gpt-4o");
    }

    @Test
    void should_name_the_idem_version_the_start_in_utc_and_the_duration_under_the_summary() {
        // when
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP, "--quiet");

        // then
        assertThat(r.out().lines().filter(l -> l.startsWith("run       "))).singleElement().asString()
                .matches("run       idem \\d+\\.\\d+\\.\\d+\\S*, started \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,"
                        + " took \\d+\\.\\d\\d s");
    }

    @Test
    void should_show_a_short_row_per_case_and_details_only_for_a_failure() {
        // when
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP);

        // then a pass is one short line; a failure adds one line per failing evaluator, none wider than 120 columns
        // (before: every evaluator on the row's one line, 200 to 400 characters)
        List<String> lines = r.out().lines().toList();
        String pass = lines.stream().filter(l -> l.startsWith("PASS ")).findFirst().orElseThrow();
        assertThat(pass).doesNotContain("✓").hasSizeLessThanOrEqualTo(60);
        int fail = lines.indexOf(lines.stream().filter(l -> l.startsWith("FAIL ")).findFirst().orElseThrow());
        assertThat(lines.subList(fail + 1, fail + 3)).allSatisfy(l -> assertThat(l).startsWith("         ✗ "));
        assertThat(lines.get(fail + 1)).contains("Mentions idempotency techniques");
        assertThat(lines.get(fail + 2)).contains("Contains decisions in bold");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
    }

    @Test
    void should_colour_the_statuses_only_on_a_terminal_that_has_not_asked_for_no_colour() {
        // when
        Result terminal = CliRunner.runOnTerminal(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP);
        Result file = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP);
        Result noColour = CliRunner.runOnTerminal(work, Map.of("IDEM_STORE", "memory:", "NO_COLOR", "1"), "eval",
                FLAGSHIP);

        // then
        assertThat(terminal.out()).contains("\u001b[32mPASS \u001b[0m  ").contains("\u001b[31mFAIL \u001b[0m  ");
        assertThat(file.out()).doesNotContain("\u001b").contains("PASS   ").contains("FAIL   ");
        assertThat(noColour.out()).doesNotContain("\u001b").contains("PASS   ").contains("FAIL   ");
    }

    @Test
    void should_colour_the_rows_by_stderr_when_a_report_takes_stdout() {
        // when both are terminals and the report goes to stdout
        Result onTerminals = CliRunner.runInteractive(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP,
                "--report-json", "-");
        // and when stdout is a terminal but stderr is not
        Result onFile = CliRunner.runOnTerminal(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP,
                "--report-json", "-");

        // then the rows are on stderr, coloured only when stderr is a terminal, and the report stays clean
        assertThat(onTerminals.out()).startsWith("{").doesNotContain("\u001b");
        assertThat(onTerminals.err()).contains("\u001b[32mPASS \u001b[0m  ");
        assertThat(onFile.out()).startsWith("{").doesNotContain("PASS ");
        assertThat(onFile.err()).contains("PASS   ").doesNotContain("\u001b");
    }

    @Test
    void should_name_no_model_when_neither_the_spec_nor_the_options_name_one() throws Exception {
        // given a spec without a model, on a provider that answers with none
        Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n"
                + "    content: \"{{x}}\"\ntestData:\n  - x: one\n");

        // when
        Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), "eval", "s.prompt.yml", "--provider",
                ThrowingGatewayProvider.ID);

        // then no empty model and no double space (B11: "provider  throwing, model  (LLM)")
        assertThat(r.out().lines().filter(l -> l.startsWith("provider  "))).containsExactly(
                "provider  throwing (LLM)");
    }
}
