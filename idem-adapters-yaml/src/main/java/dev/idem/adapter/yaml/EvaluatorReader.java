package dev.idem.adapter.yaml;

import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.CodeEvaluatorSpec;
import dev.idem.domain.spec.DesignFormatEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.UnsupportedEvaluatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads one evaluator in any dialect, into one of idem's evaluators, or reports why it cannot: GitHub Models'
 * {@code string:}, {@code llm:} and {@code uses:}, the seed's {@code type: regex} + {@code pattern}, idem's own
 * kinds (json, rubric, design-format, refusal), and the dialects of the wild: string checks under other names
 * and negated ({@link MatchDialects}), judges of a criterion in English ({@link JudgeDialects}), and
 * {@code python:} code. A key inside an evaluator that idem does not understand is an error, unless it only
 * labels the evaluator ({@link EvaluatorKeys#HARMLESS}): ignoring it could change the verdict.
 *
 * <p>The dialects are tables: a new key that names a kind is one more entry in {@code byKey}, a new kind of
 * {@code type:} one more entry in {@code byType} (and its name in the error messages' {@code TYPES}).
 */
final class EvaluatorReader {

    static final double DEFAULT_RUBRIC_THRESHOLD = 0.75;

    private static final String KINDS =
            "regex, string, llm, uses, json, rubric, design-format, refusal, python, rule, model";
    /** The kinds of {@code type:} as error messages list them, without the other spellings of each. */
    private static final String TYPES = "regex, regex_match, contains, contains_all, string_match, expected_output, "
            + "equals, starts_with, ends_with, json, json_schema, model_graded, llm_eval, python, rubric, "
            + "design-format, refusal (string and regex kinds also as not-...)";
    /** Types that may stand beside the key that names a kind, because they name the same kind. */
    private static final Set<String> JUDGE_TYPES = Set.of("llm", "model", "model_graded", "llm_eval", "llm_rubric",
            "llm_judge", "prompt_evaluator");
    private static final Map<String, Set<String>> TYPES_BESIDE = Map.of(
            "string", Set.of("string", "string_match", "contains", "includes", "equals", "starts_with",
                    "ends_with"),
            "regex", Set.of("regex", "regex_match", "matches"),
            "llm", JUDGE_TYPES, "model", JUDGE_TYPES, "model_graded", JUDGE_TYPES, "rule", JUDGE_TYPES,
            "python", Set.of("python"));
    /**
     * Kinds found in the wild that idem has no honest equivalent for, with what to write instead: they load as
     * unsupported evaluators, never as a check they are not.
     */
    private static final Map<String, String> NO_EQUIVALENT = Map.of(
            "xml_structure", "idem has no XML structure check (write one regex evaluator per required element, or a "
                    + "rule: for the LLM judge)",
            "syntax", "idem has no syntax checker (for the LLM judge to read the criteria, write them as rule: ...)",
            "latex", "idem has no LaTeX checker (for the LLM judge to read the criteria, write them as rule: ...)",
            "no_markdown", "idem has no Markdown detector (write a negated regex of the Markdown you forbid, e.g. "
                    + "regex: {pattern: '^#|[*]{2}', flags: m, negate: true})",
            "javascript", "JavaScript cannot run in idem (write python:, run with --allow-code, or a regex)");

    private final FieldReader fields;
    private final EvaluatorKeys keys;
    private final MatchDialects match;
    private final JudgeDialects judges;
    /** The dialects told apart by the key that holds their kind, tried in this order. */
    private final List<Map.Entry<String, Dialect>> byKey;
    /** The kinds of {@code type:}, written in lower case with {@code _} for {@code -}. */
    private final Map<String, TypedDialect> byType;

    EvaluatorReader(FieldReader fields, ModelParametersReader parameters) {
        this.fields = fields;
        this.keys = new EvaluatorKeys(fields);
        this.match = new MatchDialects(fields, keys);
        this.judges = new JudgeDialects(fields, keys, parameters);
        this.byKey = List.of(
                Map.entry("string", match::string),
                Map.entry("llm", judges::llm),
                Map.entry("uses", this::builtin),
                Map.entry("regex", match::regexShorthand),
                Map.entry("python", this::python),
                Map.entry("model_graded", judges::modelGraded),
                Map.entry("model", judges::model),
                Map.entry("rule", judges::rule),
                Map.entry("type", this::typed),
                Map.entry("evaluator", this::typed));
        this.byType = Map.ofEntries(
                Map.entry("regex", match::typedRegex),
                Map.entry("regex_match", match::typedRegex),
                Map.entry("matches", match::typedRegex),
                Map.entry("contains", typedString(Operation.CONTAINS)),
                Map.entry("includes", typedString(Operation.CONTAINS)),
                Map.entry("icontains", typedString(Operation.CONTAINS)),
                Map.entry("string_contains", typedString(Operation.CONTAINS)),
                Map.entry("assert_contains", typedString(Operation.CONTAINS)),
                Map.entry("equals", typedString(Operation.EQUALS)),
                Map.entry("starts_with", typedString(Operation.STARTS_WITH)),
                Map.entry("startswith", typedString(Operation.STARTS_WITH)),
                Map.entry("ends_with", typedString(Operation.ENDS_WITH)),
                Map.entry("endswith", typedString(Operation.ENDS_WITH)),
                Map.entry("contains_all", match::typedContainsAll),
                Map.entry("icontains_all", match::typedContainsAll),
                Map.entry("includes_all", match::typedContainsAll),
                Map.entry("string_match", match::stringMatch),
                Map.entry("expected_output", match::expectedOutput),
                Map.entry("json", notNegated(this::json)),
                Map.entry("is_json", notNegated(this::json)),
                Map.entry("json_schema", notNegated(this::jsonSchema)),
                Map.entry("rubric", notNegated(this::rubric)),
                Map.entry("design_format", notNegated((name, m, path) ->
                        Optional.of(new DesignFormatEvaluatorSpec(name)))),
                Map.entry("refusal", notNegated(this::refusal)),
                Map.entry("python", notNegated(this::typedPython)),
                Map.entry("model_graded", notNegated(judges::typed)),
                Map.entry("model", notNegated(judges::typed)),
                Map.entry("llm_eval", notNegated(judges::typed)),
                Map.entry("llm_rubric", notNegated(judges::typed)),
                Map.entry("llm_judge", notNegated(judges::typed)),
                Map.entry("prompt_evaluator", notNegated(judges::typed)));
    }

    /** Reads an evaluator written in one dialect; reports what is wrong and gives empty when it cannot. */
    @FunctionalInterface
    private interface Dialect {
        Optional<EvaluatorSpec> read(String name, YamlNode.Mapping evaluator, String path);
    }

    /** A kind of {@code type:}; {@code negated} when the type says so ({@code not-contains}). */
    @FunctionalInterface
    private interface TypedDialect {
        Optional<EvaluatorSpec> read(String name, YamlNode.Mapping evaluator, String path, boolean negated);
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
            if (item instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING && !s.text().isBlank()) {
                judges.sentence(s.text()).ifPresent(evaluators::add);
                continue;
            }
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
        Optional<EvaluatorKeys.Named> part = keys.partOfReply(m, path);
        if (part.isPresent()) {
            return unsupported(name, m, part.get().key() + " '" + ((YamlNode.Scalar) part.get().node()).asText()
                    + "'", "it names part of the reply (or a value of the row), and idem checks whole replies: "
                    + "checking all of it would pass a reply that lacks the text in that part");
        }
        for (Map.Entry<String, Dialect> dialect : byKey) {
            if (m.has(dialect.getKey())) {
                Optional<EvaluatorSpec> spec = typeAgrees(name, m, path, dialect.getKey())
                        ? dialect.getValue().read(name, m, path) : Optional.empty();
                rejectUnknownKeys(name, m, path, spec.isPresent());
                return spec;
            }
        }
        fields.error(path, "evaluator '" + name + "' has no kind (expected one of " + KINDS + ")");
        rejectUnknownKeys(name, m, path, false);
        return Optional.empty();
    }

    /**
     * Reports every key of the evaluator no dialect took, unless it only labels the evaluator. When the evaluator
     * was refused already, its other keys go unreported (its error says what is wrong).
     */
    private void rejectUnknownKeys(String name, YamlNode.Mapping m, String path, boolean read) {
        keys.takeHarmless(m);
        boolean subjectUnread = Stream.of("target", "property").anyMatch(k -> m.has(k) && !m.isUsed(k));
        if (read && subjectUnread && keys.subject(name, m, path) == EvaluatorKeys.Subject.EXPECTED) {
            fields.error(path + ".target", "evaluator '" + name + "': this kind of check cannot look at the row's "
                    + "expected value; it checks the reply");
        }
        for (String key : fields.untakenKeys(m, path)) {
            if (read) {
                fields.error(key, "evaluator '" + name + "': unknown key '" + key.substring(key.lastIndexOf('.') + 1)
                        + "' (idem would ignore it, which could change the verdict; remove it. Keys that only "
                        + "label an evaluator: name, " + String.join(", ", EvaluatorKeys.HARMLESS) + ")");
            }
        }
    }

    /** A {@code type:} (or {@code evaluator:}) beside the key that names the kind must name the same kind. */
    private boolean typeAgrees(String name, YamlNode.Mapping m, String path, String kindKey) {
        Set<String> allowed = TYPES_BESIDE.get(kindKey);
        if (allowed == null) {
            return true;
        }
        for (String key : List.of("type", "evaluator")) {
            Optional<String> type = fields.text(m, key, path + "." + key);
            if (type.isPresent() && !allowed.contains(normalType(type.get()))) {
                fields.error(path + "." + key, "evaluator '" + name + "': " + key + " '" + type.get()
                        + "' does not agree with its '" + kindKey + "' check; remove one of them");
                return false;
            }
        }
        return true;
    }

    private static String normalType(String type) {
        return type.trim().toLowerCase(Locale.ROOT).replace('-', '_');
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

    /** {@code type:}, or {@code evaluator:} (its other spelling): the kind by name, possibly negated. */
    private Optional<EvaluatorSpec> typed(String name, YamlNode.Mapping m, String path) {
        String key = m.has("type") ? "type" : "evaluator";
        if (m.has("type") && m.has("evaluator")) {
            fields.error(path + ".evaluator", "evaluator '" + name + "' has both 'type' and 'evaluator' (its other "
                    + "spelling); keep one");
            return Optional.empty();
        }
        Optional<String> typeText = fields.text(m, key, path + "." + key);
        if (typeText.isEmpty()) {
            fields.error(path + "." + key, "evaluator '" + name + "' has no kind (expected one of " + KINDS + ")");
            return Optional.empty();
        }
        fields.alias(path + "." + key, path + ".type");
        String type = normalType(typeText.get());
        if (NO_EQUIVALENT.containsKey(type)) {
            return unsupported(name, m, (key.equals("type") ? "" : "evaluator ") + "type '" + typeText.get() + "'",
                    NO_EQUIVALENT.get(type));
        }
        boolean negated = type.startsWith("not_") && byType.containsKey(type.substring(4));
        TypedDialect dialect = byType.get(negated ? type.substring(4) : type);
        if (dialect == null) {
            fields.error(path + "." + key, "evaluator '" + name + "': unknown type '" + typeText.get()
                    + "' (expected one of " + TYPES + ")");
            return Optional.empty();
        }
        return dialect.read(name, m, path, negated);
    }

    /**
     * An evaluator idem cannot check: the spec loads with it, and an evaluation must skip it. It never runs, so
     * nothing else it says changes a verdict: its other keys are taken as read.
     */
    private static Optional<EvaluatorSpec> unsupported(String name, YamlNode.Mapping m, String construct,
                                                       String reason) {
        YamlNode.takeAll(m);
        return Optional.of(new UnsupportedEvaluatorSpec(name, construct, reason));
    }

    /** A kind that has no negated form: {@code not-json} is reported. */
    private TypedDialect notNegated(Dialect dialect) {
        return (name, m, path, negated) -> {
            if (negated) {
                fields.error(path + ".type", "evaluator '" + name + "': this kind cannot be negated with 'not-'");
                return Optional.empty();
            }
            return dialect.read(name, m, path);
        };
    }

    private TypedDialect typedString(Operation operation) {
        return (name, m, path, negated) -> match.typedString(name, m, path, operation, negated);
    }

    private Optional<EvaluatorSpec> json(String name, YamlNode.Mapping m, String path) {
        return Optional.of(new JsonEvaluatorSpec(name, fields.jsonText(m, "schema", path + ".schema")));
    }

    /** {@code type: json_schema} + {@code schema}: promptfoo's is-json with a schema. */
    private Optional<EvaluatorSpec> jsonSchema(String name, YamlNode.Mapping m, String path) {
        if (!m.has("schema")) {
            fields.error(path + ".schema", "evaluator '" + name + "': type json_schema needs a schema");
            return Optional.empty();
        }
        return json(name, m, path);
    }

    private Optional<EvaluatorSpec> refusal(String name, YamlNode.Mapping m, String path) {
        boolean expect = fields.bool(m, "expectRefusal", path + ".expectRefusal")
                .or(() -> fields.bool(m, "expect_refusal", path + ".expect_refusal"))
                .orElse(true);
        return Optional.of(new RefusalEvaluatorSpec(name, expect));
    }

    /** {@code python: "expression"} or {@code python: {code: ...}}. */
    private Optional<EvaluatorSpec> python(String name, YamlNode.Mapping evaluator, String path) {
        YamlNode node = evaluator.take("python");
        if (node instanceof YamlNode.Mapping m) {
            return code(name, fields.text(m, "code", path + ".python.code"), path + ".python.code");
        }
        if (node instanceof YamlNode.Scalar s && !FieldReader.isNull(s)) {
            return code(name, Optional.of(s.asText()), path + ".python");
        }
        fields.error(path + ".python", "evaluator '" + name + "': expected Python code or {code: ...}, got "
                + node.describe());
        return Optional.empty();
    }

    /** {@code type: python} with its code under {@code value} (promptfoo) or {@code code}. */
    private Optional<EvaluatorSpec> typedPython(String name, YamlNode.Mapping m, String path) {
        Optional<EvaluatorKeys.Named> code = keys.oneOf(name, m, path, "value", "code");
        return code(name, code.filter(c -> c.node() instanceof YamlNode.Scalar).map(c -> ((YamlNode.Scalar) c.node())
                .asText()), code.map(EvaluatorKeys.Named::path).orElse(path + ".value"));
    }

    private Optional<EvaluatorSpec> code(String name, Optional<String> code, String path) {
        if (code.isEmpty() || code.get().isBlank()) {
            fields.error(path, "evaluator '" + name + "': a python evaluator needs code");
            return Optional.empty();
        }
        return Optional.of(new CodeEvaluatorSpec(name, code.get()));
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
