package dev.idem.port.out;

import java.net.URI;
import java.time.Clock;

/**
 * A service-provider entry that opens {@link ExecutionStore}s for one URI scheme: {@code memory},
 * {@code sqlite}, {@code redis}. Registered in {@code META-INF/services/dev.idem.port.out.ExecutionStoreProvider}.
 */
public interface ExecutionStoreProvider {

    /** The store id and URI scheme, e.g. {@code sqlite}. */
    String id();

    /**
     * Opens (and, where needed, creates) a store.
     *
     * @param uri   e.g. {@code memory:}, {@code sqlite:.idem/store.db}, {@code redis://127.0.0.1:6379/0}
     * @param clock the time source for leases and TTLs
     * @throws StoreUnavailableException if it cannot be opened; the message says why and what to do
     */
    ExecutionStore open(URI uri, Clock clock);
}
