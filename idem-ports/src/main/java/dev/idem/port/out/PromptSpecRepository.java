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
     *                              valid spec (errors confined to single test rows do not count: they come with
     *                              the loaded spec); every issue carries the file and, where known, line, column
     *                              and field, and the warnings found come after the errors
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
     * A loaded spec, the warnings found while reading it (unknown keys and the like) and the errors confined to
     * single test rows: such a row cannot run, the spec and its other rows can (an evaluation reports the row as
     * an error; {@code validate} still fails).
     *
     * @param spec      the spec
     * @param warnings  non-fatal issues
     * @param rowErrors errors that each make one test row unusable (see {@link SpecIssue#testCase()})
     */
    record LoadedSpec(PromptSpec spec, List<SpecIssue> warnings, List<SpecIssue> rowErrors) {
        public LoadedSpec {
            warnings = List.copyOf(warnings);
            rowErrors = List.copyOf(rowErrors);
            if (!rowErrors.stream().allMatch(SpecIssue::isRowError)) {
                throw new IllegalArgumentException("a spec with errors beyond single rows cannot load: " + rowErrors);
            }
        }

        /** A spec whose rows can all run. */
        public LoadedSpec(PromptSpec spec, List<SpecIssue> warnings) {
            this(spec, warnings, List.of());
        }

        /** The errors of the test row with that 1-based number, if it has any. */
        public List<SpecIssue> rowErrors(int testCase) {
            return rowErrors.stream().filter(i -> i.testCase().orElseThrow() == testCase).toList();
        }
    }
}
