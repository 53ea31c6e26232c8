package dev.idem.adapter.redis;

import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.InvalidStoreUriException;
import java.net.URI;
import java.time.Clock;
import java.util.Set;

/**
 * Opens {@link RedisExecutionStore}s for {@code redis://host:port/db} URIs, and {@code rediss://} for TLS (a
 * password in the URI is used but never printed; {@code ?retryFor=30s} bounds how long an operation keeps trying
 * through an outage). The clock is not used: Redis keeps leases and TTLs in its own time.
 */
public final class RedisExecutionStoreProvider implements ExecutionStoreProvider {

    /** The store id and plain URI scheme. */
    public static final String ID = "redis";
    /** The URI scheme of Redis over TLS. */
    public static final String TLS_SCHEME = "rediss";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(ID, TLS_SCHEME);
    }

    @Override
    public ExecutionStore open(URI uri, Clock clock) {
        return open(uri, clock, Vocabulary.commandLine());
    }

    @Override
    public ExecutionStore open(URI uri, Clock clock, Vocabulary words) {
        if (uri == null || uri.getScheme() == null
                || !(ID.equalsIgnoreCase(uri.getScheme()) || TLS_SCHEME.equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidStoreUriException("not a Redis store URI (use redis://host:port/db)");
        }
        return new RedisExecutionStore(uri, RedisExecutionStore.DEFAULT_CONNECT_TIMEOUT,
                RedisExecutionStore.DEFAULT_COMMAND_TIMEOUT, words);
    }
}
