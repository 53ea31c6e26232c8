package dev.idem.port.in;

import dev.idem.domain.evaluation.Verdict;
import java.util.Objects;

/**
 * One evaluator's verdict on one case.
 *
 * @param name    evaluator name
 * @param kind    evaluator kind ({@code regex}, {@code string}, {@code expected}, ...)
 * @param verdict the verdict
 */
public record EvaluatorOutcome(String name, String kind, Verdict verdict) {
    public EvaluatorOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(verdict, "verdict");
    }
}
