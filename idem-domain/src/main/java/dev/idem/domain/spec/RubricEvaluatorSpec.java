package dev.idem.domain.spec;

import java.util.Objects;

/**
 * Scores a design against the idempotency rubric: passes when every critical item is covered and the
 * weighted score reaches the threshold.
 *
 * @param name      evaluator name
 * @param threshold minimum score, 0..1
 */
public record RubricEvaluatorSpec(String name, double threshold) implements EvaluatorSpec {
    public RubricEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be within 0..1: " + threshold);
        }
    }

    @Override
    public String kind() {
        return "rubric";
    }
}
