package dev.idem.port.in;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/**
 * An evaluation ran, but one of its reports could not be written where it was asked to go (no space, no permission,
 * a reader that went away). The message names the place and why.
 */
public final class ReportNotWrittenException extends RuntimeException implements IdemFailure {

    private static final long serialVersionUID = 1L;

    public ReportNotWrittenException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@inheritDoc} Always {@link FailureCategory#UNAVAILABLE}: the place the report goes must be fixed. */
    @Override
    public FailureCategory category() {
        return FailureCategory.UNAVAILABLE;
    }
}
