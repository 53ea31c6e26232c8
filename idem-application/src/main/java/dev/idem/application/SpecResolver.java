package dev.idem.application;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.SpecValidator;
import dev.idem.port.in.SpecInput;
import dev.idem.port.out.PromptSpecRepository;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link SpecInput} into a loaded spec: reads the file, or takes the spec in hand. Either way the spec has
 * passed the same {@link SpecValidator} before any use case touches it, so a spec built in code with no messages or
 * a duplicate variable is refused exactly like a file that says so, and a row of it that lacks a value is an error
 * of that row only, as in a file: the spec loads with it (an evaluation reports that row and runs the others).
 */
public final class SpecResolver {

    private final PromptSpecRepository repository;

    public SpecResolver(PromptSpecRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** @throws InvalidSpecException if the spec is not valid, or its file cannot be read */
    public LoadedSpec resolve(SpecInput input) {
        if (input.spec().isPresent()) {
            return validated(input.spec().get());
        }
        return repository.load(input.file().orElseThrow());
    }

    private static LoadedSpec validated(PromptSpec spec) {
        List<SpecIssue> issues = SpecValidator.validate(spec);
        if (issues.stream().anyMatch(i -> i.isError() && !i.isRowError())) {
            throw new InvalidSpecException(issues.stream().filter(SpecIssue::isError).toList());
        }
        return new LoadedSpec(spec, issues.stream().filter(i -> !i.isError()).toList(),
                issues.stream().filter(SpecIssue::isRowError).toList());
    }
}
