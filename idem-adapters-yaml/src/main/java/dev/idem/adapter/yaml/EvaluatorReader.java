package dev.idem.adapter.yaml;

import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.DesignFormatEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.StringEvaluatorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one evaluator in any dialect: GitHub Models' {@code string:}, {@code llm:} and {@code uses:}, the
 * seed's {@code type: regex} + {@code pattern}, the common variants ({@code regex:}, {@code type: regex_match},
 * {@code type: contains} + {@code value}, ...) and idem's own kinds (json, rubric, design-format, refusal).
 *
 * <p>The dialects are tables: a new key that names a kind is one more entry in {@code byKey}, a new kind of
 * {@code type:} one more entry in {@code byType} (and its name in the error messages' {@code TYPES}).
 */
final class EvaluatorReader {

    static final double DEFAULT_RUBRIC_THRESHOLD = 0.75;

    private static final String KINDS =
            "regex, string, llm, uses, json, rubric, design-format, refusal";
    /** The kinds of {@code type:} as error messages list them, without the other spellings of each. */
    private static final String TYPES = "regex, regex_match, contains, equals, starts_with, ends_with, json, "
            + "rubric, design-format, refusal";
    private static final List<Map.Entry<String, Operation>> STRING_KEYS = List.of(
            Map.entry("contains", Operation.CONTAINS), Map.entry("equals", Operation.EQUALS),
            Map.entry("startsWith", Operation.STARTS_WITH), Map.entry("endsWith", Operation.ENDS_WITH),
            Map.entry("starts_with", Operation.STARTS_WITH), Map.entry("ends_with", Operation.ENDS_WITH));

    private final FieldReader fields;
    /** The dialects told apart by the key that holds their kind, tried in this order. */
    private final List<Map.Entry<String, Dialect>> byKey = List.of(
            Map.entry("string", this::stringEvaluator),
            Map.entry("llm", this::llmJudge),
            Map.entry("uses", this::builtin),
            Map.entry("regex", this::regexShorthand),
            Map.entry("type", this::typed));
    /** The kinds of {@code type:}, written in lower case with {@code _} for {@code -}. */
    private final Map<String, Dialect> byType = Map.ofEntries(
            Map.entry("regex", this::typedRegex),
            Map.entry("regex_match", this::typedRegex),
            Map.entry("contains", typedString(Operation.CONTAINS)),
            Map.entry("equals", typedString(Operation.EQUALS)),
            Map.entry("starts_with", typedString(Operation.STARTS_WITH)),
            Map.entry("startswith", typedString(Operation.STARTS_WITH)),
            Map.entry("ends_with", typedString(Operation.ENDS_WITH)),
            Map.entry("endswith", typedString(Operation.ENDS_WITH)),
            Map.entry("json", this::json),
            Map.entry("rubric", this::rubric),
            Map.entry("design_format", (name, m, path) -> Optional.of(new DesignFormatEvaluatorSpec(name))),
            Map.entry("refusal", this::refusal));

    EvaluatorReader(FieldReader fields) {
        this.fields = fields;
    }

    /** Reads an evaluator written in one dialect; reports what is wrong and gives empty when it cannot. */
    @FunctionalInterface
    private interface Dialect {
        Optional<EvaluatorSpec> read(String name, YamlNode.Mapping evaluator, String path);
    }

    /** The evaluators of a spec, a suite or a test row; the ones that could not be read are reported. */
    List<EvaluatorSpec> readAll(YamlNode node, String path) {
        List<EvaluatorSpec> evaluators = new ArrayList<>();
        if (node == null || FieldReader.isNull(node)) {
            return evaluators;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            fields.error(path, "expected a list of evaluators, got " + node.describe());
            return evaluators;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String itemPath = path + "[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                fields.error(itemPath, "expected an evaluator (a mapping with a name and a kind), got "
                        + item.describe());
                continue;
            }
            read(m, itemPath, i).ifPresent(evaluators::add);
        }
        return evaluators;
    }

    private Optional<EvaluatorSpec> read(YamlNode.Mapping m, String path, int index) {
        String name = fields.text(m, "name", path + ".name").filter(s -> !s.isBlank())
                .orElse("evaluator " + (index + 1));
        for (Map.Entry<String, Dialect> dialect : byKey) {
            if (m.has(dialect.getKey())) {
                return dialect.getValue().read(name, m, path);
            }
        }
        fields.error(path, "evaluator '" + name + "' has no kind (expected one of " + KINDS + ")");
        return Optional.empty();
    }

    private Optional<EvaluatorSpec> stringEvaluator(String name, YamlNode.Mapping evaluator, String path) {
        YamlNode node = evaluator.take("string");
        String stringPath = path + ".string";
        if (!(node instanceof YamlNode.Mapping m)) {
            fields.error(stringPath, "evaluator '" + name
                    + "': expected {contains|equals|startsWith|endsWith: value}, got " + node.describe());
            return Optional.empty();
        }
        for (Map.Entry<String, Operation> op : STRING_KEYS) {
            if (m.has(op.getKey())) {
                String valuePath = stringPath + "." + op.getKey();
                Optional<String> value = fields.text(m, op.getKey(), valuePath);
                if (value.isEmpty()) {
                    fields.error(valuePath, "evaluator '" + name + "': expected text to compare with");
                    return Optional.empty();
                }
                fields.alias(valuePath, path + ".value");
                return Optional.of(new StringEvaluatorSpec(name, op.getValue(), value.get()));
            }
        }
        fields.error(stringPath, "evaluator '" + name + "': a string evaluator needs one of contains, equals, "
                + "startsWith or endsWith");
        return Optional.empty();
    }

    private Optional<EvaluatorSpec> llmJudge(String name, YamlNode.Mapping evaluator, String evaluatorPath) {
        YamlNode node = evaluator.take("llm");
        String path = evaluatorPath + ".llm";
        if (!(node instanceof YamlNode.Mapping m)) {
            fields.error(path, "evaluator '" + name + "': expected {modelId, prompt, choices, systemPrompt}, got "
                    + node.describe());
            return Optional.empty();
        }
        Optional<String> modelId = fields.text(m, "modelId", path + ".modelId");
        Optional<String> prompt = fields.text(m, "prompt", path + ".prompt");
        Optional<String> systemPrompt = fields.text(m, "systemPrompt", path + ".systemPrompt");
        YamlNode choicesNode = m.take("choices");
        if (prompt.isEmpty()) {
            fields.error(path + ".prompt", "evaluator '" + name + "': an llm evaluator needs a prompt");
            return Optional.empty();
        }
        if (!(choicesNode instanceof YamlNode.Sequence choices) || choices.items().isEmpty()) {
            fields.error(path + ".choices", "evaluator '" + name
                    + "': an llm evaluator needs a list of choices ({choice, score})");
            return Optional.empty();
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < choices.items().size(); i++) {
            String choicePath = path + ".choices[" + i + "]";
            if (!(choices.items().get(i) instanceof YamlNode.Mapping c)) {
                fields.error(choicePath, "evaluator '" + name + "': expected {choice, score}, got "
                        + choices.items().get(i).describe());
                continue;
            }
            Optional<String> choice = fields.text(c, "choice", choicePath + ".choice");
            Optional<Double> score = fields.number(c, choicePath, "score");
            if (choice.isEmpty() || score.isEmpty()) {
                fields.error(choicePath, "evaluator '" + name + "': a choice needs a choice text and a score");
                continue;
            }
            scores.put(choice.get(), score.get());
        }
        return Optional.of(new LlmJudgeSpec(name, modelId, prompt.get(), scores, systemPrompt));
    }

    private Optional<EvaluatorSpec> builtin(String name, YamlNode.Mapping m, String path) {
        Optional<String> uses = fields.text(m, "uses", path + ".uses");
        String known = " (expected one of " + String.join(", ", BuiltinJudgeSpec.KNOWN) + ")";
        if (uses.isEmpty()) {
            // a list or mapping was reported by text(); a null would otherwise drop the evaluator unseen
            if (FieldReader.isNull(m.entries().get("uses"))) {
                fields.error(path + ".uses", "evaluator '" + name + "': uses names no built-in evaluator" + known);
            }
            return Optional.empty();
        }
        if (!BuiltinJudgeSpec.KNOWN.contains(uses.get())) {
            fields.error(path + ".uses", "evaluator '" + name + "': unknown built-in evaluator '" + uses.get()
                    + "'" + known);
            return Optional.empty();
        }
        return Optional.of(new BuiltinJudgeSpec(name, uses.get()));
    }

    private Optional<EvaluatorSpec> regexShorthand(String name, YamlNode.Mapping evaluator, String path) {
        YamlNode node = evaluator.take("regex");
        if (node instanceof YamlNode.Scalar s && !FieldReader.isNull(s)) {
            fields.alias(path + ".regex", path + ".pattern");
            return regex(name, s.asText(), path);
        }
        if (node instanceof YamlNode.Mapping m) {
            Optional<String> pattern = fields.text(m, "pattern", path + ".regex.pattern");
            fields.alias(path + ".regex.pattern", path + ".pattern");
            if (pattern.isEmpty()) {
                fields.error(path + ".regex", "evaluator '" + name + "': regex needs a pattern");
                return Optional.empty();
            }
            return regex(name, pattern.get(), path);
        }
        fields.error(path + ".regex", "evaluator '" + name + "': expected a pattern or {pattern: ...}, got "
                + node.describe());
        return Optional.empty();
    }

    private Optional<EvaluatorSpec> regex(String name, String pattern, String path) {
        try {
            return Optional.of(RegexEvaluatorSpec.of(name, pattern));
        } catch (PatternSyntaxException e) {
            fields.error(path + ".pattern", "evaluator '" + name + "': invalid regex: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            return Optional.empty();
        }
    }

    private Optional<EvaluatorSpec> typed(String name, YamlNode.Mapping m, String path) {
        Optional<String> typeText = fields.text(m, "type", path + ".type");
        if (typeText.isEmpty()) {
            fields.error(path + ".type", "evaluator '" + name + "' has no kind (expected one of " + KINDS + ")");
            return Optional.empty();
        }
        String type = typeText.get().trim().toLowerCase(Locale.ROOT).replace('-', '_');
        Dialect dialect = byType.get(type);
        if (dialect == null) {
            fields.error(path + ".type", "evaluator '" + name + "': unknown type '" + typeText.get()
                    + "' (expected one of " + TYPES + ")");
            return Optional.empty();
        }
        return dialect.read(name, m, path);
    }

    private Optional<EvaluatorSpec> json(String name, YamlNode.Mapping m, String path) {
        return Optional.of(new JsonEvaluatorSpec(name, fields.jsonText(m, "schema", path + ".schema")));
    }

    private Optional<EvaluatorSpec> refusal(String name, YamlNode.Mapping m, String path) {
        boolean expect = fields.bool(m, "expectRefusal", path + ".expectRefusal")
                .or(() -> fields.bool(m, "expect_refusal", path + ".expect_refusal"))
                .orElse(true);
        return Optional.of(new RefusalEvaluatorSpec(name, expect));
    }

    private Optional<EvaluatorSpec> typedRegex(String name, YamlNode.Mapping m, String path) {
        String key = m.has("pattern") ? "pattern" : "value";
        Optional<String> pattern = fields.text(m, key, path + "." + key);
        fields.alias(path + "." + key, path + ".pattern");
        if (pattern.isEmpty()) {
            fields.error(path + ".pattern", "evaluator '" + name + "': a regex evaluator needs a pattern");
            return Optional.empty();
        }
        return regex(name, pattern.get(), path);
    }

    private Dialect typedString(Operation operation) {
        return (name, m, path) -> {
            Optional<String> value = fields.text(m, "value", path + ".value");
            if (value.isEmpty()) {
                fields.error(path + ".value", "evaluator '" + name + "': needs a value to compare with");
                return Optional.empty();
            }
            return Optional.of(new StringEvaluatorSpec(name, operation, value.get()));
        };
    }

    private Optional<EvaluatorSpec> rubric(String name, YamlNode.Mapping m, String path) {
        Optional<Double> threshold = fields.number(m, path, "threshold");
        double value = threshold.orElse(DEFAULT_RUBRIC_THRESHOLD);
        if (value < 0 || value > 1) {
            fields.error(path + ".threshold", "evaluator '" + name + "': threshold must be within 0..1, got "
                    + value);
            return Optional.empty();
        }
        return Optional.of(new RubricEvaluatorSpec(name, value));
    }
}
