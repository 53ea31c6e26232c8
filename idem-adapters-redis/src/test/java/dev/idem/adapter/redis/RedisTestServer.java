package dev.idem.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;

/**
 * The Redis server the tests use, on a database index of its own.
 *
 * @param uri the URI of that database, e.g. {@code redis://127.0.0.1:6390/15}
 */
record RedisTestServer(URI uri) {

    /** Empties the tests' database, and only that one. */
    void flush() {
        RedisClient client = RedisClient.create(uri.toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushdb();
        } catch (RedisException e) {
            throw new IllegalStateException("the Redis for the tests at " + uri.getHost() + ":" + uri.getPort()
                    + " cannot be used: " + e.getMessage() + " (" + RedisServerExtension.NO_REDIS + ")", e);
        } finally {
            client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
    }
}
