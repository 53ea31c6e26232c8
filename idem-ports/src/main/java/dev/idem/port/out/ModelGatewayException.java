package dev.idem.port.out;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/**
 * The provider-neutral failure of a model call. Adapters translate their client's errors into one of the
 * subclasses, so nothing provider-specific crosses the port. {@link #retryable()} tells the retry policy
 * whether another attempt can help.
 */
public abstract class ModelGatewayException extends RuntimeException implements IdemFailure {

    private static final long serialVersionUID = 1L;
    private final String provider;

    protected ModelGatewayException(String provider, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
    }

    /** The provider id, e.g. {@code openai}. */
    public String provider() {
        return provider;
    }

    /** Whether the same request may succeed if tried again. */
    public abstract boolean retryable();

    /**
     * Whether every request to this provider for the same model would fail the same way, whatever it asks: the
     * failure is of the set-up (the credentials, the model), not of the request. An evaluation stops at the first
     * such failure rather than fail every case one by one. False unless a subclass says otherwise.
     */
    public boolean sameForEveryRequest() {
        return false;
    }

    /**
     * The failure in one line for a person: which provider, and what failed (by default, that it is unavailable);
     * each kind of failure words it its own way.
     */
    public String summary() {
        return provider + " is unavailable: " + getMessage();
    }

    /**
     * {@inheritDoc} {@link FailureCategory#UNAVAILABLE} unless a subclass says otherwise: the provider is down,
     * refuses the credentials, lacks the model, limits the rate or filters the content; its configuration or its
     * health must change, not the request.
     */
    @Override
    public FailureCategory category() {
        return FailureCategory.UNAVAILABLE;
    }
}
