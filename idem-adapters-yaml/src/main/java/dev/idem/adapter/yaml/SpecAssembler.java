package dev.idem.adapter.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.spec.SourcePosition;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.SpecSource;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.template.Placeholders;
import dev.idem.domain.template.Role;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link PromptSpec} from a YAML tree in any of the dialects idem reads, collecting every error with
 * its field path and position, and the paths of keys it does not know.
 *
 * <p>One instance assembles one spec.
 */
final class SpecAssembler {

    private static final Set<String> ROW_VALUE_KEYS = Set.of("inputs", "vars", "variables");
    /** What a suite takes from the spec it evaluates and may not redefine: they are the prompt under test. */
    private static final List<String> INHERITED_ONLY = List.of("version", "authors", "metadata", "variables",
            "responseFormat", "jsonSchema", "messages");

    private final String sourceName;
    private final String defaultName;
    private final YamlNode.Mapping root;
    private final Map<String, SourcePosition> positions = new LinkedHashMap<>();
    private final List<SpecIssue> errors = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final EvaluatorReader evaluatorReader;
    private final Optional<PromptSpec> base;

    SpecAssembler(String sourceName, String defaultName, YamlNode.Mapping root) {
        this(sourceName, defaultName, root, Optional.empty());
    }

    /**
     * @param base the spec a suite refers to with {@code spec:}; the suite inherits from it and overrides
     *             name, description, model, modelParameters, testData and evaluators
     */
    SpecAssembler(String sourceName, String defaultName, YamlNode.Mapping root, Optional<PromptSpec> base) {
        this.sourceName = sourceName;
        this.defaultName = defaultName;
        this.root = root;
        this.base = base;
        recordPositions("", root);
        this.evaluatorReader = new EvaluatorReader(this);
    }

    /** The spec, or null when errors were found (then {@link #errors()} says which). */
    PromptSpec assemble() {
        if (base.isPresent()) {
            return assembleSuite(base.get());
        }
        PromptSpec.Builder spec = PromptSpec.builder(defaultName);
        text(root, "name", "name").filter(s -> !s.isBlank()).ifPresent(spec::name);
        text(root, "version", "version").ifPresent(spec::version);
        text(root, "description", "description").ifPresent(spec::description);
        spec.authors(authors());
        spec.metadata(metadata());
        readVariables(spec);
        text(root, "model", "model").ifPresent(spec::model);
        spec.parameters(parameters(ModelParameters.DEFAULTS));
        readResponseFormat(spec);
        List<MessageTemplate> messages = messages();
        spec.messages(messages);
        spec.testData(testData(placeholdersOf(messages)));
        spec.evaluators(evaluatorList(root.take("evaluators"), "evaluators"));
        return finish(spec);
    }

    /** A suite: the base spec with this file's overrides; the prompt itself always comes from the base. */
    private PromptSpec assembleSuite(PromptSpec baseSpec) {
        root.take("spec");
        PromptSpec.Builder spec = baseSpec.toBuilder();
        for (String key : INHERITED_ONLY) {
            YamlNode written = root.take(key);
            if (written != null) {
                YamlNode.takeAll(written);
                // the key itself is what does not belong, whatever its value
                errors.add(new SpecIssue(SpecIssue.Severity.ERROR, sourceName, Optional.of(root.keyPosition(key)),
                        key, "a suite takes '" + key + "' from the spec it evaluates (see 'spec'); it may only "
                        + "override name, description, model, modelParameters, testData and evaluators"));
            }
        }
        text(root, "name", "name").filter(s -> !s.isBlank()).ifPresent(spec::name);
        text(root, "description", "description").ifPresent(spec::description);
        text(root, "model", "model").ifPresent(spec::model);
        spec.parameters(parameters(baseSpec.parameters()));
        if (root.has("testData")) {
            spec.testData(testData(placeholdersOf(baseSpec.messages())));
        }
        if (root.has("evaluators")) {
            spec.evaluators(evaluatorList(root.take("evaluators"), "evaluators"));
        }
        return finish(spec);
    }

