package dev.idem.port.out;

/** The provider refused the credentials (HTTP 401/403). Never retried. */
public final class AuthenticationFailedException extends ModelGatewayException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String provider, String message, Throwable cause) {
        super(provider, message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /** {@inheritDoc} Always: the credentials are refused whatever the request. */
    @Override
    public boolean sameForEveryRequest() {
        return true;
    }

    /** {@inheritDoc} The provider refused the credentials. */
    @Override
    public String summary() {
        return provider() + " refused the credentials: " + getMessage();
    }
}
