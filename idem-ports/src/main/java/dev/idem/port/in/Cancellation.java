package dev.idem.port.in;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop long work early (a user pressed Ctrl-C, CI sent SIGTERM), given by whoever started it and
 * watched by the work. Cancelling twice keeps the first reason. Thread-safe.
 */
public final class Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** A cancellation nobody has asked for yet. */
    public Cancellation() {
    }

    /** Asks the work to stop; {@code why} is shown to the user, e.g. {@code "interrupted by SIGINT"}. */
    public void cancel(String why) {
        reason.compareAndSet(null, why == null || why.isBlank() ? "cancelled" : why);
    }

    /** Whether someone asked the work to stop. */
    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** Why the work was asked to stop, once it was. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
