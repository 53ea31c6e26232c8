package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.CodeEvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.SpecSource;
import dev.idem.domain.template.Role;
import dev.idem.port.in.ValidateSpecUseCase.FileIssues;
import dev.idem.port.in.ValidateSpecUseCase.ValidateSpecCommand;
import dev.idem.port.in.ValidateSpecUseCase.ValidationResult;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import dev.idem.testkit.InMemorySpecRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateSpecServiceTest {

    private static final Path BROKEN = Path.of("prompts/broken.prompt.yml");
    private static final Path SLOPPY = Path.of("prompts/sloppy.prompt.yml");
    private static final Path CLEAN = Path.of("prompts/clean.prompt.yml");

    private final SpecIssue missingModel = SpecIssue.error(SpecSource.named(BROKEN.toString()), "model",
            "model is required");
    private final SpecIssue badTemperature = SpecIssue.error(SpecSource.named(BROKEN.toString()),
            "modelParameters.temperature", "temperature must be within 0..2");
    private final SpecIssue unknownKey = SpecIssue.warning(SpecSource.named(SLOPPY.toString()), "colour",
            "unknown key 'colour'");
    private final InMemorySpecRepository repository = InMemorySpecRepository.empty()
            .invalid(BROKEN, new InvalidSpecException(List.of(missingModel, badTemperature)))
            .with(SLOPPY, new LoadedSpec(PromptSpec.builder("sloppy").build(), List.of(unknownKey)))
            .with(CLEAN, new LoadedSpec(PromptSpec.builder("clean").build(), List.of()));
    private final ValidateSpecService service = new ValidateSpecService(repository, Vocabulary.commandLine());

    @Test
    void should_report_every_file_in_order_when_one_is_invalid_and_another_has_warnings() {
        // when
        ValidationResult result = service.validate(new ValidateSpecCommand(List.of(BROKEN, SLOPPY, CLEAN)));
        // then
        assertThat(result.files()).extracting(FileIssues::file).containsExactly(BROKEN, SLOPPY, CLEAN);
        assertThat(result.files().get(0).issues()).containsExactly(missingModel, badTemperature);
        assertThat(result.files().get(0).specName()).isEmpty();
        assertThat(result.files().get(1).issues()).containsExactly(unknownKey);
        assertThat(result.files().get(1).specName()).isEqualTo("sloppy");
        assertThat(result.files().get(2).issues()).isEmpty();
        assertThat(result.hasErrors()).isTrue();
    }

    @Test
    void should_fail_a_spec_that_loads_with_a_row_that_cannot_run_reporting_that_row_first() {
        // given
        Path rowless = Path.of("prompts/rowless.prompt.yml");
        SpecIssue missing = SpecIssue.rowError(SpecSource.named(rowless.toString()), 2, "testData[1]",
                "missing value for placeholder '{{topic}}'");
        repository.with(rowless, new LoadedSpec(PromptSpec.builder("rowless").build(), List.of(unknownKey),
                List.of(missing)));

        // when
        ValidationResult result = service.validate(new ValidateSpecCommand(List.of(rowless)));

        // then
        assertThat(result.files().get(0).issues()).containsExactly(missing, unknownKey);
        assertThat(result.files().get(0).specName()).isEqualTo("rowless");
        assertThat(result.hasErrors()).isTrue();
    }

    @Test
    void should_have_no_errors_when_files_have_only_warnings() {
        // when
        ValidationResult result = service.validate(new ValidateSpecCommand(List.of(SLOPPY, CLEAN)));
        // then
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.files()).extracting(FileIssues::specName).containsExactly("sloppy", "clean");
    }

    @Test
    void should_accept_a_spec_with_python_evaluators_noting_that_eval_needs_allow_code() {
        // given
        Path coded = Path.of("prompts/coded.prompt.yml");
        PromptSpec spec = PromptSpec.builder("coded").message(Role.USER, "hi")
                .evaluator(new CodeEvaluatorSpec("short", "len(output) < 10")).build();
        ValidateSpecService withCode = new ValidateSpecService(InMemorySpecRepository.empty()
                .with(coded, new LoadedSpec(spec, List.of())), Vocabulary.commandLine());

        // when
        ValidationResult result = withCode.validate(new ValidateSpecCommand(List.of(coded)));

        // then
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.files().get(0).issues()).singleElement().satisfies(note -> {
            assertThat(note.isError()).isFalse();
            assertThat(note.field()).isEqualTo("evaluators[0]");
            assertThat(note.message()).startsWith("evaluator 'short' runs Python code: eval runs it only with "
                    + "--allow-code");
        });
    }

    @Test
    void should_note_python_evaluators_in_the_java_apis_words_when_java_asks() {
        // given
        Path coded = Path.of("prompts/coded.prompt.yml");
        PromptSpec spec = PromptSpec.builder("coded").message(Role.USER, "hi")
                .evaluator(new CodeEvaluatorSpec("short", "len(output) < 10")).build();
        ValidateSpecService withCode = new ValidateSpecService(InMemorySpecRepository.empty()
                .with(coded, new LoadedSpec(spec, List.of())), Vocabulary.java(true));

        // when
        ValidationResult result = withCode.validate(new ValidateSpecCommand(List.of(coded)));

        // then
        assertThat(result.files().get(0).issues()).singleElement().satisfies(note -> assertThat(note.message())
                .isEqualTo("evaluator 'short' runs Python code: an evaluation runs it only with .allowCode(true) (or "
                        + "reports it as skipped with .skipUnavailableEvaluators(true))"));
    }
}
