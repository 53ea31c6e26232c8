package dev.idem.adapter.yaml;

import dev.idem.adapter.yaml.EvaluatorKeys.Named;
import dev.idem.adapter.yaml.EvaluatorKeys.Subject;
import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.RegexFlag;
import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.template.PortableRegex;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The dialects of checks that look for text in the reply: GitHub Models' {@code string:} (and the spellings
 * {@code notContains}, {@code does_not_contain}, {@code includes}, {@code regex}, {@code matches},
 * {@code isJSON} found in the wild), {@code regex:}, and the {@code type:} families {@code regex},
 * {@code contains} and its aliases, {@code contains_all}, {@code string_match} and {@code expected_output}.
 */
final class MatchDialects {

    /** The value of the row's {@code expected}, for checks that compare with it. */
    static final String EXPECTED = "{{expected}}";

    /** What a key of {@code string:} asks for, its spelling normalised (lower case, no {@code _} or {@code -}). */
    private enum Check { CONTAINS, EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS_ALL, REGEX, JSON }

    private static final Map<String, Check> STRING_CHECKS = Map.ofEntries(
            Map.entry("contains", Check.CONTAINS), Map.entry("contain", Check.CONTAINS),
            Map.entry("includes", Check.CONTAINS), Map.entry("include", Check.CONTAINS),
            Map.entry("equals", Check.EQUALS), Map.entry("equal", Check.EQUALS),
            Map.entry("startswith", Check.STARTS_WITH), Map.entry("startwith", Check.STARTS_WITH),
            Map.entry("endswith", Check.ENDS_WITH), Map.entry("endwith", Check.ENDS_WITH),
            Map.entry("containsall", Check.CONTAINS_ALL), Map.entry("includesall", Check.CONTAINS_ALL),
            Map.entry("regex", Check.REGEX), Map.entry("matches", Check.REGEX), Map.entry("match", Check.REGEX),
            Map.entry("isjson", Check.JSON));
    /** Prefixes that negate a check's key: {@code notContains}, {@code not_contains}, {@code does_not_contain}. */
    private static final List<String> NEGATING_PREFIXES = List.of("doesnot", "not");

    /** Where the contains family keeps the text to find, by dialect. */
    private static final String[] VALUE_KEYS = {"value", "text", "expected", "values", "pattern", "patterns",
        "match"};

    private final FieldReader fields;
    private final EvaluatorKeys keys;

    MatchDialects(FieldReader fields, EvaluatorKeys keys) {
        this.fields = fields;
        this.keys = keys;
    }

    // ---- string: {...} ------------------------------------------------------------------------------------------

    Optional<EvaluatorSpec> string(String name, YamlNode.Mapping evaluator, String path) {
        YamlNode node = evaluator.take("string");
        String stringPath = path + ".string";
        if (!(node instanceof YamlNode.Mapping m)) {
            fields.error(stringPath, "evaluator '" + name
                    + "': expected {contains|equals|startsWith|endsWith: value}, got " + node.describe());
            return Optional.empty();
        }
        String found = null;
        for (String key : m.entries().keySet()) {
            if (checkOf(key).isEmpty()) {
                continue;
            }
            if (found != null) {
                fields.error(stringPath + "." + key, "evaluator '" + name + "' has two checks, '" + found + "' and '"
                        + key + "': write one evaluator for each");
                return Optional.empty();
            }
            found = key;
        }
        if (found == null) {
            fields.error(stringPath, "evaluator '" + name + "': a string evaluator needs one of contains, equals, "
                    + "startsWith or endsWith (or notContains, regex, isJSON)");
            return Optional.empty();
        }
        String key = found;
        KeyCheck check = checkOf(key).get();
        boolean negated = check.negated() | keys.negated(name, evaluator, path) | keys.negated(name, m, stringPath);
        String valuePath = stringPath + "." + key;
        YamlNode value = m.take(key);
        fields.alias(valuePath, path + ".value");
        return switch (check.check()) {
            case JSON -> isJson(name, value, valuePath, negated);
            case REGEX -> textOf(name, value, valuePath).flatMap(pattern ->
                    regex(name, pattern, keys.flags(name, evaluator, path), negated, valuePath));
            case CONTAINS_ALL -> keys.texts(name, new Named(key, valuePath, value))
                    .flatMap(values -> containsAll(name, values, negated, valuePath));
            default -> textOf(name, value, valuePath).map(text ->
                    new StringEvaluatorSpec(name, operation(check.check()), text, negated));
        };
    }

