package dev.idem.adapter.redis;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.StoreStats;
import dev.idem.port.out.StoreUnavailableException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link ExecutionStore} on a Redis server, shared by every runner that points at it (CI shards, several
 * machines). A record is a hash under {@code idem:exec:<fingerprint>}; every change is one Lua script, so it is
 * an atomic compare-and-set on the server. Fencing tokens come from {@code INCR idem:fence}; the last run's
 * figures live in {@code idem:meta}.
 *
 * <p>Leases and TTLs are kept in the server's time, not the caller's clock. Completed and failed records carry
 * a Redis TTL, so the server drops them when they expire; an in-progress record outlives its lease by a grace
 * period so a later claim can see that it takes over.
 *
 * <p>A hiccup of the server (a restart, a failover, a pause of a few seconds) does not fail the run: an operation
 * that meets a dropped connection or a timeout is sent again, for up to {@code retryFor} (30 s by default,
 * {@code ?retryFor=} in the URI), while the client reconnects by itself ({@link RetryingRedis}); records are read
 * back by {@link RedisRecords}. Every operation is safe to send twice:
 * a claim carries a nonce, so a claim applied but unanswered is recognised as ours; the others are guarded by the
 * fencing token. At connection time a marker ({@code idem:store}) is written; a claim that finds it gone knows
 * the database was emptied under the run, and the store reports itself unavailable rather than hand out fencing
 * tokens that start again from 1.
 */
public final class RedisExecutionStore implements ExecutionStore {

    /** How long a connection attempt may take before the server is reported unreachable. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long one command may take before it is sent again. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** How long an operation keeps trying through an outage before the store is reported unavailable. */
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(30);

    static final String FENCE = "idem:fence";
    static final String META = "idem:meta";
    static final String MARKER = "idem:store";
    private static final long IN_PROGRESS_GRACE_MS = Duration.ofHours(1).toMillis();
    private static final int SCAN_BATCH = 500;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private final String description;
    private final Vocabulary words;
    private final RetryingRedis redis;
    private final String storeId;

    /**
     * Connects to the server.
     *
     * @param uri            {@code redis://[[user]:password@]host[:port][/db][?retryFor=30s]} (or {@code rediss://})
     * @param connectTimeout how long to try to reach the server at first
     * @param commandTimeout how long one command may take before it is sent again (the URI's {@code ?timeout=}
     *                       wins when given)
     * @throws InvalidStoreUriException  if the URI is malformed or names a database the server does not have
     * @throws StoreUnavailableException if the server cannot be reached or refuses the credentials
     */
    public RedisExecutionStore(URI uri, Duration connectTimeout, Duration commandTimeout) {
        this(uri, connectTimeout, commandTimeout, Vocabulary.commandLine());
    }

    /** As {@link #RedisExecutionStore(URI, Duration, Duration)}, with the words a failure uses for the store setting. */
    public RedisExecutionStore(URI uri, Duration connectTimeout, Duration commandTimeout, Vocabulary words) {
        Objects.requireNonNull(uri, "uri");
        this.words = Objects.requireNonNull(words, "words");
        RedisURI redisUri = parse(uri);
        if (!hasParameter(uri, RedisURI.PARAMETER_NAME_TIMEOUT)) {
            redisUri.setTimeout(commandTimeout);
        }
        this.description = safeDescription(redisUri);
        this.redis = new RetryingRedis(redisUri, description, connectTimeout, retryFor(uri), words);
        try {
            redis.connect();
            this.storeId = markStore();
        } catch (RedisException e) {
            redis.close();
            throw connectFailure(e, redisUri);
        } catch (StoreUnavailableException e) {
            redis.close();
            throw e;
        }
    }

