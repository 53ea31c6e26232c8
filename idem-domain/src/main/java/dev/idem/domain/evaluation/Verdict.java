package dev.idem.domain.evaluation;

import java.util.Objects;

/**
 * What one evaluator concluded about one reply, or that it did not judge it.
 *
 * @param passed  whether the reply passes
 * @param score   0..1
 * @param details a short human explanation
 * @param skipped whether the evaluator did not judge the reply at all (the user asked to skip the evaluators it
 *                could not run, e.g. a judge without a judge model); a skipped verdict never passes
 */
public record Verdict(boolean passed, double score, String details, boolean skipped) {
    public Verdict {
        Objects.requireNonNull(details, "details");
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be within 0..1: " + score);
        }
        if (skipped && (passed || score != 0)) {
            throw new IllegalArgumentException("a skipped verdict neither passes nor scores");
        }
    }

    /** A verdict of an evaluator that judged the reply. */
    public Verdict(boolean passed, double score, String details) {
        this(passed, score, details, false);
    }

    public static Verdict pass(String details) {
        return new Verdict(true, 1.0, details);
    }

    public static Verdict fail(String details) {
        return new Verdict(false, 0.0, details);
    }

    /** The evaluator did not judge the reply, for this reason. */
    public static Verdict skipped(String why) {
        return new Verdict(false, 0.0, why, true);
    }
}
