package dev.idem.adapter.redis;

import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The store's connection and its retry and reconnect policy: a hiccup of the server (a restart, a failover, a
 * pause of a few seconds) does not fail the run. A command that meets a dropped connection or a timeout is sent
 * again, with a pause that doubles up to half a second, until it answers or {@code retryFor} has passed, while
 * the client reconnects by itself. A refusal by the server (a wrong type, a full memory) is not retried.
 *
 * <p>Callers make every command safe to send twice (the store's scripts are fenced, a claim carries a nonce).
 */
final class RetryingRedis implements AutoCloseable {

    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(20);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofMillis(500);

    private final String description;
    private final Vocabulary words;
    private final Duration retryFor;
    private final ClientResources resources;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private volatile boolean gone;

    /**
     * Sets up the client; {@link #connect} then reaches the server.
     *
     * @param description    how messages name the server, without credentials
     * @param connectTimeout how long one connection attempt may take
     * @param retryFor       how long a command keeps being sent again through an outage
     * @param words          how a failure names the store setting
     */
    RetryingRedis(RedisURI uri, String description, Duration connectTimeout, Duration retryFor, Vocabulary words) {
        this.description = description;
        this.words = words;
        this.retryFor = retryFor;
        // Reconnect attempts stay frequent (at most a second apart) so that a server back within retryFor is found.
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                // While disconnected a command fails at once and is sent again by call(), within retryFor,
                // rather than waiting in a queue for a timeout that says nothing.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /**
     * Connects, once: only the commands that follow are sent again through an outage.
     *
     * @throws RedisException if the server cannot be reached or refuses the connection
     */
    void connect() {
        this.connection = client.connect();
        this.redis = connection.sync();
    }

    /**
     * Runs a command, sending it again through a dropped connection or a timeout until it answers or
     * {@code retryFor} has passed.
     *
     * @throws StoreUnavailableException if the server refuses the command, or does not answer in time
     */
    <T> T call(Function<RedisCommands<String, String>, T> command) {
        // Once an operation has waited a whole window in vain, the server is taken to be gone: the next operations
        // try once each instead of waiting a window of their own, until one of them gets an answer.
        long deadline = System.nanoTime() + (gone ? 0 : retryFor.toNanos());
        Duration pause = FIRST_RETRY_PAUSE;
        while (true) {
            try {
                T answer = command.apply(redis);
                gone = false;
                return answer;
            } catch (RedisException e) {
                if (!transientFailure(e)) {
                    throw new StoreUnavailableException("Redis at " + description + " failed: "
                            + oneLine(e.getMessage()) + " (check the server, or fix " + words.store() + ")", e);
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    gone = true;
                    throw new StoreUnavailableException("Redis at " + description + " did not answer for "
                            + retryFor.toSeconds() + " s: " + oneLine(e.getMessage())
                            + " (check that the server is up and reachable, or fix " + words.store() + ")", e);
                }
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static boolean transientFailure(RedisException e) {
        // A server that is loading its data after a restart, or busy with a script, answers later; any other error
        // reply is the server's decision. Everything else (timeouts, lost connections) is the network's.
        return !(e instanceof RedisCommandExecutionException)
                || e instanceof RedisLoadingException || e instanceof RedisBusyException;
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for Redis at " + description, interrupted);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }

    /** Closes the connection, if one was made, and stops the client's threads. */
    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