    public RedisExecutionStore(URI uri) {
        this(uri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    private static RedisURI parse(URI uri) {
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "");
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]") && !authority.substring(colon + 1).matches("\\d{1,5}")) {
            throw new InvalidStoreUriException("not a Redis URI: " + safeDescription(uri)
                    + " (use redis://host:port/db, the port a number such as 6379)");
        }
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidStoreUriException("not a Redis URI: " + safeDescription(uri)
                    + " (use redis://host:port/db, the database a number such as 0)", e);
        }
        if (redisUri.getHost() == null || redisUri.getHost().isBlank()) {
            throw new InvalidStoreUriException("not a Redis URI: " + safeDescription(uri)
                    + " names no host (use redis://host:port/db, the port a number such as 6379)");
        }
        return redisUri;
    }

    private static boolean hasParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        return query != null && Pattern.compile("(^|&)" + Pattern.quote(name) + "=").matcher(query).find();
    }

    private static Duration retryFor(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return DEFAULT_RETRY_FOR;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("retryFor=")) {
                Matcher m = DURATION.matcher(parameter.substring("retryFor=".length()));
                if (!m.matches()) {
                    throw new InvalidStoreUriException("retryFor in " + safeDescription(uri)
                            + " must be a duration such as 500ms, 30s or 2m");
                }
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMinutes(amount);
                };
            }
        }
        return DEFAULT_RETRY_FOR;
    }

    /** Writes this database's marker unless there is one, and returns it. */
    private String markStore() {
        String mine = UUID.randomUUID().toString();
        redis.call(r -> r.set(MARKER, mine, SetArgs.Builder.nx()));
        String id = redis.call(r -> r.get(MARKER));
        return id == null ? mine : id;
    }

    private RuntimeException connectFailure(RedisException e, RedisURI redisUri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (!(cause instanceof RedisCommandExecutionException)) {
                continue;
            }
            if (message.contains("WRONGPASS") || message.contains("NOAUTH") || message.contains("AUTH")) {
                return new StoreUnavailableException("Redis at " + description
                        + " refused the credentials (fix the user and password in " + words.store() + ")", e);
            }
            if (message.contains("DB index")) {
                return new InvalidStoreUriException("Redis at " + description + " has no database "
                        + redisUri.getDatabase() + ": " + message.strip() + " (use a database the server has,"
                        + " 0 to 15 unless 'databases' in redis.conf says more)", e);
            }
            return new StoreUnavailableException("Redis at " + description + " refused the connection: "
                    + message.strip() + " (fix " + words.store() + " or the server's configuration)", e);
        }
        return new StoreUnavailableException("cannot reach Redis at " + description
                + " (start redis-server or fix " + words.store() + ")", e);
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

    private static String key(Fingerprint fingerprint) {
        return RedisRecords.key(fingerprint);
    }

    private long evalLong(String script, String key, String... args) {
        Long result = redis.call(r -> r.eval(script, ScriptOutputType.INTEGER, new String[] {key}, args));
        return result == null ? 0 : result;
    }

    @Override
    public Claim claim(Fingerprint fingerprint, String owner, Duration lease) {
        return claim(fingerprint, owner, lease, false);
    }

    @Override
    public Claim claimAfresh(Fingerprint fingerprint, String owner, Duration lease) {
        return claim(fingerprint, owner, lease, true);
    }

    private Claim claim(Fingerprint fingerprint, String owner, Duration lease, boolean afresh) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        String nonce = UUID.randomUUID().toString();
        List<Object> reply = redis.call(r -> r.eval(RedisScripts.CLAIM, ScriptOutputType.MULTI,
                new String[] {key(fingerprint), FENCE, MARKER}, owner == null ? "" : owner,
                Long.toString(Math.max(1, lease.toMillis())), Long.toString(IN_PROGRESS_GRACE_MS),
                afresh ? "1" : "0", nonce, storeId));
        if ("RESET".equals(reply.get(0))) {
            throw new StoreUnavailableException("the Redis store at " + description + " was emptied while idem was"
                    + " using it (a FLUSHDB or FLUSHALL, or a restart without persistence): its records are gone"
                    + " (stop whatever empties it, or give idem a database of its own; rerun to start afresh)", null);
        }
        return RedisRecords.claimFrom(fingerprint, reply);
    }

    @Override
    public boolean complete(Fingerprint fingerprint, long fencingToken, Completion completion, Duration ttl) {
        Objects.requireNonNull(completion, "completion");
        return evalLong(RedisScripts.COMPLETE, key(fingerprint), Long.toString(fencingToken), ttlMillis(ttl),
                completion.text(), completion.model(), Long.toString(completion.usage().inputTokens()),
                Long.toString(completion.usage().outputTokens()), Long.toString(completion.latency().toNanos()),
                completion.finishReason(), completion.note()) == 1;
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
        return RedisRecords.fromHash(fingerprint, redis.call(r -> r.hgetall(key(fingerprint))));
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
            purged += redis.call(r -> r.del(batch));
        }
        return purged;
    }

    private List<String> recordKeys() {
        List<String> keys = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(RedisRecords.RECORD_PREFIX + "*").limit(SCAN_BATCH);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = redis.call(r -> r.scan(from, args));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys.stream().distinct().toList();
    }

    @Override
    public StoreStats stats() {
        List<String> time = redis.call(RedisCommands::time);
        long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        long inProgress = 0;
        long completed = 0;
        long failed = 0;
        long expired = 0;
        for (String key : recordKeys()) {
            List<KeyValue<String, String>> values = redis.call(r -> r.hmget(key, "state", "expires"));
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
        List<KeyValue<String, String>> run = redis.call(r -> r.hmget(META, "last_run_calls", "last_run_replays"));
        Optional<StoreStats.LastRun> lastRun = run.size() == 2 && run.get(0).hasValue() && run.get(1).hasValue()
                ? Optional.of(new StoreStats.LastRun(Long.parseLong(run.get(0).getValue()),
                        Long.parseLong(run.get(1).getValue())))
                : Optional.empty();
        return new StoreStats(inProgress, completed, failed, expired, -1, lastRun);
    }

    @Override
    public void recordRun(long calls, long replays) {
        redis.call(r -> r.hset(META, Map.of("last_run_calls", Long.toString(calls),
                "last_run_replays", Long.toString(replays))));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        redis.close();
    }
}