    /** What a key of {@code string:} checks, and whether its spelling negates it; empty for other keys. */
    private static Optional<KeyCheck> checkOf(String key) {
        String normal = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (String prefix : NEGATING_PREFIXES) {
            String rest = normal.substring(normal.startsWith(prefix) ? prefix.length() : 0);
            if (normal.startsWith(prefix) && STRING_CHECKS.containsKey(rest)) {
                return Optional.of(new KeyCheck(STRING_CHECKS.get(rest), true));
            }
        }
        return Optional.ofNullable(STRING_CHECKS.get(normal)).map(check -> new KeyCheck(check, false));
    }

    private record KeyCheck(Check check, boolean negated) {
    }

    private Optional<EvaluatorSpec> isJson(String name, YamlNode value, String path, boolean negated) {
        if (!(value instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.BOOLEAN && (Boolean) s.value())
                || negated) {
            fields.error(path, "evaluator '" + name + "': only isJSON: true is supported (the reply must be valid "
                    + "JSON); got " + value.describe());
            return Optional.empty();
        }
        return Optional.of(new JsonEvaluatorSpec(name, Optional.empty()));
    }

    private Optional<String> textOf(String name, YamlNode value, String path) {
        if (value instanceof YamlNode.Scalar s && !FieldReader.isNull(s)) {
            return Optional.of(s.asText());
        }
        fields.error(path, "evaluator '" + name + "': expected text to compare with, got " + value.describe());
        return Optional.empty();
    }

    private static Operation operation(Check check) {
        return switch (check) {
            case EQUALS -> Operation.EQUALS;
            case STARTS_WITH -> Operation.STARTS_WITH;
            case ENDS_WITH -> Operation.ENDS_WITH;
            default -> Operation.CONTAINS;
        };
    }

    // ---- regex: ... ---------------------------------------------------------------------------------------------

    Optional<EvaluatorSpec> regexShorthand(String name, YamlNode.Mapping evaluator, String path) {
        YamlNode node = evaluator.take("regex");
        boolean negated = keys.negated(name, evaluator, path);
        Set<RegexFlag> flags = keys.flags(name, evaluator, path);
        acceptAnyCondition(name, evaluator, path);
        if (node instanceof YamlNode.Scalar s && !FieldReader.isNull(s)) {
            fields.alias(path + ".regex", path + ".pattern");
            return regex(name, s.asText(), flags, negated, path + ".pattern");
        }
        if (node instanceof YamlNode.Mapping m) {
            Optional<String> pattern = fields.text(m, "pattern", path + ".regex.pattern");
            fields.alias(path + ".regex.pattern", path + ".pattern");
            negated |= keys.negated(name, m, path + ".regex");
            flags.addAll(keys.flags(name, m, path + ".regex"));
            if (pattern.isEmpty()) {
                fields.error(path + ".regex", "evaluator '" + name + "': regex needs a pattern");
                return Optional.empty();
            }
            return regex(name, pattern.get(), flags, negated, path + ".pattern");
        }
        fields.error(path + ".regex", "evaluator '" + name + "': expected a pattern or {pattern: ...}, got "
                + node.describe());
        return Optional.empty();
    }

