package dev.idem.domain.spec;

import java.util.Objects;

/**
 * The flagship prompt's format rules: bold decisions and transitions, bullets only in the failure-mode,
 * concurrency and storage sections, no introduction or conclusion.
 *
 * @param name evaluator name
 */
public record DesignFormatEvaluatorSpec(String name) implements EvaluatorSpec {
    public DesignFormatEvaluatorSpec {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String kind() {
        return "design-format";
    }
}
