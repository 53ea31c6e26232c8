package dev.idem.domain.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How long one regex evaluator may search one reply. Java's regex engine backtracks: a pattern such as
 * {@code (.*a){25}$} against a 41-character reply runs for minutes, so every search is bounded, and one that
 * runs out of time is that evaluator's failure, not a hung evaluation.
 *
 * @param clock measures the search
 * @param limit at most this long per evaluator and reply
 */
public record RegexBudget(Clock clock, Duration limit) {

    /** Far beyond any honest pattern (microseconds on a long reply), short enough not to stall a run. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(2);

    public RegexBudget {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a regex budget must be positive: " + limit);
        }
    }

    /** The default limit, measured by this clock. */
    public static RegexBudget of(Clock clock) {
        return new RegexBudget(clock, DEFAULT_LIMIT);
    }
}
