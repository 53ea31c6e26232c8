package dev.idem.domain.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One row of a spec's {@code testData}.
 *
 * @param number     1-based position in {@code testData}
 * @param variables  values for the spec's placeholders, in file order
 * @param expected   the row's expected value, if any; acts as an implicit contains check when no evaluator
 *                   refers to {@code {{expected}}}
 * @param evaluators evaluators that apply to this row only
 * @param name       an optional label (a row's {@code name} or {@code description}); see {@link #label()}
 */
public record TestCase(int number, Map<String, String> variables, Optional<String> expected,
                       List<EvaluatorSpec> evaluators, Optional<String> name) {

    /** The most characters of a value a label shows. */
    public static final int LABEL_LENGTH = 40;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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

    /**
     * The label shown in reports: the row's name; else its first variable's value on one line, cut at a word
     * before {@value #LABEL_LENGTH} characters (so that a reader can tell rows apart by what they ask); else
     * {@code case N}.
     */
    public String label() {
        return name.orElseGet(() -> variables.values().stream().findFirst()
                .map(v -> WHITESPACE.matcher(v).replaceAll(" ").strip())
                .filter(v -> !v.isEmpty())
                .map(TestCase::shortened)
                .orElse("case " + number));
    }

    /**
     * The rows, where unnamed rows whose labels would be the same (their first values are) are named by that label
     * and their number, {@code retries (case 2)}: cases must be told apart in every report (JUnit's test names).
     */
    static List<TestCase> distinctlyLabelled(List<TestCase> rows) {
        Map<String, Long> uses = rows.stream().collect(Collectors.groupingBy(TestCase::label, Collectors.counting()));
        return rows.stream().map(r -> r.name().isEmpty() && uses.get(r.label()) > 1
                ? new TestCase(r.number(), r.variables(), r.expected(), r.evaluators(),
                        Optional.of(r.label() + " (case " + r.number() + ")"))
                : r).toList();
    }

    private static String shortened(String value) {
        if (value.length() <= LABEL_LENGTH) {
            return value;
        }
        int cut = value.lastIndexOf(' ', LABEL_LENGTH - 1);
        // a long first word is cut where it must be rather than leaving a label of a few characters
        return value.substring(0, cut < LABEL_LENGTH / 2 ? LABEL_LENGTH - 1 : cut).strip() + "…";
    }
}
