package dev.idem.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.FailureCategory;
import dev.idem.port.in.DesignIdempotencyUseCase.DesignIdempotencyCommand;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluateSpecUseCase.Shard;
import dev.idem.port.in.RenderPromptUseCase.RenderPromptCommand;
import dev.idem.port.in.RunPromptUseCase.RunPromptCommand;
import dev.idem.port.in.ValidateSpecUseCase.ValidateSpecCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command checks itself when it is made, the same way for the CLI and an embedder: a missing or out-of-range
 * field is an {@link InvalidCommandException} naming it, a usage error, never a NullPointerException later.
 */
class CommandsTest {

    private static final SpecInput SPEC = SpecInput.file(Path.of("x.prompt.yml"));
    private static final ModelChoice CHOICE = ModelChoice.of("openai");
    private static final ExecutionOptions OPTIONS = ExecutionOptions.defaults();

    @TempDir
    Path work;

    private static void assertRefused(ThrowingCallable making, String naming) {
        assertThatThrownBy(making)
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.category()).isEqualTo(FailureCategory.USAGE))
                .hasMessageContaining(naming);
    }

    @Test
    void should_name_the_missing_field_of_a_run_command() {
        assertRefused(() -> new RunPromptCommand(null, Map.of(), CHOICE, OPTIONS), "spec is required");
        assertRefused(() -> new RunPromptCommand(SPEC, Map.of(), null, OPTIONS), "choice is required");
        assertRefused(() -> new RunPromptCommand(SPEC, Map.of(), CHOICE, null), "options is required");
    }

    @Test
    void should_name_the_missing_field_of_a_design_command() {
        assertRefused(() -> new DesignIdempotencyCommand(null, "b", CHOICE, OPTIONS), "systemContext is required");
    }

    @Test
    void should_refuse_an_evaluation_out_of_its_bounds() {
        assertRefused(() -> evaluate(0, 1), "concurrency must be within 1..1024, got 0");
        assertRefused(() -> evaluate(EvaluateSpecCommand.MAX_CONCURRENCY + 1, 1), "concurrency must be within");
        assertRefused(() -> evaluate(1, EvaluateSpecCommand.MAX_REPEAT + 1), "repeat must be within 1..1000");
        assertRefused(() -> new EvaluateSpecCommand(null, CHOICE, Optional.empty(), 1, 1, Optional.empty(),
                Optional.empty(), OPTIONS, null), "spec is required");
        assertThat(evaluate(EvaluateSpecCommand.MAX_CONCURRENCY, EvaluateSpecCommand.MAX_REPEAT).reports()).isEmpty();
    }

    @Test
    void should_refuse_a_shard_that_is_not_k_of_n() {
        assertRefused(() -> Shard.parse("5/4"), "1 <= K <= N");
        assertRefused(() -> Shard.parse("one/4"), "shard must be K/N");
    }

    @Test
    void should_refuse_a_render_without_a_spec_and_a_validation_of_no_file() {
        assertRefused(() -> new RenderPromptCommand(null, Map.of(), Optional.of(1)), "spec is required");
        assertRefused(() -> new ValidateSpecCommand(List.of()), "at least one spec file");
    }

    @Test
    void should_refuse_a_spec_input_of_both_or_neither_and_a_blank_provider() {
        assertRefused(() -> new SpecInput(Optional.empty(), Optional.empty()), "either a spec file or a spec");
        assertRefused(() -> ModelChoice.of(" "), "provider must not be blank");
    }

    @Test
    void should_refuse_a_report_into_a_directory_when_the_target_is_made() throws Exception {
        // given
        Path directory = Files.createDirectory(work.resolve("reports"));

        // when / then
        assertRefused(() -> new ReportTarget("html", "--report-html", Optional.of(directory), Optional.empty()),
                "--report-html: " + directory + " is a directory");
        assertThat(ReportTarget.file("json", work.resolve("out.json")).label()).isEqualTo("json report");
    }

    private static EvaluateSpecCommand evaluate(int concurrency, int repeat) {
        return new EvaluateSpecCommand(SPEC, CHOICE, Optional.empty(), concurrency, repeat, Optional.empty(),
                Optional.empty(), OPTIONS, null);
    }
}
