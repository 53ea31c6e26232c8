package dev.idem.domain.evaluation;

import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.TemplateRenderer;
import java.util.Locale;

/**
 * GitHub Models' string check: the value is templated with the row's variables and {@code {{expected}}};
 * {@code equals} compares exactly, the others ignore case. A negated check passes when the comparison fails.
 */
final class StringEvaluator implements Evaluator {

    private final StringEvaluatorSpec spec;

    StringEvaluator(StringEvaluatorSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Verdict evaluate(String output, TestCase testCase) {
        String reply = output == null ? "" : output;
        String value = TemplateRenderer.fill(spec.value(), testCase.templateValues());
        String lowerReply = reply.toLowerCase(Locale.ROOT);
        String lowerValue = value.toLowerCase(Locale.ROOT);
        boolean passed;
        String lookedFor;
        switch (spec.operation()) {
            case EQUALS:
                passed = reply.equals(value);
                lookedFor = "output equal to '" + value + "' (case-sensitive)";
                break;
            case CONTAINS:
                passed = lowerReply.contains(lowerValue);
                lookedFor = "output containing '" + value + "' (ignoring case)";
                break;
            case STARTS_WITH:
                passed = lowerReply.startsWith(lowerValue);
                lookedFor = "output starting with '" + value + "' (ignoring case)";
                break;
            case ENDS_WITH:
                passed = lowerReply.endsWith(lowerValue);
                lookedFor = "output ending with '" + value + "' (ignoring case)";
                break;
            default:
                throw new IllegalStateException("unknown operation " + spec.operation());
        }
        if (spec.negated()) {
            return passed
                    ? Verdict.fail("expected no " + lookedFor + ", got " + Excerpt.quoted(reply))
                    : Verdict.pass("expected no " + lookedFor);
        }
        return passed
                ? Verdict.pass("expected " + lookedFor)
                : Verdict.fail("expected " + lookedFor + ", got " + Excerpt.quoted(reply));
    }
}
