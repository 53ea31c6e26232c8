package dev.idem.domain.execution;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed model call again: capped exponential backoff with full jitter
 * ({@code random(0, min(maxDelay, baseDelay * 2^retry))}), at most {@code maxAttempts} attempts in all, within
 * an overall {@code deadline}; a server's Retry-After is honoured up to {@code maxRetryAfter}.
 *
 * @param maxAttempts   attempts in all, including the first; 1 means never retry
 * @param baseDelay     backoff before the first retry grows from this
 * @param maxDelay      cap on a backoff
 * @param maxRetryAfter cap on a server-requested wait
 * @param deadline      overall budget for all attempts and waits
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                          Duration deadline) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(deadline, "deadline");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative()
                || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, maxRetryAfter >= 0, deadline > 0");
        }
    }

    /** 5 attempts, 200 ms base, 10 s cap, Retry-After up to 30 s, 5 minutes overall. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(5));
    }

    /** One attempt, no retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5));
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, maxRetryAfter, deadline);
    }

    public RetryPolicy withDeadline(Duration newDeadline) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, newDeadline);
    }

    /**
     * The full-jitter backoff before retry number {@code retry} (1 for the first retry).
     */
    public Duration backoff(int retry, RandomSource random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1: " + retry);
        }
        double exponential = baseDelay.toMillis() * Math.pow(2, retry - 1);
        long cap = (long) Math.min(maxDelay.toMillis(), exponential);
        return Duration.ofMillis((long) Math.floor(random.nextDouble() * cap));
    }

    /**
     * Decides whether to retry after a failed attempt, and after how long.
     *
     * @param attemptsMade attempts made so far (at least 1)
     * @param retryAfter   the wait the server asked for, if any
     * @param elapsed      time spent since the first attempt began
     * @param random       jitter source
     * @return the wait before the next attempt, or empty to give up (attempts or deadline exhausted)
     */
    public Optional<Duration> nextDelay(int attemptsMade, Optional<Duration> retryAfter, Duration elapsed,
                                        RandomSource random) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = backoff(attemptsMade, random);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            Duration honoured = asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
            if (honoured.compareTo(wait) > 0) {
                wait = honoured;
            }
        }
        if (elapsed.plus(wait).compareTo(deadline) >= 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
