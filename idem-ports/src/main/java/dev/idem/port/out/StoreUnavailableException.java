package dev.idem.port.out;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/**
 * The execution store cannot be used: unreachable, locked, corrupt or unwritable. The message names the
 * store (without credentials) and what to do.
 */
public final class StoreUnavailableException extends RuntimeException implements IdemFailure {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@inheritDoc} Always {@link FailureCategory#UNAVAILABLE}: the store must be fixed or come back. */
    @Override
    public FailureCategory category() {
        return FailureCategory.UNAVAILABLE;
    }
}
