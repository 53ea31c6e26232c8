package dev.idem.cli;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/** A command line that cannot be carried out as given; exit code 2. */
final class UsageException extends RuntimeException implements IdemFailure {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
