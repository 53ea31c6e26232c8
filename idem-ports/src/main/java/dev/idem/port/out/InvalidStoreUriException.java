package dev.idem.port.out;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/**
 * The store URI cannot name a store: bad syntax, a database the server does not have, an in-memory SQLite name,
 * or a path that is a device, a FIFO or a directory rather than a regular file. Retrying cannot help; the URI
 * must change (a usage error, unlike {@link StoreUnavailableException}). The message names the URI without
 * credentials and says what to write instead.
 */
public final class InvalidStoreUriException extends IllegalArgumentException implements IdemFailure {
    private static final long serialVersionUID = 1L;

    public InvalidStoreUriException(String message) {
        super(message);
    }

    public InvalidStoreUriException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the URI must change. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