    private PromptSpec finish(PromptSpec.Builder spec) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(root, "", unknown);
        spec.unknownKeys(unknown);
        spec.source(new SpecSource(sourceName, positions));
        return errors.isEmpty() ? spec.build() : null;
    }

    List<SpecIssue> errors() {
        return List.copyOf(errors);
    }

    // ---- sections ------------------------------------------------------------------------------------------

    private List<String> authors() {
        YamlNode node = root.take("authors");
        List<String> authors = new ArrayList<>();
        if (node == null || isNull(node)) {
            return authors;
        }
        if (node instanceof YamlNode.Scalar s) {
            authors.add(s.asText());
            return authors;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            error("authors", "expected a list of authors (names or {name: ...}), got " + node.describe());
            return authors;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String path = "authors[" + i + "]";
            YamlNode item = list.items().get(i);
            if (item instanceof YamlNode.Scalar s) {
                authors.add(s.asText());
            } else if (item instanceof YamlNode.Mapping m) {
                Optional<String> name = text(m, "name", path + ".name");
                if (name.isEmpty()) {
                    error(path, "an author needs a name");
                } else {
                    authors.add(name.get());
                }
            } else {
                error(path, "expected an author name or {name: ...}, got " + item.describe());
            }
        }
        return authors;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> metadata() {
        YamlNode node = root.take("metadata");
        if (node == null || isNull(node)) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            error("metadata", "expected a mapping, got " + node.describe());
            return Map.of();
        }
        m.takeAll();
        return (Map<String, Object>) m.toPlain();
    }

    private void readVariables(PromptSpec.Builder spec) {
        YamlNode node = root.take("variables");
        if (node == null) {
            return;
        }
        List<Variable> variables = new ArrayList<>();
        if (node instanceof YamlNode.Sequence list) {
            for (int i = 0; i < list.items().size(); i++) {
                String path = "variables[" + i + "]";
                YamlNode item = list.items().get(i);
                if (item instanceof YamlNode.Mapping m) {
                    Optional<String> name = text(m, "name", path + ".name");
                    if (name.isEmpty() || name.get().isBlank()) {
                        error(path, "a variable needs a name");
                        continue;
                    }
                    variables.add(variable(name.get(), m, path));
                } else if (item instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
                    variables.add(new Variable(s.text(), "", false, "", Optional.empty()));
                } else {
                    error(path, "expected a variable {name, description, required, type, default}, got "
                            + item.describe());
                }
            }
        } else if (node instanceof YamlNode.Mapping byName) {
            for (Map.Entry<String, YamlNode> e : byName.entries().entrySet()) {
                String path = "variables." + e.getKey();
                byName.take(e.getKey());
                YamlNode value = e.getValue();
                if (value instanceof YamlNode.Mapping m) {
                    variables.add(variable(e.getKey(), m, path));
                } else if (value instanceof YamlNode.Scalar s) {
                    variables.add(new Variable(e.getKey(), s.asText(), false, "", Optional.empty()));
                } else {
                    error(path, "expected the variable's {description, required, type, default}, got "
                            + value.describe());
                }
            }
        } else if (!isNull(node)) {
            error("variables", "expected a list of variables, got " + node.describe());
            return;
        }
        spec.variables(variables, true);
    }

    private Variable variable(String name, YamlNode.Mapping m, String path) {
        String description = text(m, "description", path + ".description").orElse("");
        boolean required = bool(m, "required", path + ".required").orElse(false);
        String type = text(m, "type", path + ".type").orElse("");
        YamlNode defaultNode = m.take("default");
        Optional<String> defaultValue = defaultNode == null || isNull(defaultNode)
                ? Optional.empty() : Optional.of(valueText(defaultNode));
        return new Variable(name, description, required, type, defaultValue);
    }

    /** The parameters written in this file, each one overriding its value in {@code inherited}. */
    private ModelParameters parameters(ModelParameters inherited) {
        YamlNode node = root.take("modelParameters");
        ModelParameters.Builder p = inherited.toBuilder();
        if (node == null || isNull(node)) {
            return p.build();
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            error("modelParameters", "expected a mapping of parameters, got " + node.describe());
            return p.build();
        }
        number(m, "modelParameters", "temperature").ifPresent(p::temperature);
        integer(m, "modelParameters", "maxTokens", "max_tokens").ifPresent(v -> p.maxTokens(toInt(v, "maxTokens")));
        number(m, "modelParameters", "topP", "top_p").ifPresent(p::topP);
        integer(m, "modelParameters", "seed").ifPresent(p::seed);
        number(m, "modelParameters", "presencePenalty", "presence_penalty").ifPresent(p::presencePenalty);
        number(m, "modelParameters", "frequencyPenalty", "frequency_penalty").ifPresent(p::frequencyPenalty);
        YamlNode stop = m.take("stop");
        if (stop != null && !isNull(stop)) {
            p.stop(stopSequences(stop));
        }
        return p.build();
    }

    private int toInt(long value, String name) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            error("modelParameters." + name, "expected a whole number from 0 to " + Integer.MAX_VALUE
                    + ", got " + value);
            return 0;
        }
        return (int) value;
    }

    private List<String> stopSequences(YamlNode stop) {
        if (stop instanceof YamlNode.Scalar s) {
            return List.of(s.asText());
        }
        if (stop instanceof YamlNode.Sequence list) {
            List<String> sequences = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                if (item instanceof YamlNode.Scalar s) {
                    sequences.add(s.asText());
                } else {
                    error("modelParameters.stop[" + i + "]", "expected a stop sequence, got " + item.describe());
                }
            }
            return sequences;
        }
        error("modelParameters.stop", "expected a stop sequence or a list of them, got " + stop.describe());
        return List.of();
    }

    private void readResponseFormat(PromptSpec.Builder spec) {
        ResponseFormat format = ResponseFormat.TEXT;
        Optional<String> formatText = text(root, "responseFormat", "responseFormat");
        if (formatText.isPresent()) {
            Optional<ResponseFormat> parsed = ResponseFormat.parse(formatText.get());
            if (parsed.isEmpty()) {
                error("responseFormat", "unknown response format '" + formatText.get()
                        + "' (expected text, json_object or json_schema)");
            } else {
                format = parsed.get();
            }
        }
        spec.responseFormat(format, jsonText(root, "jsonSchema", "jsonSchema").orElse(null));
    }

    private List<MessageTemplate> messages() {
        YamlNode node = root.take("messages");
        List<MessageTemplate> messages = new ArrayList<>();
        if (node == null) {
            error("messages", "missing: a spec needs a 'messages' list with at least one message");
            return messages;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            error("messages", "expected a list of messages ({role, content}), got " + node.describe());
            return messages;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String path = "messages[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                error(path, "expected a message {role, content}, got " + item.describe());
                continue;
            }
            Optional<String> roleText = text(m, "role", path + ".role");
            Optional<String> content = text(m, "content", path + ".content");
            if (roleText.isEmpty()) {
                if (!m.has("role")) {
                    error(path + ".role", "a message needs a role (system, user or assistant)");
                }
                continue;
            }
            Optional<Role> role = Role.parse(roleText.get());
            if (role.isEmpty()) {
                error(path + ".role", "unknown role '" + roleText.get() + "' (expected system, user or assistant)");
                continue;
            }
            if (content.isEmpty() && !m.has("content")) {
                error(path + ".content", "a message needs content");
                continue;
            }
            if (content.isEmpty() && !isNull(m.entries().get("content"))) {
                continue;
            }
            messages.add(new MessageTemplate(role.get(), content.orElse("")));
        }
        return messages;
    }

    private static Set<String> placeholdersOf(List<MessageTemplate> messages) {
        Set<String> names = new HashSet<>();
        messages.forEach(m -> names.addAll(Placeholders.names(m.content())));
        return names;
    }

    private List<TestCase> testData(Set<String> placeholders) {
        YamlNode node = root.take("testData");
        List<TestCase> rows = new ArrayList<>();
        if (node == null || isNull(node)) {
            return rows;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            error("testData", "expected a list of test rows, got " + node.describe());
            return rows;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String path = "testData[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                error(path, "expected a test row (a mapping of variables), got " + item.describe());
                continue;
            }
            rows.add(row(i, m, path, placeholders));
        }
        return rows;
    }

    private TestCase row(int index, YamlNode.Mapping m, String path, Set<String> placeholders) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean structured = m.entries().entrySet().stream()
                .anyMatch(e -> ROW_VALUE_KEYS.contains(e.getKey()) && e.getValue() instanceof YamlNode.Mapping);
        Optional<String> label = Optional.empty();
        if (structured) {
            for (String key : List.of("inputs", "vars", "variables")) {
                YamlNode block = m.take(key);
                if (block != null) {
                    rowValues(block, path + "." + key, path, values);
                }
            }
            label = text(m, "name", path + ".name").or(() -> text(m, "description", path + ".description"));
        } else {
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                String key = e.getKey();
                boolean isLabel = (key.equals("name") || key.equals("description"))
                        && isFlatLabel(m, key, placeholders);
                boolean isRowEvaluators = key.equals("evaluators") && e.getValue() instanceof YamlNode.Sequence
                        && !placeholders.contains(key);
                if (key.equals("expected") || isLabel || isRowEvaluators) {
                    continue;
                }
                m.take(key);
                YamlNode.takeAll(e.getValue());
                values.put(key, valueText(e.getValue()));
                alias(path + "." + key, path + ".inputs." + key);
            }
            if (isFlatLabel(m, "name", placeholders)) {
                label = text(m, "name", path + ".name");
            }
            if (label.isEmpty() && isFlatLabel(m, "description", placeholders)) {
                label = text(m, "description", path + ".description");
            }
        }
        YamlNode expectedNode = m.take("expected");
        Optional<String> expected = expectedNode == null || isNull(expectedNode)
                ? Optional.empty() : Optional.of(valueText(expectedNode));
        if (expectedNode != null) {
            YamlNode.takeAll(expectedNode);
        }
        boolean ownEvaluators = structured || (m.entries().get("evaluators") instanceof YamlNode.Sequence
                && !placeholders.contains("evaluators"));
        List<EvaluatorSpec> evaluators = ownEvaluators
                ? evaluatorList(m.take("evaluators"), path + ".evaluators") : List.of();
        return new TestCase(index + 1, values, expected, evaluators, label.filter(s -> !s.isBlank()));
    }

    /** In a flat row, {@code name} and {@code description} label the row unless a message uses them. */
    private static boolean isFlatLabel(YamlNode.Mapping row, String key, Set<String> placeholders) {
        return !placeholders.contains(key) && row.entries().get(key) instanceof YamlNode.Scalar;
    }

    /** The values of a row's {@code inputs}, {@code vars} or {@code variables} block, also {@code inputs.variables}. */
    private void rowValues(YamlNode block, String blockPath, String rowPath, Map<String, String> values) {
        if (!(block instanceof YamlNode.Mapping m)) {
            if (!isNull(block)) {
                error(blockPath, "expected a mapping of variable values, got " + block.describe());
            }
            return;
        }
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            String key = e.getKey();
            m.take(key);
            if (key.equals("variables") && e.getValue() instanceof YamlNode.Mapping nested) {
                rowValues(nested, blockPath + ".variables", rowPath, values);
                continue;
            }
            YamlNode.takeAll(e.getValue());
            values.put(key, valueText(e.getValue()));
            alias(blockPath + "." + key, rowPath + ".inputs." + key);
        }
    }

    List<EvaluatorSpec> evaluatorList(YamlNode node, String path) {
        List<EvaluatorSpec> evaluators = new ArrayList<>();
        if (node == null || isNull(node)) {
            return evaluators;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            error(path, "expected a list of evaluators, got " + node.describe());
            return evaluators;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String itemPath = path + "[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                error(itemPath, "expected an evaluator (a mapping with a name and a kind), got " + item.describe());
                continue;
            }
            evaluatorReader.read(m, itemPath, i).ifPresent(evaluators::add);
        }
        return evaluators;
    }

    // ---- typed access, shared with EvaluatorReader ---------------------------------------------------------

    /** A scalar as text; an error (and empty) when the value is a list or mapping; empty when absent or null. */
    Optional<String> text(YamlNode.Mapping m, String key, String path) {
        YamlNode node = m.take(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s) {
            return Optional.of(s.asText());
        }
        error(path, "expected text, got " + node.describe());
        return Optional.empty();
    }

    Optional<Boolean> bool(YamlNode.Mapping m, String key, String path) {
        YamlNode node = m.take(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.BOOLEAN) {
            return Optional.of((Boolean) s.value());
        }
        error(path, "expected true or false, got " + node.describe());
        return Optional.empty();
    }

    /** A number under the first of {@code keys} present; the canonical path is the first key's. */
    Optional<Double> number(YamlNode.Mapping m, String parentPath, String... keys) {
        for (String key : keys) {
            YamlNode node = m.take(key);
            if (node == null) {
                continue;
            }
            String path = parentPath + "." + key;
            alias(path, parentPath + "." + keys[0]);
            if (isNull(node)) {
                return Optional.empty();
            }
            if (node instanceof YamlNode.Scalar s && s.isNumber()) {
                return Optional.of(((Number) s.value()).doubleValue());
            }
            error(path, "expected a number, got " + node.describe());
            return Optional.empty();
        }
        return Optional.empty();
    }

    Optional<Long> integer(YamlNode.Mapping m, String parentPath, String... keys) {
        for (String key : keys) {
            YamlNode node = m.take(key);
            if (node == null) {
                continue;
            }
            String path = parentPath + "." + key;
            alias(path, parentPath + "." + keys[0]);
            if (isNull(node)) {
                return Optional.empty();
            }
            if (node instanceof YamlNode.Scalar s && s.isNumber()) {
                Optional<Long> whole = wholeNumber((Number) s.value());
                if (whole.isPresent()) {
                    return whole;
                }
            }
            error(path, "expected a whole number, got " + node.describe());
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Long> wholeNumber(Number n) {
        try {
            BigDecimal exact = n instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(n.toString());
            return Optional.of(exact.longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Text as is, or a mapping/list written as JSON text: for JSON schemas. */
    Optional<String> jsonText(YamlNode.Mapping m, String key, String path) {
        YamlNode node = m.take(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        YamlNode.takeAll(node);
        if (node instanceof YamlNode.Scalar s) {
            try {
                json.readTree(s.asText());
                return Optional.of(s.asText());
            } catch (JsonProcessingException e) {
                error(path, "not valid JSON: " + e.getOriginalMessage());
                return Optional.empty();
            }
        }
        return Optional.of(toJson(node));
    }

    /** A row value or default as text: scalars as written, mappings and lists as JSON. */
    String valueText(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return s.asText();
        }
        return toJson(node);
    }

    private String toJson(YamlNode node) {
        try {
            return json.writeValueAsString(node.toPlain());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain YAML values always convert to JSON", e);
        }
    }

    static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL;
    }

    void error(String field, String message) {
        errors.add(new SpecIssue(SpecIssue.Severity.ERROR, sourceName, positionOf(field), field, message));
    }

    /** Lets a canonical path (e.g. {@code evaluators[0].pattern}) find a value written in another dialect. */
    void alias(String writtenPath, String canonicalPath) {
        SourcePosition at = positions.get(writtenPath);
        if (at != null) {
            positions.putIfAbsent(canonicalPath, at);
        }
    }

    private Optional<SourcePosition> positionOf(String field) {
        String path = field;
        while (path != null && !path.isEmpty()) {
            SourcePosition p = positions.get(path);
            if (p != null) {
                return Optional.of(p);
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut <= 0 ? null : path.substring(0, cut);
        }
        return Optional.empty();
    }

    private void recordPositions(String path, YamlNode node) {
        if (!path.isEmpty()) {
            positions.putIfAbsent(path, node.position());
        }
        if (node instanceof YamlNode.Mapping m) {
            m.entries().forEach((k, v) -> recordPositions(path.isEmpty() ? k : path + "." + k, v));
        } else if (node instanceof YamlNode.Sequence s) {
            for (int i = 0; i < s.items().size(); i++) {
                recordPositions(path + "[" + i + "]", s.items().get(i));
            }
        }
    }

    private void collectUnknown(YamlNode node, String path, List<String> unknown) {
        if (node instanceof YamlNode.Mapping m) {
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (m.isUsed(e.getKey())) {
                    collectUnknown(e.getValue(), child, unknown);
                } else {
                    unknown.add(child);
                    // a warning about a key reads best pointing at the key itself
                    positions.put(child, m.keyPosition(e.getKey()));
                }
            }
        } else if (node instanceof YamlNode.Sequence s) {
            for (int i = 0; i < s.items().size(); i++) {
                collectUnknown(s.items().get(i), path + "[" + i + "]", unknown);
            }
        }
    }
}
