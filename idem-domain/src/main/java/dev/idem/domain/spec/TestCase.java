package dev.idem.domain.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a spec's {@code testData}.
 *
 * @param number     1-based position in {@code testData}
 * @param variables  values for the spec's placeholders, in file order
 * @param expected   the row's expected value, if any; acts as an implicit contains check when no evaluator
 *                   refers to {@code {{expected}}}
 * @param evaluators evaluators that apply to this row only
 * @param name       an optional label (a row's {@code name} or {@code description})
 */
public record TestCase(int number, Map<String, String> variables, Optional<String> expected,
                       List<EvaluatorSpec> evaluators, Optional<String> name) {

    public TestCase {
        if (number < 1) {
            throw new IllegalArgumentException("test cases are numbered from 1: " + number);
        }
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables == null ? Map.of() : variables));
        expected = expected == null ? Optional.empty() : expected;
        evaluators = List.copyOf(evaluators == null ? List.of() : evaluators);
        name = name == null ? Optional.empty() : name;
    }

    /** A row with only variables. */
    public static TestCase of(int number, Map<String, String> variables) {
        return new TestCase(number, variables, Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * The values templated into evaluator settings: the row's variables plus {@code expected}.
     */
    public Map<String, String> templateValues() {
        Map<String, String> all = new LinkedHashMap<>(variables);
        expected.ifPresent(e -> all.putIfAbsent("expected", e));
        return all;
    }

    /** The label shown in reports: the row's name, or {@code case N}. */
    public String label() {
        return name.orElse("case " + number);
    }
}
