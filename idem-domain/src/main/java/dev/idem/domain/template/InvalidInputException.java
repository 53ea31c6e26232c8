package dev.idem.domain.template;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import java.util.Objects;

/**
 * Thrown when the values given for a spec cannot render it, e.g. a required variable has no value.
 * The message is one line, without location, e.g. {@code missing value for required variable 'system_context'}.
 */
public final class InvalidInputException extends RuntimeException implements IdemFailure {

    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field   the variable at fault
     * @param message what is wrong, in one line
     */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The name of the variable at fault. */
    public String field() {
        return field;
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the values must change. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
