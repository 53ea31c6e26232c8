package dev.idem.port.in;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/**
 * A use case's command cannot be carried out as given: a field is missing, out of range, or names something that
 * cannot be used (a report path that is a directory). Thrown by the commands' constructors, so that every caller,
 * the CLI and an embedder alike, meets the same check before any work starts. The message names the field.
 */
public final class InvalidCommandException extends IllegalArgumentException implements IdemFailure {

    private static final long serialVersionUID = 1L;

    public InvalidCommandException(String message) {
        super(message);
    }

    /**
     * The value, if there is one.
     *
     * @throws InvalidCommandException naming the field, if it is null
     */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidCommandException(field + " is required");
        }
        return value;
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the command must change. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
