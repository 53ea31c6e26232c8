package dev.idem.port.out;

import dev.idem.domain.FailureCategory;

/** The provider refused the request as invalid (HTTP 400/422), or cannot serve it. Never retried. */
public final class RequestRejectedException extends ModelGatewayException {
    private static final long serialVersionUID = 1L;

    public RequestRejectedException(String provider, String message, Throwable cause) {
        super(provider, message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /** {@inheritDoc} {@link FailureCategory#USAGE}: the request itself (the spec, its values) must change. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }

    /** {@inheritDoc} The provider rejected the request. */
    @Override
    public String summary() {
        return provider() + " rejected the request: " + getMessage();
    }
}
