package dev.idem.adapter.yaml;

import dev.idem.domain.spec.RegexFlag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys evaluators of many dialects share, read one way: the value a check compares with (under whichever
 * name a dialect gives it), what it looks at ({@code target}, {@code property}), negation, regex flags, and the
 * keys that never change a verdict.
 */
final class EvaluatorKeys {

    /**
     * Keys that label an evaluator and never change its verdict. {@code weight} is not one of them: promptfoo
     * reads {@code weight: 0} as "report, but do not count", and idem counts every evaluator.
     */
    static final List<String> HARMLESS = List.of("description", "id", "tags", "metric", "comment", "notes");

    /** Where a check may look; {@code target} and {@code property} name it. */
    private static final List<String> SUBJECT_KEYS = List.of("target", "property");
    /**
     * What {@code target} or {@code property} may name: the whole reply, which is what idem checks, under the names
     * dialects give it (promptfoo's {@code output}, OpenAI's {@code message.content} and {@code output_text}, ...).
     */
    private static final Set<String> REPLY = Set.of("output", "output_text", "message", "message.content", "content",
            "response", "response.content", "response.text", "completion", "reply", "answer", "text", "result",
            "choices[0].message.content");
    /** What {@code target} may name besides the reply: the row's expected value. */
    private static final String EXPECTED = "expected";

    /** Keys that negate a check, in any dialect ({@code match: false} too). */
    private static final List<String> NEGATIONS = List.of("invert", "negate", "not", "inverse");

    private static final Map<String, Set<RegexFlag>> FLAG_WORDS = Map.ofEntries(
            Map.entry("ignorecase", EnumSet.of(RegexFlag.IGNORE_CASE)),
            Map.entry("caseinsensitive", EnumSet.of(RegexFlag.IGNORE_CASE)),
            Map.entry("multiline", EnumSet.of(RegexFlag.MULTILINE)),
            Map.entry("dotall", EnumSet.of(RegexFlag.DOT_ALL)),
            Map.entry("singleline", EnumSet.of(RegexFlag.DOT_ALL)),
            Map.entry("verbose", EnumSet.of(RegexFlag.VERBOSE)),
            Map.entry("extended", EnumSet.of(RegexFlag.VERBOSE)),
            Map.entry("unicode", EnumSet.of(RegexFlag.UNICODE)),
            // a global search finds the same first match: it changes nothing for "found anywhere"
            Map.entry("global", EnumSet.noneOf(RegexFlag.class)));

    /** What a check looks at. */
    enum Subject {
        /** the reply (no {@code target}, or one that names the whole reply) */
        REPLY,
        /** the row's expected value: the check's value is {@code {{expected}}} */
        EXPECTED
    }

    private final FieldReader fields;

    EvaluatorKeys(FieldReader fields) {
        this.fields = fields;
    }

    void takeHarmless(YamlNode.Mapping m) {
        HARMLESS.forEach(m::take);
    }

    /**
     * The first of {@code keys} present and not read already (as {@code match: false} is, by {@link #negated}),
     * as a node; an error when two of them are (one would be ignored).
     *
     * @return empty when none is present or its value is null
     */
    Optional<Named> oneOf(String name, YamlNode.Mapping m, String path, String... keys) {
        Named found = null;
        for (String key : keys) {
            if (!m.has(key) || m.isUsed(key)) {
                continue;
            }
            YamlNode node = m.take(key);
            if (found != null) {
                fields.error(path + "." + key, "evaluator '" + name + "' has both '" + found.key() + "' and '" + key
                        + "': keep one (idem would use one and ignore the other)");
                continue;
            }
            found = new Named(key, path + "." + key, node);
        }
        return Optional.ofNullable(found).filter(n -> !FieldReader.isNull(n.node()));
    }

