package dev.idem.domain.evaluation;

import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.spec.TestCase;

/** The refusal gate, both ways: exactly the refusal when one is expected, no refusal anywhere otherwise. */
final class RefusalEvaluator implements Evaluator {

    private final RefusalEvaluatorSpec spec;

    RefusalEvaluator(RefusalEvaluatorSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Verdict evaluate(String output, TestCase testCase) {
        if (spec.expectRefusal()) {
            return Refusal.isRefusal(output)
                    ? Verdict.pass("reply is exactly the refusal " + RefusalEvaluatorSpec.REFUSAL)
                    : Verdict.fail("expected exactly the refusal " + RefusalEvaluatorSpec.REFUSAL + ", got "
                            + Excerpt.quoted(output));
        }
        return Refusal.containsRefusal(output)
                ? Verdict.fail("expected no refusal, but the reply contains " + RefusalEvaluatorSpec.REFUSAL + ": "
                        + Excerpt.quoted(output))
                : Verdict.pass("expected no refusal " + RefusalEvaluatorSpec.REFUSAL + ", and found none");
    }
}
