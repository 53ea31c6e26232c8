package dev.idem.port.in;

import dev.idem.domain.execution.RetryPolicy;
import java.time.Duration;

/**
 * How model calls are made: retried by {@code retryPolicy}; with {@code useCache}, replayed from the
 * execution store when an identical call completed before, and stored for {@code cacheTtl}.
 *
 * <p>A request the provider rejected (a 400, a content filter) is remembered for {@code failureTtl} only: long
 * enough that identical calls in flight at the same moment (threads, CI shards, a rerun straight away) do not pay
 * for the same rejection again, short enough that a change on the provider's side (a larger context window, a
 * moderation fix) is seen minutes later, not days. Zero records no failure at all.
 *
 * @param retryPolicy when to try a failed call again
 * @param useCache    false for {@code --no-cache}: always call the model and never replay; the fresh outcome
 *                    still replaces what the store held, so later runs replay it
 * @param cacheTtl    how long completed calls are kept
 * @param failureTtl  how long a rejected request is remembered (zero: never)
 */
public record ExecutionOptions(RetryPolicy retryPolicy, boolean useCache, Duration cacheTtl, Duration failureTtl) {

    /** 14 days: long enough to rerun an evaluation after a fix without paying again. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(14);

    /** 10 minutes: covers identical calls made at about the same time, and nothing older. */
    public static final Duration DEFAULT_FAILURE_TTL = Duration.ofMinutes(10);

    /**
     * @throws InvalidCommandException if a field is missing, the cache TTL is not positive or the failure TTL is
     *                                 negative
     */
    public ExecutionOptions {
        InvalidCommandException.required(retryPolicy, "retryPolicy");
        InvalidCommandException.required(cacheTtl, "cacheTtl");
        InvalidCommandException.required(failureTtl, "failureTtl");
        if (cacheTtl.isNegative() || cacheTtl.isZero()) {
            throw new InvalidCommandException("cache TTL must be positive: " + cacheTtl);
        }
        if (failureTtl.isNegative()) {
            throw new InvalidCommandException("failure TTL must not be negative: " + failureTtl);
        }
    }

    /** With the default failure TTL. */
    public ExecutionOptions(RetryPolicy retryPolicy, boolean useCache, Duration cacheTtl) {
        this(retryPolicy, useCache, cacheTtl, DEFAULT_FAILURE_TTL);
    }

    /** Default retries, cache on, 14-day TTL, failures remembered for 10 minutes. */
    public static ExecutionOptions defaults() {
        return new ExecutionOptions(RetryPolicy.defaults(), true, DEFAULT_TTL, DEFAULT_FAILURE_TTL);
    }

    public ExecutionOptions withRetryPolicy(RetryPolicy policy) {
        return new ExecutionOptions(policy, useCache, cacheTtl, failureTtl);
    }

    public ExecutionOptions withCache(boolean use) {
        return new ExecutionOptions(retryPolicy, use, cacheTtl, failureTtl);
    }

    public ExecutionOptions withFailureTtl(Duration ttl) {
        return new ExecutionOptions(retryPolicy, useCache, cacheTtl, ttl);
    }
}
