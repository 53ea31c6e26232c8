package dev.idem.port.in;

import dev.idem.domain.spec.SpecIssue;
import java.nio.file.Path;
import java.util.List;

/** Lints spec files: every error and warning of each. */
public interface ValidateSpecUseCase {

    /** Validates each file; never throws for a bad spec (its issues are in the result). */
    ValidationResult validate(ValidateSpecCommand command);

    /**
     * The files to validate.
     *
     * @param files spec files
     */
    record ValidateSpecCommand(List<Path> files) {
        /** @throws InvalidCommandException if no file is given */
        public ValidateSpecCommand {
            files = List.copyOf(InvalidCommandException.required(files, "files"));
            if (files.isEmpty()) {
                throw new InvalidCommandException("name at least one spec file to validate");
            }
        }
    }

    /**
     * Each file's issues.
     *
     * @param files in command order
     */
    record ValidationResult(List<FileIssues> files) {
        public ValidationResult {
            files = List.copyOf(files);
        }

        /** Whether any file has an error. */
        public boolean hasErrors() {
            return files.stream().anyMatch(f -> f.issues().stream().anyMatch(SpecIssue::isError));
        }
    }

    /**
     * One file's issues.
     *
     * @param file     the file
     * @param specName the spec's name, when it loaded
     * @param issues   errors and warnings
     */
    record FileIssues(Path file, String specName, List<SpecIssue> issues) {
        public FileIssues {
            issues = List.copyOf(issues);
        }
    }
}
