package dev.idem.port.in;

import dev.idem.domain.spec.PromptSpec;
import dev.idem.port.out.PromptSpecRepository;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The spec a command works on: a file to load, or a spec already in hand (built in code or loaded before).
 *
 * @param file a spec file, or empty
 * @param spec a spec, or empty
 */
public record SpecInput(Optional<Path> file, Optional<PromptSpec> spec) {

    /**
     * The most a spec file may hold, 2 MiB; a value read from a file for a spec ({@code --var name=@file}) is held to
     * the same limit.
     */
    public static final int MAX_FILE_BYTES = PromptSpecRepository.MAX_FILE_BYTES;

    public SpecInput {
        file = file == null ? Optional.empty() : file;
        spec = spec == null ? Optional.empty() : spec;
        if (file.isPresent() == spec.isPresent()) {
            throw new InvalidCommandException("give either a spec file or a spec");
        }
    }

    /** A spec file to load. */
    public static SpecInput file(Path file) {
        return new SpecInput(Optional.of(InvalidCommandException.required(file, "spec file")), Optional.empty());
    }

    /** A spec in hand. */
    public static SpecInput of(PromptSpec spec) {
        return new SpecInput(Optional.empty(), Optional.of(InvalidCommandException.required(spec, "spec")));
    }
}
