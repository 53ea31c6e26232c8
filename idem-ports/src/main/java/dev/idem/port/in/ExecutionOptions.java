package dev.idem.port.in;

import dev.idem.domain.execution.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How model calls are made: retried by {@code retryPolicy}; with {@code useCache}, replayed from the
 * execution store when an identical call completed before, and stored for {@code cacheTtl}.
 *
 * @param retryPolicy when to try a failed call again
 * @param useCache    false for {@code --no-cache}: always call the model, neither reading nor writing the store
 * @param cacheTtl    how long completed calls are kept
 */
public record ExecutionOptions(RetryPolicy retryPolicy, boolean useCache, Duration cacheTtl) {

    /** 14 days: long enough to rerun an evaluation after a fix without paying again. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(14);

    public ExecutionOptions {
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative() || cacheTtl.isZero()) {
            throw new IllegalArgumentException("cache TTL must be positive: " + cacheTtl);
        }
    }

    /** Default retries, cache on, 14-day TTL. */
    public static ExecutionOptions defaults() {
        return new ExecutionOptions(RetryPolicy.defaults(), true, DEFAULT_TTL);
    }

    public ExecutionOptions withRetryPolicy(RetryPolicy policy) {
        return new ExecutionOptions(policy, useCache, cacheTtl);
    }

    public ExecutionOptions withCache(boolean use) {
        return new ExecutionOptions(retryPolicy, use, cacheTtl);
    }

    public ExecutionOptions withCacheTtl(Duration ttl) {
        return new ExecutionOptions(retryPolicy, useCache, ttl);
    }
}
