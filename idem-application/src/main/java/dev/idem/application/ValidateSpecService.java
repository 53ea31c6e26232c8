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
                results.add(new FileIssues(file, loaded.spec().name(), loaded.warnings()));
            } catch (InvalidSpecException e) {
                List<SpecIssue> issues = e.issues();
                results.add(new FileIssues(file, "", issues));
            }
        }
        return new ValidationResult(results);
    }
}
