package dev.idem.application;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.port.in.ValidateSpecUseCase;
import dev.idem.port.out.PromptSpecRepository;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Lints spec files, one after another; a bad file never stops the others. */
public final class ValidateSpecService implements ValidateSpecUseCase {

    private final PromptSpecRepository repository;

    public ValidateSpecService(PromptSpecRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
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
                results.add(new FileIssues(file, loaded.spec().name(), issues));
            } catch (InvalidSpecException e) {
                results.add(new FileIssues(file, "", e.issues()));
            }
        }
        return new ValidationResult(results);
    }
}