    /**
     * Values as texts: a scalar is one value, a list its items; reported (and empty) otherwise.
     */
    Optional<List<String>> texts(String name, Named value) {
        if (value.node() instanceof YamlNode.Scalar s) {
            return Optional.of(List.of(s.asText()));
        }
        if (value.node() instanceof YamlNode.Sequence list && !list.items().isEmpty()) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                if (!(list.items().get(i) instanceof YamlNode.Scalar s) || FieldReader.isNull(s)) {
                    fields.error(value.path() + "[" + i + "]", "evaluator '" + name + "': expected text, got "
                            + list.items().get(i).describe());
                    return Optional.empty();
                }
                texts.add(s.asText());
            }
            return Optional.of(texts);
        }
        fields.error(value.path(), "evaluator '" + name + "': expected text or a list of texts, got "
                + value.node().describe());
        return Optional.empty();
    }

    /**
     * What the check looks at, from {@code target} and {@code property}; one that names neither the whole reply nor
     * the row's expected value was found by {@link #partOfReply} already.
     */
    Subject subject(String name, YamlNode.Mapping m, String path) {
        Subject subject = Subject.REPLY;
        for (String key : SUBJECT_KEYS) {
            Optional<String> written = fields.text(m, key, path + "." + key);
            if (written.isPresent() && written.get().trim().equalsIgnoreCase(EXPECTED)) {
                subject = Subject.EXPECTED;
            }
        }
        return subject;
    }

    /**
     * The {@code target} or {@code property} that names something other than the whole reply or the row's expected
     * value: part of the reply (a section, a JSON field), or a value of the row. idem checks whole replies, and
     * checking all of it for what should be in one part would pass replies that lack it there.
     */
    Optional<Named> partOfReply(YamlNode.Mapping m, String path) {
        for (String key : SUBJECT_KEYS) {
            if (m.entries().get(key) instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
                String target = s.asText().trim().toLowerCase(Locale.ROOT);
                if (!target.equals(EXPECTED) && !REPLY.contains(target)) {
                    return Optional.of(new Named(key, path + "." + key, s));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the check is negated: {@code invert}, {@code negate}, {@code not} or {@code inverse} true, or {@code match: false}. */
    boolean negated(String name, YamlNode.Mapping m, String path) {
        boolean negated = false;
        for (String key : NEGATIONS) {
            negated |= fields.bool(m, key, path + "." + key).orElse(false);
        }
        if (m.entries().get("match") instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.BOOLEAN) {
            negated |= !fields.bool(m, "match", path + ".match").orElse(true);
        }
        return negated;
    }

    /**
     * Regex flags: letters ({@code "s"}, {@code "gm"}, {@code "re.I"}), words ({@code dotall},
     * {@code ignorecase}, {@code multiline}), or a list of them.
     */
    Set<RegexFlag> flags(String name, YamlNode.Mapping m, String path) {
        YamlNode node = m.take("flags");
        Set<RegexFlag> flags = EnumSet.noneOf(RegexFlag.class);
        if (node == null || FieldReader.isNull(node)) {
            return flags;
        }
        List<String> written = new ArrayList<>();
        if (node instanceof YamlNode.Scalar s) {
            written.add(s.asText());
        } else if (node instanceof YamlNode.Sequence list) {
            for (YamlNode item : list.items()) {
                if (!(item instanceof YamlNode.Scalar s)) {
                    fields.error(path + ".flags", "evaluator '" + name + "': expected a regex flag, got "
                            + item.describe());
                    return flags;
                }
                written.add(s.asText());
            }
        }
        for (String text : written) {
            for (String token : text.split("[\\s,|+]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                Optional<Set<RegexFlag>> read = flag(token);
                if (read.isEmpty()) {
                    fields.error(path + ".flags", "evaluator '" + name + "': unknown regex flag '" + token
                            + "' (expected letters among i, m, s, x, u, g, or words such as ignorecase, multiline, "
                            + "dotall, verbose)");
                    continue;
                }
                flags.addAll(read.get());
            }
        }
        if (written.isEmpty()) {
            fields.error(path + ".flags", "evaluator '" + name + "': expected regex flags such as \"s\" or "
                    + "[dotall, ignorecase], got " + node.describe());
        }
        return flags;
    }

    private static Optional<Set<RegexFlag>> flag(String token) {
        String word = token.toLowerCase(Locale.ROOT);
        if (word.startsWith("re.")) {
            word = word.substring(3);
        }
        word = word.replace("_", "").replace("-", "");
        if (FLAG_WORDS.containsKey(word)) {
            return Optional.of(FLAG_WORDS.get(word));
        }
        Set<RegexFlag> letters = EnumSet.noneOf(RegexFlag.class);
        for (char c : word.toCharArray()) {
            if (c == 'g') {
                continue;
            }
            Optional<RegexFlag> letter = EnumSet.allOf(RegexFlag.class).stream()
                    .filter(f -> f.letter() == c).findFirst();
            if (letter.isEmpty()) {
                return Optional.empty();
            }
            letters.add(letter.get());
        }
        return Optional.of(letters);
    }

    /** A key as written in one dialect, its path and its value. */
    record Named(String key, String path, YamlNode node) {
    }
}