    /** {@code type: regex} (or {@code regex_match}, {@code not-regex}) with {@code pattern}, {@code value} or {@code expected}. */
    Optional<EvaluatorSpec> typedRegex(String name, YamlNode.Mapping m, String path, boolean negatedByType) {
        boolean negated = negatedByType | keys.negated(name, m, path);
        Set<RegexFlag> flags = keys.flags(name, m, path);
        acceptAnyCondition(name, m, path);
        Subject subject = keys.subject(name, m, path);
        if (subject == Subject.EXPECTED) {
            fields.error(path + ".target", "evaluator '" + name + "': a regex evaluator checks the reply, not the "
                    + "row's expected value (put {{expected}} in the pattern to match it)");
            return Optional.empty();
        }
        Optional<Named> written = keys.oneOf(name, m, path, "pattern", "value", "expected");
        if (written.isEmpty()) {
            fields.error(path + ".pattern", "evaluator '" + name + "': a regex evaluator needs a pattern");
            return Optional.empty();
        }
        fields.alias(written.get().path(), path + ".pattern");
        return textOf(name, written.get().node(), written.get().path())
                .flatMap(pattern -> regex(name, pattern, flags, negated, path + ".pattern"));
    }

    /** {@code condition: any}: "found anywhere", which a regex evaluator always means; anything else is refused. */
    private void acceptAnyCondition(String name, YamlNode.Mapping m, String path) {
        fields.text(m, "condition", path + ".condition").ifPresent(condition -> {
            if (!condition.trim().equalsIgnoreCase("any")) {
                fields.error(path + ".condition", "evaluator '" + name + "': unknown condition '" + condition
                        + "' (a regex evaluator passes when its pattern is found anywhere: condition: any)");
            }
        });
    }

    Optional<EvaluatorSpec> regex(String name, String pattern, Set<RegexFlag> flags, boolean negated, String path) {
        try {
            return Optional.of(new RegexEvaluatorSpec(name, pattern, flags, negated));
        } catch (PatternSyntaxException e) {
            fields.error(path, "evaluator '" + name + "': invalid regex: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + asJavaReadsIt(pattern)
                    + foldHint(pattern));
            return Optional.empty();
        }
    }

    /** The pattern as compiled, when it differs from what was written (the index refers to it then). */
    private static String asJavaReadsIt(String pattern) {
        try {
            String java = PortableRegex.toJava(pattern);
            return java.equals(pattern) ? "" : " of " + java + " (the pattern with its literal braces escaped)";
        } catch (PatternSyntaxException e) {
            return "";
        }
    }

    private static String foldHint(String pattern) {
        return pattern.contains("\\ ")
                ? "; if the pattern was written over several lines in a double-quoted YAML string, the line break "
                        + "became the space after a '\\' (write the pattern on one line)"
                : "";
    }

    // ---- type: contains and its kin ----------------------------------------------------------------------------

    /** {@code type: contains} (and {@code includes}, {@code string_contains}, equals, ...): one value. */
    Optional<EvaluatorSpec> typedString(String name, YamlNode.Mapping m, String path, Operation operation,
                                        boolean negatedByType) {
        return typedString(name, m, path, operation, negatedByType, false);
    }

