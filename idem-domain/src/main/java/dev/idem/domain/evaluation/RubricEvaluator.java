package dev.idem.domain.evaluation;

import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores a design against the rubric: passes when no critical item is missing and the score reaches the
 * spec's threshold. The verdict's score is the rubric score. A reply that is the refusal is not a design
 * and fails.
 */
public final class RubricEvaluator implements Evaluator {

    private final RubricEvaluatorSpec spec;
    private final Rubric rubric;

    /**
     * @param spec   the evaluator's name and threshold
     * @param rubric the rubric, loaded outside the domain (e.g. from {@code domain/rubric.json})
     */
    public RubricEvaluator(RubricEvaluatorSpec spec, Rubric rubric) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.rubric = Objects.requireNonNull(rubric, "rubric");
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Verdict evaluate(String output, TestCase testCase) {
        if (Refusal.isRefusal(output)) {
            return Verdict.fail("refusal, not a design");
        }
        RubricScore score = rubric.score(output);
        String summary = String.format(Locale.ROOT, "rubric score %.2f (threshold %.2f)", score.score(),
                spec.threshold());
        StringBuilder details = new StringBuilder(summary);
        if (score.missingCritical().isEmpty()) {
            details.append("; every critical item covered");
        } else {
            details.append("; missing critical: ").append(String.join(", ", score.missingCritical()));
        }
        if (!score.missing().isEmpty()) {
            details.append("; missing: ").append(String.join(", ", score.missing()));
        }
        return new Verdict(score.passes(spec.threshold()), score.score(), details.toString());
    }
}
