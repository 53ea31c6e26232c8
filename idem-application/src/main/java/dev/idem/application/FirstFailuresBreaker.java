package dev.idem.application;

import java.util.Optional;

/**
 * A circuit breaker for a provider that is down or misconfigured: when the first {@value #TRIP_AFTER} cases all fail
 * (after their own retries) and none has succeeded, the remaining cases are not sent, so a run of 1000 cases against
 * a dead server ends in seconds rather than after 1000 rounds of backoff. Once any case succeeds, failures are the
 * provider's flakiness and every case is tried.
 */
final class FirstFailuresBreaker {
    static final int TRIP_AFTER = 8;
    private int failuresInRow;
    private boolean anySuccess;
    private volatile String openBecause;

    synchronized void succeeded() {
        anySuccess = true;
        failuresInRow = 0;
    }

    synchronized void failed(String why) {
        if (!anySuccess && ++failuresInRow >= TRIP_AFTER && openBecause == null) {
            openBecause = why;
        }
    }

    Optional<String> openBecause() {
        return Optional.ofNullable(openBecause);
    }
}
