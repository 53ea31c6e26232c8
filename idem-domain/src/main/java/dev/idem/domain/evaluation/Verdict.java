package dev.idem.domain.evaluation;

import java.util.Objects;

/**
 * What one evaluator concluded about one reply.
 *
 * @param passed  whether the reply passes
 * @param score   0..1
 * @param details a short human explanation
 */
public record Verdict(boolean passed, double score, String details) {
    public Verdict {
        Objects.requireNonNull(details, "details");
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be within 0..1: " + score);
        }
    }

    public static Verdict pass(String details) {
        return new Verdict(true, 1.0, details);
    }

    public static Verdict fail(String details) {
        return new Verdict(false, 0.0, details);
    }
}
