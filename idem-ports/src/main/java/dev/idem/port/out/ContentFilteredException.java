package dev.idem.port.out;

/** The provider's content filter blocked the prompt or the reply. Never retried. */
public final class ContentFilteredException extends ModelGatewayException {
    private static final long serialVersionUID = 1L;

    public ContentFilteredException(String provider, String message, Throwable cause) {
        super(provider, message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /** {@inheritDoc} The message says what the provider did. */
    @Override
    public String summary() {
        return provider() + ": " + getMessage();
    }
}
