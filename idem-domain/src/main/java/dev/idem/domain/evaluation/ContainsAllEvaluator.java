package dev.idem.domain.evaluation;

import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.TemplateRenderer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Passes when the reply contains every value, ignoring case; a failure names each value it lacks. */
final class ContainsAllEvaluator implements Evaluator {

    private final ContainsAllEvaluatorSpec spec;

    ContainsAllEvaluator(ContainsAllEvaluatorSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Verdict evaluate(String output, TestCase testCase) {
        String reply = output == null ? "" : output;
        String lowerReply = reply.toLowerCase(Locale.ROOT);
        List<String> values = spec.values().stream()
                .map(v -> TemplateRenderer.fill(v, testCase.templateValues())).toList();
        List<String> missing = values.stream()
                .filter(v -> !lowerReply.contains(v.toLowerCase(Locale.ROOT))).toList();
        String lookedFor = "output containing all of " + quoted(values) + " (ignoring case)";
        return missing.isEmpty()
                ? Verdict.pass("expected " + lookedFor)
                : Verdict.fail("expected " + lookedFor + "; missing " + quoted(missing) + " in "
                        + Excerpt.quoted(reply));
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }
}
