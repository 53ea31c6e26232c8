package dev.idem.port.out;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import java.nio.file.Path;
import java.util.List;

/** Reads prompt specs. */
public interface PromptSpecRepository {

    /**
     * The most a spec file may hold: 2 MiB, far above any honest spec. Values read from files for a spec
     * ({@code --var name=@file}) are held to the same limit.
     */
    int MAX_FILE_BYTES = 2 * 1024 * 1024;

    /**
     * Loads a spec file.
     *
     * @throws InvalidSpecException if the file cannot be read, is not a regular file (a FIFO or a device would
     *                              block or never end), holds more than {@link #MAX_FILE_BYTES}, or is not a
     *                              valid spec; every issue carries the file and, where known, line, column and
     *                              field
     */
    LoadedSpec load(Path file);

    /**
     * Parses spec text.
     *
     * @param sourceName shown in issues, e.g. a file path or {@code classpath:...}
     * @throws InvalidSpecException if the text is not a valid spec
     */
    LoadedSpec parse(String sourceName, byte[] content);

    /**
     * A loaded spec and the warnings found while reading it (unknown keys and the like).
     *
     * @param spec     the spec
     * @param warnings non-fatal issues
     */
    record LoadedSpec(PromptSpec spec, List<SpecIssue> warnings) {
        public LoadedSpec {
            warnings = List.copyOf(warnings);
        }
    }
}
