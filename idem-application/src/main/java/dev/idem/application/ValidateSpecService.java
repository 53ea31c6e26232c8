package dev.idem.application;

import dev.idem.domain.spec.CodeEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.port.in.ValidateSpecUseCase;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.PromptSpecRepository;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lints spec files, one after another; a bad file never stops the others. A valid spec with {@code python}
 * evaluators gets a note that an evaluation runs them only when allowed ({@code --allow-code}, {@code .allowCode(true)}).
 */
public final class ValidateSpecService implements ValidateSpecUseCase {

    private final PromptSpecRepository repository;
    private final Vocabulary words;

    /** @param words how the notes name the options that run or skip code */
    public ValidateSpecService(PromptSpecRepository repository, Vocabulary words) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.words = Objects.requireNonNull(words, "words");
    }

    @Override
    public ValidationResult validate(ValidateSpecCommand command) {
        List<FileIssues> results = new ArrayList<>();
        for (Path file : command.files()) {
            try {
                LoadedSpec loaded = repository.load(file);
                // a row that cannot run fails validation, though an evaluation would run the spec's other rows
                List<SpecIssue> issues = new ArrayList<>(loaded.rowErrors());
                issues.addAll(loaded.warnings());
                issues.addAll(codeNotes(loaded.spec()));
                results.add(new FileIssues(file, loaded.spec().name(), issues));
            } catch (InvalidSpecException e) {
                results.add(new FileIssues(file, "", e.issues()));
            }
        }
        return new ValidationResult(results);
    }

    private List<SpecIssue> codeNotes(PromptSpec spec) {
        List<SpecIssue> notes = new ArrayList<>();
        codeNotes(spec, spec.evaluators(), "evaluators", notes);
        for (int r = 0; r < spec.testData().size(); r++) {
            codeNotes(spec, spec.testData().get(r).evaluators(), "testData[" + r + "].evaluators", notes);
        }
        return notes;
    }

    private void codeNotes(PromptSpec spec, List<EvaluatorSpec> evaluators, String path, List<SpecIssue> notes) {
        for (int i = 0; i < evaluators.size(); i++) {
            if (evaluators.get(i) instanceof CodeEvaluatorSpec code) {
                notes.add(SpecIssue.warning(spec.source(), path + "[" + i + "]", "evaluator '" + code.name()
                        + "' runs Python code: " + words.evaluation() + " runs it only with " + words.allowCode()
                        + " (or reports it as skipped with " + words.skipUnavailableEvaluators() + ")"));
            }
        }
    }
}
