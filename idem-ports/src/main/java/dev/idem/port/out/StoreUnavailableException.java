package dev.idem.port.out;

/**
 * The execution store cannot be used: unreachable, locked, corrupt or unwritable. The message names the
 * store (without credentials) and what to do.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
