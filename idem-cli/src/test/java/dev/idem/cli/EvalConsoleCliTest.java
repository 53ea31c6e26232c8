package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code idem eval} shows on the console: the progress bar and the header. */
class EvalConsoleCliTest {

    private static final String FLAGSHIP = CliRunner.ROOT.resolve("prompts/idempotency-architect.prompt.yml")
            .toString();

    @TempDir
    Path work;

    @Test
    void should_draw_the_progress_bar_on_the_stderr_it_was_given() {
        // when on a terminal (B10: the bar went to System.err, where neither a test nor an embedder could see it)
        Result r = CliRunner.runInteractive(work, Map.of("IDEM_STORE", "memory:"), "eval", FLAGSHIP, "--quiet");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("\reval 100%").contains("2/2");
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

        // then the header does not pass its answers off as gpt-4o's (B11)
        assertThat(r.out().lines().filter(l -> l.startsWith("provider  "))).containsExactly(
                "provider  builtin, model gpt-4o, answered by idem-builtin-architect "
                        + "(rule-based reference design (no LLM))");
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
