package dev.idem.adapter.redis;

import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.InvalidStoreUriException;
import java.net.URI;
import java.time.Clock;

/**
 * Opens {@link RedisExecutionStore}s for {@code redis://host:port/db} URIs (a password in the URI is used
 * but never printed; {@code ?retryFor=30s} bounds how long an operation keeps trying through an outage). The clock is not used: Redis keeps leases and TTLs in its own time.
 */
public final class RedisExecutionStoreProvider implements ExecutionStoreProvider {

    /** The store id and URI scheme. */
    public static final String ID = "redis";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ExecutionStore open(URI uri, Clock clock) {
        if (uri == null || uri.getScheme() == null
                || !(ID.equalsIgnoreCase(uri.getScheme()) || "rediss".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidStoreUriException("not a Redis store URI (use redis://host:port/db)");
        }
        return new RedisExecutionStore(uri);
    }
}
