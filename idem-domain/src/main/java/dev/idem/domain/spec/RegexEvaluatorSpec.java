package dev.idem.domain.spec;

import dev.idem.domain.template.Placeholders;
import dev.idem.domain.template.RegexTemplate;
import java.util.List;
import java.util.Objects;

/**
 * Passes when the pattern is found anywhere in the reply ({@link java.util.regex.Matcher#find()}); inline
 * flags such as {@code (?i)} work. A {@code {{placeholder}}} in the pattern is filled from each test row (as
 * promptfoo does), with the value matched as literal text: a value is data, never part of the pattern.
 *
 * @param name    evaluator name
 * @param pattern the pattern as written, possibly holding placeholders
 */
public record RegexEvaluatorSpec(String name, String pattern) implements EvaluatorSpec {

    /**
     * @throws java.util.regex.PatternSyntaxException if the pattern does not compile (with any values filled in)
     */
    public RegexEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        RegexTemplate.checkSyntax(pattern);
    }

    /**
     * The evaluator spec for a pattern.
     *
     * @throws java.util.regex.PatternSyntaxException if it does not compile
     */
    public static RegexEvaluatorSpec of(String name, String pattern) {
        return new RegexEvaluatorSpec(name, pattern);
    }

    /** The names of the placeholders each row must provide. */
    public List<String> placeholders() {
        return Placeholders.names(pattern);
    }

    @Override
    public String kind() {
        return "regex";
    }

    @Override
    public boolean referencesExpected() {
        return placeholders().contains("expected");
    }
}
