package dev.idem.port.in;

import dev.idem.domain.execution.TokenUsage;
import java.time.Duration;

/**
 * Totals of an evaluation.
 *
 * @param total    cases run (rows × repeats after filtering and sharding)
 * @param passed   cases whose every evaluator passed
 * @param failed   cases with at least one failing evaluator
 * @param errors   cases with no reply (provider failure after retries)
 * @param skipped  cases no evaluator failed but one was skipped (not passed: they lower the pass rate)
 * @param tokens   tokens used, replays excluded
 * @param calls    model calls made (requests that reached the provider, retries included)
 * @param replays  replies served from the execution store
 * @param wallTime time the whole evaluation took
 */
public record EvaluationSummary(int total, int passed, int failed, int errors, int skipped, TokenUsage tokens,
                                long calls, long replays, Duration wallTime) {

    /** Totals of an evaluation that skipped no evaluator. */
    public EvaluationSummary(int total, int passed, int failed, int errors, TokenUsage tokens, long calls,
                             long replays, Duration wallTime) {
        this(total, passed, failed, errors, 0, tokens, calls, replays, wallTime);
    }

    /** Passed over total, 0..1; 1 when there were no cases. Skipped cases count, as not passed. */
    public double passRate() {
        return total == 0 ? 1.0 : (double) passed / total;
    }
}