    /**
     * @param severalMeanAll whether several values mean "contains all of them" (string_match's patterns); else
     *                       they are refused, since they could as well mean any of them
     */
    private Optional<EvaluatorSpec> typedString(String name, YamlNode.Mapping m, String path, Operation operation,
                                                boolean negatedByType, boolean severalMeanAll) {
        boolean negated = negatedByType | keys.negated(name, m, path);
        Optional<List<String>> values = values(name, m, path);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.get().size() > 1) {
            if (operation != Operation.CONTAINS || !severalMeanAll) {
                fields.error(path + ".value", "evaluator '" + name + "': " + values.get().size() + " values to "
                        + "compare with: all of them, or any? write type: contains_all for all of them, or one "
                        + "evaluator for each");
                return Optional.empty();
            }
            return containsAll(name, values.get(), negated, path + ".value");
        }
        return Optional.of(new StringEvaluatorSpec(name, operation, values.get().get(0), negated));
    }

    /** {@code type: contains_all} / {@code includes_all}: every value, from any value key or {@code options.strings}. */
    Optional<EvaluatorSpec> typedContainsAll(String name, YamlNode.Mapping m, String path, boolean negatedByType) {
        boolean negated = negatedByType | keys.negated(name, m, path);
        return values(name, m, path).flatMap(values -> containsAll(name, values, negated, path + ".value"));
    }

    /** {@code type: string_match} with {@code match_type} (contains by default) and its value or patterns. */
    Optional<EvaluatorSpec> stringMatch(String name, YamlNode.Mapping m, String path, boolean negatedByType) {
        String matchType = fields.text(m, "match_type", path + ".match_type").orElse("contains")
                .trim().toLowerCase(Locale.ROOT).replace('-', '_');
        boolean negated = matchType.startsWith("not_");
        String kind = negated ? matchType.substring(4) : matchType;
        negated ^= negatedByType;
        return switch (kind) {
            case "contains", "includes" -> typedString(name, m, path, Operation.CONTAINS, negated, true);
            case "contains_all", "includes_all", "all" -> typedContainsAll(name, m, path, negated);
            case "equals", "exact" -> typedString(name, m, path, Operation.EQUALS, negated);
            case "starts_with", "startswith" -> typedString(name, m, path, Operation.STARTS_WITH, negated);
            case "ends_with", "endswith" -> typedString(name, m, path, Operation.ENDS_WITH, negated);
            case "regex", "regex_match" -> typedRegex(name, m, path, negated);
            default -> {
                fields.error(path + ".match_type", "evaluator '" + name + "': unknown match_type '" + matchType
                        + "' (expected contains, contains_all, equals, starts_with, ends_with or regex)");
                yield Optional.empty();
            }
        };
    }

    /** {@code type: expected_output}: the reply contains the row's expected value. */
    Optional<EvaluatorSpec> expectedOutput(String name, YamlNode.Mapping m, String path, boolean negatedByType) {
        boolean negated = negatedByType | keys.negated(name, m, path);
        // a target (the reply, or expected) says what this check compares anyway
        keys.subject(name, m, path);
        return Optional.of(new StringEvaluatorSpec(name, Operation.CONTAINS, EXPECTED, negated));
    }

    /** The values of a contains-family check, from its value key or, with {@code target: expected}, the row's. */
    private Optional<List<String>> values(String name, YamlNode.Mapping m, String path) {
        Subject subject = keys.subject(name, m, path);
        Optional<Named> written = keys.oneOf(name, m, path, VALUE_KEYS);
        if (written.isEmpty() && m.entries().get("options") instanceof YamlNode.Mapping options) {
            // promptfoo-like {options: {strings: [...]}}
            m.take("options");
            written = keys.oneOf(name, options, path + ".options", "strings", "values");
        }
        if (written.isPresent()) {
            fields.alias(written.get().path(), path + ".value");
            if (subject == Subject.EXPECTED) {
                fields.error(path + ".target", "evaluator '" + name + "': target 'expected' compares with the row's "
                        + "expected value, and '" + written.get().key() + "' gives another; keep one");
                return Optional.empty();
            }
            return keys.texts(name, written.get());
        }
        if (subject == Subject.EXPECTED) {
            return Optional.of(List.of(EXPECTED));
        }
        fields.error(path + ".value", "evaluator '" + name + "': needs a value to compare with");
        return Optional.empty();
    }

    private Optional<EvaluatorSpec> containsAll(String name, List<String> values, boolean negated, String path) {
        if (negated) {
            fields.error(path, "evaluator '" + name + "': a negated check of several values is ambiguous (none of "
                    + "them, or not all of them?); write one negated check for each value");
            return Optional.empty();
        }
        return Optional.of(values.size() == 1 ? new StringEvaluatorSpec(name, Operation.CONTAINS, values.get(0))
                : new ContainsAllEvaluatorSpec(name, values));
    }
}
