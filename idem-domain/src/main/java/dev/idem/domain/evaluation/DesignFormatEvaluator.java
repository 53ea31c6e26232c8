package dev.idem.domain.evaluation;

import dev.idem.domain.spec.DesignFormatEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Judges a design against {@link DesignFormat}'s four rules. A reply that is the refusal is not a design
 * and fails. The score is the share of rules that hold.
 */
public final class DesignFormatEvaluator implements Evaluator {

    private static final int RULES = 4;

    private final DesignFormatEvaluatorSpec spec;

    /** @param spec the evaluator's spec, for its name */
    public DesignFormatEvaluator(DesignFormatEvaluatorSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
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
        List<FormatViolation> violations = DesignFormat.check(output);
        if (violations.isEmpty()) {
            return Verdict.pass("FMT-1 to FMT-4 hold: bold decisions, bullets in the failure-mode, concurrency"
                    + " and storage sections, no introduction or conclusion, no refusal");
        }
        return new Verdict(false, (double) (RULES - violations.size()) / RULES,
                violations.stream().map(FormatViolation::toString).collect(Collectors.joining("; ")));
    }
}
