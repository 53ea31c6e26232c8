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
}
