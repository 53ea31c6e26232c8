package dev.idem.adapter.memory;

import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import java.net.URI;
import java.time.Clock;

/**
 * Opens {@link InMemoryExecutionStore}s for {@code memory:} URIs. Any scheme-specific part is accepted and
 * ignored ({@code memory:}, {@code memory:/}, {@code memory:test}); every call opens a new, empty store.
 */
public final class InMemoryExecutionStoreProvider implements ExecutionStoreProvider {

    /** The store id and URI scheme. */
    public static final String ID = "memory";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ExecutionStore open(URI uri, Clock clock) {
        if (uri != null && uri.getScheme() != null && !ID.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a memory store URI: " + uri);
        }
        return new InMemoryExecutionStore(clock);
    }
}
