package dev.idem.domain.evaluation;

import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A row's {@code expected} value as an implicit check: when no evaluator of the row refers to
 * {@code {{expected}}}, the reply must contain the expected value, ignoring case.
 */
public final class ExpectedCheck {

    /** The name the implicit check has in reports. */
    public static final String NAME = "expected";

    private static final Evaluator EVALUATOR = new Evaluator() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Verdict evaluate(String output, TestCase testCase) {
            if (testCase.expected().isEmpty()) {
                return Verdict.pass("the row has no expected value");
            }
            String expected = testCase.expected().get();
            String reply = output == null ? "" : output;
            String lookedFor = "expected output containing '" + expected + "' (ignoring case)";
            return reply.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT))
                    ? Verdict.pass(lookedFor)
                    : Verdict.fail(lookedFor + ", got " + Excerpt.quoted(reply));
        }
    };

    private ExpectedCheck() {
    }

    /**
     * Whether the implicit check applies to a row: it has a non-blank expected value and none of the
     * evaluators that apply to it refers to {@code {{expected}}}.
     *
     * @param testCase           the row
     * @param evaluatorsForCase  every evaluator that applies to it (spec-level and the row's own)
     */
    public static boolean applies(TestCase testCase, List<EvaluatorSpec> evaluatorsForCase) {
        Objects.requireNonNull(testCase, "testCase");
        return testCase.expected().filter(e -> !e.isBlank()).isPresent()
                && evaluatorsForCase.stream().noneMatch(EvaluatorSpec::referencesExpected);
    }

    /** The implicit check, named {@value #NAME}. */
    public static Evaluator evaluator() {
        return EVALUATOR;
    }
}
