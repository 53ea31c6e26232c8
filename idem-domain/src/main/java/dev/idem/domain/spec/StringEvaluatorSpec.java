package dev.idem.domain.spec;

import java.util.Objects;

/**
 * GitHub Models' {@code string} evaluator: {@code equals} is case-sensitive; {@code contains},
 * {@code startsWith} and {@code endsWith} ignore case. The value is templated with the row's variables and
 * {@code {{expected}}}.
 *
 * @param name      evaluator name
 * @param operation the comparison
 * @param value     the value, possibly holding {@code {{placeholders}}}
 */
public record StringEvaluatorSpec(String name, Operation operation, String value) implements EvaluatorSpec {

    /** The comparison a string evaluator makes. */
    public enum Operation { EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH }

    public StringEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String kind() {
        return "string";
    }

    @Override
    public boolean referencesExpected() {
        return value.matches("(?s).*\\{\\{\\s*expected\\s*}}.*");
    }
}
