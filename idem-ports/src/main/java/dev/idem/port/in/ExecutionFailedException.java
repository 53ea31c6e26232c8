package dev.idem.port.in;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ModelGatewayException;

/**
 * A model call failed for good: the provider refused it, or retries ran out. The cause is the provider-neutral
 * failure; {@link #attempts()} says how many attempts were made.
 */
public final class ExecutionFailedException extends RuntimeException implements IdemFailure {

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

    /** The provider whose call failed. */
    public String provider() {
        return failure().provider();
    }

    /** Whether the provider refused the credentials (a wrong, expired or missing API key) rather than the call. */
    public boolean credentialsRefused() {
        return failure() instanceof AuthenticationFailedException;
    }

    /** The failure in one line for a person: which provider, what failed, and after how many attempts. */
    public String summary() {
        return failure().summary() + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
    }

    /** {@inheritDoc} The category of the provider's failure. */
    @Override
    public FailureCategory category() {
        return failure().category();
    }
}
