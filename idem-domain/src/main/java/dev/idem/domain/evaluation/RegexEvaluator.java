package dev.idem.domain.evaluation;

import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.RegexTemplate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passes when the pattern is found anywhere in the reply (or, negated, nowhere), with the flags it was written
 * with and its placeholders filled from the row. A search that outruns its {@link RegexBudget}, or overflows the stack, fails
 * this evaluator with a message naming the pattern; it never hangs or ends the evaluation.
 */
final class RegexEvaluator implements Evaluator {

    private final RegexEvaluatorSpec spec;
    private final RegexBudget budget;
    /** The compiled pattern when it has no placeholders: the same for every row. */
    private final Optional<Pattern> fixed;

    RegexEvaluator(RegexEvaluatorSpec spec, RegexBudget budget) {
        this.spec = spec;
        this.budget = budget;
        this.fixed = spec.placeholders().isEmpty()
                ? Optional.of(RegexTemplate.compile(spec.pattern(), spec.patternFlags(), java.util.Map.of()))
                : Optional.empty();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Verdict evaluate(String output, TestCase testCase) {
        String reply = output == null ? "" : output;
        String lookedFor = "pattern /" + spec.pattern() + "/" + flagLetters();
        Optional<String> lacking = spec.placeholders().stream()
                .filter(name -> !testCase.templateValues().containsKey(name)).findFirst();
        if (lacking.isPresent()) {
            return Verdict.fail(lookedFor + " refers to '{{" + lacking.get() + "}}', which this test case does not "
                    + "provide");
        }
        Pattern pattern = fixed.orElseGet(() -> RegexTemplate.compile(spec.pattern(), spec.patternFlags(),
                testCase.templateValues()));
        long deadline = budget.clock().millis() + budget.limit().toMillis();
        try {
            Matcher m = pattern.matcher(new DeadlineText(reply, budget.clock(), deadline));
            boolean found = m.find();
            if (spec.negated()) {
                return found
                        ? Verdict.fail(lookedFor + " must not be found, but was: " + Excerpt.quoted(m.group()))
                        : Verdict.pass(lookedFor + " must not be found, and was not");
            }
            return found
                    ? Verdict.pass(lookedFor + " found: " + Excerpt.quoted(m.group()))
                    : Verdict.fail(lookedFor + " not found in " + Excerpt.quoted(reply));
        } catch (DeadlineText.Exceeded e) {
            return Verdict.fail(lookedFor + " gave up after " + seconds(budget) + " on a reply of " + reply.length()
                    + " characters: the pattern backtracks catastrophically (nested quantifiers such as (.*a){25}); "
                    + "simplify it");
        } catch (StackOverflowError e) {
            // Java's engine recurses once per repetition of a group such as (a|b)*: a long reply can exhaust the
            // stack of the thread, which unwinds intact once the search is abandoned.
            return Verdict.fail(lookedFor + " overflowed the stack on a reply of " + reply.length()
                    + " characters (a repeated group such as (a|b)* recurses once per repetition); simplify it, "
                    + "e.g. [ab]*");
        }
    }

    /** The flags written beside the pattern, as JavaScript shows them after it: {@code /a.b/s}. */
    private String flagLetters() {
        StringBuilder letters = new StringBuilder();
        spec.flags().forEach(f -> letters.append(f.letter()));
        return letters.toString();
    }

    private static String seconds(RegexBudget budget) {
        long millis = budget.limit().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
