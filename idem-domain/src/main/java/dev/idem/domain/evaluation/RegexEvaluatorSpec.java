package dev.idem.domain.evaluation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Passes when the pattern is found anywhere in the reply ({@link java.util.regex.Matcher#find()}); inline
 * flags such as {@code (?i)} work.
 *
 * @param name    evaluator name
 * @param pattern the compiled pattern
 */
public record RegexEvaluatorSpec(String name, Pattern pattern) implements EvaluatorSpec {

    public RegexEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Compiles the pattern.
     *
     * @throws java.util.regex.PatternSyntaxException if it does not compile
     */
    public static RegexEvaluatorSpec of(String name, String pattern) {
        return new RegexEvaluatorSpec(name, Pattern.compile(pattern));
    }

    @Override
    public String kind() {
        return "regex";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegexEvaluatorSpec r && r.name.equals(name) && r.pattern.pattern().equals(pattern.pattern())
                && r.pattern.flags() == pattern.flags();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, pattern.pattern(), pattern.flags());
    }
}
