package dev.idem.adapter.redis;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.StoreStats;
import dev.idem.port.out.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An {@link ExecutionStore} on a Redis server, shared by every runner that points at it (CI shards, several
 * machines). A record is a hash under {@code idem:exec:<fingerprint>}; every change is one Lua script, so it is
 * an atomic compare-and-set on the server. Fencing tokens come from {@code INCR idem:fence}; the last run's
 * figures live in {@code idem:meta}.
 *
 * <p>Leases and TTLs are kept in the server's time, not the caller's clock. Completed and failed records carry
 * a Redis TTL, so the server drops them when they expire; an in-progress record outlives its lease by a grace
 * period so a later claim can see that it takes over.
 */
public final class RedisExecutionStore implements ExecutionStore {

    /** How long a connection attempt may take before the server is reported unreachable. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long one command may take. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

    static final String RECORD_PREFIX = "idem:exec:";
    static final String FENCE = "idem:fence";
    static final String META = "idem:meta";
    private static final long IN_PROGRESS_GRACE_MS = Duration.ofHours(1).toMillis();
    private static final int SCAN_BATCH = 500;

    private final String description;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    /**
     * Connects to the server.
     *
     * @param uri            {@code redis://[[user]:password@]host[:port][/db]} (or {@code rediss://})
     * @param connectTimeout how long to try to reach the server
     * @param commandTimeout how long one command may take
     * @throws StoreUnavailableException if the server cannot be reached or refuses the credentials
     */
    public RedisExecutionStore(URI uri, Duration connectTimeout, Duration commandTimeout) {
        Objects.requireNonNull(uri, "uri");
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Redis URI: " + safeDescription(uri)
                    + " (use redis://host:port/db)", e);
        }
        redisUri.setTimeout(commandTimeout);
        this.description = safeDescription(redisUri);
        this.client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                // A lost server should fail the run promptly, not queue commands until a timeout.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.connection = client.connect();
        } catch (RedisException e) {
            shutdown(client);
            throw connectFailure(e);
        }
        this.redis = connection.sync();
    }

    public RedisExecutionStore(URI uri) {
        this(uri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    private StoreUnavailableException connectFailure(RedisException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof RedisCommandExecutionException
                    && (message.contains("WRONGPASS") || message.contains("NOAUTH") || message.contains("AUTH"))) {
                return new StoreUnavailableException("Redis at " + description
                        + " refused the credentials (fix the user and password in --store)", e);
            }
        }
        return new StoreUnavailableException("cannot reach Redis at " + description
                + " (start redis-server or fix --store)", e);
    }

    /** {@code redis://host:port/db}: the URI without user name or password. */
    static String safeDescription(RedisURI uri) {
        String scheme = uri.isSsl() ? "rediss" : "redis";
        return scheme + "://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /** The URI as given, without user name, password or query values: the same redaction as every endpoint. */
    private static String safeDescription(URI uri) {
        return EndpointUrl.of(uri.toString()).toString();
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(redis);
        } catch (RedisException e) {
            throw new StoreUnavailableException("Redis at " + description + " failed: " + e.getMessage()
                    + " (check that the server is up and reachable, or fix --store)", e);
        }
    }

    private static String key(Fingerprint fingerprint) {
        return RECORD_PREFIX + fingerprint.hex();
    }

    private long evalLong(String script, String key, String... args) {
        Long result = call(r -> r.eval(script, ScriptOutputType.INTEGER, new String[] {key}, args));
        return result == null ? 0 : result;
    }

    @Override
    public Claim claim(Fingerprint fingerprint, String owner, Duration lease) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        List<Object> reply = call(r -> r.eval(RedisScripts.CLAIM, ScriptOutputType.MULTI,
                new String[] {key(fingerprint), FENCE}, owner == null ? "" : owner,
                Long.toString(Math.max(1, lease.toMillis())), Long.toString(IN_PROGRESS_GRACE_MS)));
        if ("ACQUIRED".equals(reply.get(0))) {
            return new Claim.Acquired((Long) reply.get(1), ((Long) reply.get(2)) == 1L);
        }
        @SuppressWarnings("unchecked")
        ExecutionRecord record = toRecord(fingerprint, pairs((List<Object>) reply.get(1)));
        return switch (record.state()) {
            case IN_PROGRESS -> new Claim.Busy(record);
            case COMPLETED -> new Claim.Completed(record);
            case FAILED -> new Claim.Failed(record);
        };
    }

    private static Map<String, String> pairs(List<Object> flat) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return fields;
    }

    private static ExecutionRecord toRecord(Fingerprint fingerprint, Map<String, String> fields) {
        ExecutionState state = ExecutionState.valueOf(fields.get("state"));
        Optional<Completion> completion = Optional.empty();
        if (state == ExecutionState.COMPLETED) {
            completion = Optional.of(new Completion(fields.getOrDefault("text", ""), fields.get("model"),
                    new TokenUsage(number(fields, "in"), number(fields, "out")),
                    Duration.ofNanos(number(fields, "lat")), fields.get("finish")));
        }
        Optional<String> failure = state == ExecutionState.FAILED
                ? Optional.of(fields.getOrDefault("failure", "")) : Optional.empty();
        return new ExecutionRecord(fingerprint, state, fields.get("owner"), number(fields, "token"),
                Instant.ofEpochMilli(number(fields, "lease")), completion, failure,
                Instant.ofEpochMilli(number(fields, "updated")), Instant.ofEpochMilli(number(fields, "expires")));
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    @Override
    public boolean complete(Fingerprint fingerprint, long fencingToken, Completion completion, Duration ttl) {
        Objects.requireNonNull(completion, "completion");
        return evalLong(RedisScripts.COMPLETE, key(fingerprint), Long.toString(fencingToken), ttlMillis(ttl),
                completion.text(), completion.model(), Long.toString(completion.usage().inputTokens()),
                Long.toString(completion.usage().outputTokens()), Long.toString(completion.latency().toNanos()),
                completion.finishReason()) == 1;
    }

    @Override
    public boolean fail(Fingerprint fingerprint, long fencingToken, String failure, Duration ttl) {
        return evalLong(RedisScripts.FAIL, key(fingerprint), Long.toString(fencingToken), ttlMillis(ttl),
                failure == null ? "" : failure) == 1;
    }

    private static String ttlMillis(Duration ttl) {
        // PEXPIRE 0 would delete the record at once; the shortest TTL is one millisecond.
        return Long.toString(Math.max(1, ttl.toMillis()));
    }

    @Override
    public void release(Fingerprint fingerprint, long fencingToken) {
        evalLong(RedisScripts.RELEASE, key(fingerprint), Long.toString(fencingToken));
    }

    @Override
    public boolean heartbeat(Fingerprint fingerprint, long fencingToken, Duration lease) {
        return evalLong(RedisScripts.HEARTBEAT, key(fingerprint), Long.toString(fencingToken),
                Long.toString(Math.max(1, lease.toMillis())), Long.toString(IN_PROGRESS_GRACE_MS)) == 1;
    }

    @Override
    public Optional<ExecutionRecord> get(Fingerprint fingerprint) {
        Map<String, String> fields = call(r -> r.hgetall(key(fingerprint)));
        return fields == null || fields.isEmpty() || !fields.containsKey("state")
                ? Optional.empty() : Optional.of(toRecord(fingerprint, fields));
    }

    @Override
    public long purgeExpired() {
        long purged = 0;
        for (String key : recordKeys()) {
            purged += evalLong(RedisScripts.PURGE_IF_EXPIRED, key);
        }
        return purged;
    }

    @Override
    public long purgeAll() {
        // The fence counter stays: a holder from before the purge must never match a later token.
        long purged = 0;
        List<String> keys = recordKeys();
        for (int from = 0; from < keys.size(); from += SCAN_BATCH) {
            String[] batch = keys.subList(from, Math.min(keys.size(), from + SCAN_BATCH)).toArray(String[]::new);
            purged += call(r -> r.del(batch));
        }
        return purged;
    }

    private List<String> recordKeys() {
        List<String> keys = new java.util.ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(RECORD_PREFIX + "*").limit(SCAN_BATCH);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = call(r -> r.scan(from, args));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys.stream().distinct().toList();
    }

    @Override
    public StoreStats stats() {
        List<String> time = call(RedisCommands::time);
        long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        long inProgress = 0;
        long completed = 0;
        long failed = 0;
        long expired = 0;
        for (String key : recordKeys()) {
            List<KeyValue<String, String>> values = call(r -> r.hmget(key, "state", "expires"));
            if (values.isEmpty() || !values.get(0).hasValue()) {
                continue;
            }
            String state = values.get(0).getValue();
            long expires = values.get(1).hasValue() ? Long.parseLong(values.get(1).getValue()) : Long.MAX_VALUE;
            switch (ExecutionState.valueOf(state)) {
                case IN_PROGRESS -> inProgress++;
                case COMPLETED -> completed++;
                case FAILED -> failed++;
            }
            if (!state.equals(ExecutionState.IN_PROGRESS.name()) && expires <= now) {
                expired++;
            }
        }
        List<KeyValue<String, String>> run = call(r -> r.hmget(META, "last_run_calls", "last_run_replays"));
        Optional<StoreStats.LastRun> lastRun = run.size() == 2 && run.get(0).hasValue() && run.get(1).hasValue()
                ? Optional.of(new StoreStats.LastRun(Long.parseLong(run.get(0).getValue()),
                        Long.parseLong(run.get(1).getValue())))
                : Optional.empty();
        return new StoreStats(inProgress, completed, failed, expired, -1, lastRun);
    }

    @Override
    public void recordRun(long calls, long replays) {
        call(r -> r.hset(META, Map.of("last_run_calls", Long.toString(calls),
                "last_run_replays", Long.toString(replays))));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            shutdown(client);
        }
    }

    private static void shutdown(RedisClient client) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
