package dev.idem.port.out;

/**
 * The provider sent a reply longer than idem reads ({@link GatewaySettings#maxResponseBytes()}). No chat
 * completion comes near the limit, so the server is not answering as its protocol does: a misconfigured proxy,
 * a file server, an endless stream. Not retryable: the same server would most likely do it again, and each
 * attempt may be billed. Not remembered either: once the server or the limit is fixed, the same request runs.
 */
public final class ReplyTooLargeException extends ModelGatewayException {

    private static final long serialVersionUID = 1L;

    public ReplyTooLargeException(String provider, String message, Throwable cause) {
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
