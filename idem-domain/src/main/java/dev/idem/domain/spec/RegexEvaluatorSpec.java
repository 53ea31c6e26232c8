package dev.idem.domain.spec;

import dev.idem.domain.template.Placeholders;
import dev.idem.domain.template.RegexTemplate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Passes when the pattern is found anywhere in the reply ({@link java.util.regex.Matcher#find()}), or, negated,
 * when it is found nowhere. Inline flags such as {@code (?i)} work, and so do flags written beside the pattern.
 * The pattern is read as its author meant it in Python, JavaScript or Go (a brace that starts no quantifier is
 * literal, {@code (?P<name>…)} is a named group; see {@link dev.idem.domain.template.PortableRegex}). A
 * {@code {{placeholder}}} in the pattern is filled from each test row (as promptfoo does), with the value matched
 * as literal text: a value is data, never part of the pattern.
 *
 * @param name    evaluator name
 * @param pattern the pattern as written, possibly holding placeholders
 * @param flags   flags written beside the pattern
 * @param negated whether the reply passes when the pattern is <em>not</em> found
 */
public record RegexEvaluatorSpec(String name, String pattern, Set<RegexFlag> flags, boolean negated)
        implements EvaluatorSpec {

    /**
     * @throws java.util.regex.PatternSyntaxException if the pattern does not compile (with any values filled in)
     */
    public RegexEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        flags = flags == null || flags.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        RegexTemplate.checkSyntax(pattern, RegexFlag.bits(flags));
    }

    /**
     * The evaluator spec for a pattern that must be found, without flags.
     *
     * @throws java.util.regex.PatternSyntaxException if it does not compile
     */
    public static RegexEvaluatorSpec of(String name, String pattern) {
        return new RegexEvaluatorSpec(name, pattern, Set.of(), false);
    }

    /** The {@link java.util.regex.Pattern} flags the pattern is compiled with. */
    public int patternFlags() {
        return RegexFlag.bits(flags);
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
