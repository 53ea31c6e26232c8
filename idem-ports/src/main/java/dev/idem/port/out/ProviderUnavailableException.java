package dev.idem.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider could not answer: a 5xx, a timeout, a refused or reset connection, or a reply that is not
 * what the protocol promises. Retried.
 */
public final class ProviderUnavailableException extends ModelGatewayException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Duration> retryAfter;

    public ProviderUnavailableException(String provider, String message, Throwable cause) {
        this(provider, Optional.empty(), message, cause);
    }

    public ProviderUnavailableException(String provider, Optional<Duration> retryAfter, String message,
                                        Throwable cause) {
        super(provider, message, cause);
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** The wait the server asked for (Retry-After on a 503), if it sent one. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
