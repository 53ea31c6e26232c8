package dev.idem.application;

import dev.idem.port.in.SpecInput;
import dev.idem.port.out.PromptSpecRepository;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.util.List;
import java.util.Objects;

/** Turns a {@link SpecInput} into a loaded spec: reads the file, or takes the spec in hand as it is. */
public final class SpecResolver {

    private final PromptSpecRepository repository;

    public SpecResolver(PromptSpecRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** @throws dev.idem.domain.spec.InvalidSpecException if the file is not a valid spec */
    public LoadedSpec resolve(SpecInput input) {
        if (input.spec().isPresent()) {
            return new LoadedSpec(input.spec().get(), List.of());
        }
        return repository.load(input.file().orElseThrow());
    }
}
