package dev.idem.adapter.langchain4j;

import java.io.IOException;

/**
 * A reply body longer than the client reads. The exchange is cut off at the limit, so an endless or huge body
 * costs at most that much memory; gateways find this in the cause chain and report it as a provider error.
 */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;
    private final long limit;

    /** @param limit the most bytes of a body the client reads */
    public BodyTooLargeException(long limit) {
        super("the reply body exceeds " + ByteSize.describe(limit));
        this.limit = limit;
    }

    /** The most bytes of a body the client reads. */
    public long limit() {
        return limit;
    }
}
