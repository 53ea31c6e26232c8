package dev.idem.domain.spec;

import java.util.List;
import java.util.Objects;

/**
 * Passes when the reply contains every one of the values, ignoring case as idem's {@code contains} does
 * (promptfoo's {@code contains-all}, the corpus's {@code contains_all}, {@code includes_all} and
 * {@code string_match} with several patterns). Each value is templated with the row's variables and
 * {@code {{expected}}}.
 *
 * @param name   evaluator name
 * @param values the values to find, in spec order; at least one
 */
public record ContainsAllEvaluatorSpec(String name, List<String> values) implements EvaluatorSpec {

    public ContainsAllEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a contains-all evaluator needs at least one value");
        }
    }

    @Override
    public String kind() {
        return "contains-all";
    }

    @Override
    public boolean referencesExpected() {
        return values.stream().anyMatch(v -> v.matches("(?s).*\\{\\{\\s*expected\\s*}}.*"));
    }
}
