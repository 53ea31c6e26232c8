package dev.idem.application;

import dev.idem.port.out.ModelGatewayException;

/** A model call failed for good: not retryable, or retries exhausted. Carries how many attempts were made. */
public final class ExecutionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int attempts;

    public ExecutionFailedException(ModelGatewayException cause, int attempts) {
        super(cause.getMessage() + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), cause);
        this.attempts = attempts;
    }

    /** The provider's failure. */
    public ModelGatewayException failure() {
        return (ModelGatewayException) getCause();
    }

    public int attempts() {
        return attempts;
    }
}
