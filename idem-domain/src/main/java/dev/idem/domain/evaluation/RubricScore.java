package dev.idem.domain.evaluation;

import java.util.List;

/**
 * How well a design covers the rubric.
 *
 * @param score           weighted share of covered items, 0..1 (0 when the refusal gate fails)
 * @param covered         ids of covered items, in rubric order
 * @param missingCritical ids of uncovered critical items
 * @param missing         ids of every uncovered item, critical ones included
 */
public record RubricScore(double score, List<String> covered, List<String> missingCritical, List<String> missing) {

    private static final double TOLERANCE = 1e-9;

    public RubricScore {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be within 0..1: " + score);
        }
        covered = List.copyOf(covered == null ? List.of() : covered);
        missingCritical = List.copyOf(missingCritical == null ? List.of() : missingCritical);
        missing = List.copyOf(missing == null ? List.of() : missing);
    }

    /** Whether every critical item is covered and the score reaches the threshold. */
    public boolean passes(double threshold) {
        return missingCritical.isEmpty() && score + TOLERANCE >= threshold;
    }
}
