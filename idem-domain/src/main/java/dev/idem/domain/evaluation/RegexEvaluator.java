package dev.idem.domain.evaluation;

import dev.idem.domain.spec.TestCase;
import java.util.regex.Matcher;

/** Passes when the pattern is found anywhere in the reply, with the flags it was compiled with. */
final class RegexEvaluator implements Evaluator {

    private final RegexEvaluatorSpec spec;

    RegexEvaluator(RegexEvaluatorSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Verdict evaluate(String output, TestCase testCase) {
        String reply = output == null ? "" : output;
        Matcher m = spec.pattern().matcher(reply);
        String lookedFor = "pattern /" + spec.pattern().pattern() + "/";
        return m.find()
                ? Verdict.pass(lookedFor + " found: " + Excerpt.quoted(m.group()))
                : Verdict.fail(lookedFor + " not found in " + Excerpt.quoted(reply));
    }
}
