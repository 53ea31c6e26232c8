package dev.idem.domain.evaluation;

import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.DesignFormatEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns evaluator specs into evaluators, for the kinds the domain can judge on its own: {@code regex},
 * {@code string}, {@code contains-all}, {@code refusal} and {@code design-format}. The others need something from outside: a
 * JSON parser ({@code json}), a model ({@code llm}, {@code uses}) or the loaded rubric ({@code rubric}, see
 * {@link RubricEvaluator}).
 */
public final class Evaluators {

    private Evaluators() {
    }

    /**
     * The evaluator for a spec.
     *
     * @param regexBudget how long a {@code regex} evaluator may search one reply
     * @return the evaluator, or empty for {@code json}, {@code llm}, {@code uses} and {@code rubric}
     */
    public static Optional<Evaluator> of(EvaluatorSpec spec, RegexBudget regexBudget) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(regexBudget, "regexBudget");
        if (spec instanceof RegexEvaluatorSpec regex) {
            return Optional.of(new RegexEvaluator(regex, regexBudget));
        }
        if (spec instanceof StringEvaluatorSpec string) {
            return Optional.of(new StringEvaluator(string));
        }
        if (spec instanceof ContainsAllEvaluatorSpec all) {
            return Optional.of(new ContainsAllEvaluator(all));
        }
        if (spec instanceof RefusalEvaluatorSpec refusal) {
            return Optional.of(new RefusalEvaluator(refusal));
        }
        if (spec instanceof DesignFormatEvaluatorSpec format) {
            return Optional.of(new DesignFormatEvaluator(format));
        }
        return Optional.empty();
    }
}
