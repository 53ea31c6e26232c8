package dev.idem.domain.spec;

import java.util.Objects;

/**
 * GitHub Models' {@code string} evaluator: {@code equals} is case-sensitive; {@code contains},
 * {@code startsWith} and {@code endsWith} ignore case. The value is templated with the row's variables and
 * {@code {{expected}}}. Negated ({@code notContains}, promptfoo's {@code not-contains}), the reply passes when
 * the comparison does not hold.
 *
 * @param name      evaluator name
 * @param operation the comparison
 * @param value     the value, possibly holding {@code {{placeholders}}}
 * @param negated   whether the reply passes when the comparison does <em>not</em> hold
 */
public record StringEvaluatorSpec(String name, Operation operation, String value, boolean negated)
        implements EvaluatorSpec {

    /** The comparison a string evaluator makes. */
    public enum Operation { EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH }

    public StringEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(value, "value");
    }

    /** A comparison that must hold. */
    public StringEvaluatorSpec(String name, Operation operation, String value) {
        this(name, operation, value, false);
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
