package dev.idem.domain.evaluation;

import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores a design against the rubric: passes when no critical item is missing and the score reaches the
 * spec's threshold. The verdict's score is the rubric score; its details are one line with the score and the ids
 * missed, then a line per item missed with its weight and requirement. A reply that is the refusal is not a design
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
        // the ids alone give a reader nothing to act on: each item missed follows on its own line, with what it asks
        for (String id : score.missing()) {
            details.append('\n').append(missed(rubric.item(id)));
        }
        return new Verdict(score.passes(spec.threshold()), score.score(), details.toString());
    }

    /** {@code - KEY-1 (critical, weight 3): Client-generated high-entropy key ...} */
    private static String missed(RubricItem item) {
        return "- " + item.id() + " (" + (item.critical() ? "critical, " : "") + "weight " + item.weight() + ")"
                + (item.requirement().isEmpty() ? "" : ": " + item.requirement());
    }
}
