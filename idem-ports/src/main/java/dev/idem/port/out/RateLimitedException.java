package dev.idem.port.out;

import java.time.Duration;
import java.util.Optional;

/** The provider asked us to slow down (HTTP 429), perhaps saying for how long. Retried. */
public final class RateLimitedException extends ModelGatewayException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Duration> retryAfter;

    public RateLimitedException(String provider, Optional<Duration> retryAfter, String message, Throwable cause) {
        super(provider, message, cause);
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** The wait the server asked for (Retry-After), if it sent one. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }

    /** {@inheritDoc} The message says what the provider did. */
    @Override
    public String summary() {
        return provider() + ": " + getMessage();
    }
}
