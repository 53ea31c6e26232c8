package dev.idem.port.out;

import dev.idem.port.in.Vocabulary;
import java.net.URI;
import java.time.Clock;
import java.util.Set;

/**
 * A service-provider entry that opens {@link ExecutionStore}s for its URI schemes: {@code memory}, {@code sqlite},
 * {@code redis} and {@code rediss}. Registered in {@code META-INF/services/dev.idem.port.out.ExecutionStoreProvider}.
 */
public interface ExecutionStoreProvider {

    /** The store id, e.g. {@code sqlite}. */
    String id();

    /**
     * The URI schemes this provider opens, in lower case (a store URI's scheme is matched ignoring case); by
     * default only its id. No two providers may claim one scheme.
     */
    default Set<String> schemes() {
        return Set.of(id());
    }

    /**
     * Opens (and, where needed, creates) a store.
     *
     * @param uri   e.g. {@code memory:}, {@code sqlite:.idem/store.db}, {@code redis://127.0.0.1:6379/0}
     * @param clock the time source for leases and TTLs
     * @throws InvalidStoreUriException  if the URI cannot name a store of this kind; the message says what to write
     * @throws StoreUnavailableException if it cannot be opened; the message says why and what to do
     */
    ExecutionStore open(URI uri, Clock clock);

    /**
     * Opens a store whose failures tell what to change in the caller's words ({@code --store} or
     * {@code .store("…")}); a store that words no such advice need not override it.
     *
     * @param words how a failure names the store setting
     */
    default ExecutionStore open(URI uri, Clock clock, Vocabulary words) {
        return open(uri, clock);
    }
}
