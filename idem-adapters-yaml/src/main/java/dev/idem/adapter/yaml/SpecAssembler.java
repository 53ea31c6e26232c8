package dev.idem.adapter.yaml;

import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.template.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link PromptSpec} from a YAML tree in any of the dialects idem reads, collecting every error with
 * its field path and position, and the paths of keys it does not know.
 *
 * <p>It reads the sections and a suite's inheritance itself; test rows go to {@link TestDataReader}, evaluators
 * to {@link EvaluatorReader}, model parameters to {@link ModelParametersReader}, the response format to
 * {@link ResponseFormatReader}, and all of them read their fields and report through one {@link FieldReader}. One
 * instance assembles one spec.
 */
final class SpecAssembler {

    /** What a suite takes from the spec it evaluates and may not redefine: they are the prompt under test. */
    private static final List<String> INHERITED_ONLY = List.of("version", "authors", "metadata", "variables",
            "responseFormat", "jsonSchema", "messages");

    private final String defaultName;
    private final YamlNode.Mapping root;
    private final FieldReader fields;
    private final EvaluatorReader evaluators;
    private final TestDataReader testData;
    private final ModelParametersReader parameters;
    private final ResponseFormatReader responseFormat;
    private final Optional<PromptSpec> base;

    /**
     * @param base the spec a suite refers to with {@code spec:}; the suite inherits from it and overrides
     *             name, description, model, modelParameters, testData and evaluators
     */
    SpecAssembler(String sourceName, String defaultName, YamlNode.Mapping root, Optional<PromptSpec> base) {
        this.defaultName = defaultName;
        this.root = root;
        this.base = base;
        this.fields = new FieldReader(sourceName, root);
        this.parameters = new ModelParametersReader(fields);
        this.evaluators = new EvaluatorReader(fields, parameters);
        this.testData = new TestDataReader(fields, evaluators);
        this.responseFormat = new ResponseFormatReader(fields);
    }

    /**
     * The spec as far as it could be read: when {@link #issues()} holds errors beyond single rows, it lacks what
     * they are about and is good for nothing but telling its warnings.
     */
    PromptSpec assemble() {
        if (base.isPresent()) {
            return assembleSuite(base.get());
        }
        PromptSpec.Builder spec = PromptSpec.builder(defaultName);
        fields.text(root, "name", "name").filter(s -> !s.isBlank()).ifPresent(spec::name);
        fields.text(root, "version", "version").ifPresent(spec::version);
        fields.text(root, "description", "description").ifPresent(spec::description);
        spec.authors(authors());
        spec.metadata(metadata());
        List<Variable> variables = readVariables(spec);
        readModel(spec);
        spec.parameters(parameters.ofSpec(root, ModelParameters.DEFAULTS));
        responseFormat.read(root, spec);
        List<MessageTemplate> messages = messages();
        spec.messages(messages);
        spec.testData(testData.read(root.take("testData"), messages, variables));
        spec.evaluators(evaluators.readAll(root.take("evaluators"), "evaluators"));
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
                fields.errorAt(Optional.of(root.keyPosition(key)), key, "a suite takes '" + key + "' from the "
                        + "spec it evaluates (see 'spec'); it may only override name, description, model, "
                        + "modelParameters, testData and evaluators");
            }
        }
        fields.text(root, "name", "name").filter(s -> !s.isBlank()).ifPresent(spec::name);
        fields.text(root, "description", "description").ifPresent(spec::description);
        readModel(spec);
        responseFormat.refuseInSuite(root);
        spec.parameters(parameters.ofSpec(root, baseSpec.parameters()));
        if (root.has("testData")) {
            spec.testData(testData.read(root.take("testData"), baseSpec.messages(), baseSpec.variables()));
        }
        if (root.has("evaluators")) {
            spec.evaluators(evaluators.readAll(root.take("evaluators"), "evaluators"));
        }
        return finish(spec);
    }

    private PromptSpec finish(PromptSpec.Builder spec) {
        spec.unknownKeys(fields.unknownKeys(root));
        spec.source(fields.source());
        PromptSpec built = spec.build();
        testData.checkSeveralExpected(built);
        return built;
    }

    /** What reading found: every error, then every warning. */
    List<SpecIssue> issues() {
        return fields.issues();
    }

    // ---- sections ------------------------------------------------------------------------------------------

    private List<String> authors() {
        YamlNode node = root.take("authors");
        List<String> authors = new ArrayList<>();
        if (node == null || FieldReader.isNull(node)) {
            return authors;
        }
        if (node instanceof YamlNode.Scalar s) {
            authors.add(s.asText());
            return authors;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            fields.error("authors", "expected a list of authors (names or {name: ...}), got "
                    + node.describe());
            return authors;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String path = "authors[" + i + "]";
            YamlNode item = list.items().get(i);
            if (item instanceof YamlNode.Scalar s) {
                authors.add(s.asText());
            } else if (item instanceof YamlNode.Mapping m) {
                Optional<String> name = fields.text(m, "name", path + ".name");
                if (name.isEmpty()) {
                    fields.error(path, "an author needs a name");
                } else {
                    authors.add(name.get());
                }
            } else {
                fields.error(path, "expected an author name or {name: ...}, got " + item.describe());
            }
        }
        return authors;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> metadata() {
        YamlNode node = root.take("metadata");
        if (node == null || FieldReader.isNull(node)) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            fields.error("metadata", "expected a mapping, got " + node.describe());
            return Map.of();
        }
        m.takeAll();
        return (Map<String, Object>) m.toPlain();
    }

    /** The declared variables, also set on the spec; empty when it declares none. */
    private List<Variable> readVariables(PromptSpec.Builder spec) {
        YamlNode node = root.take("variables");
        if (node == null) {
            return List.of();
        }
        List<Variable> variables = new ArrayList<>();
        if (node instanceof YamlNode.Sequence list) {
            for (int i = 0; i < list.items().size(); i++) {
                String path = "variables[" + i + "]";
                YamlNode item = list.items().get(i);
                if (item instanceof YamlNode.Mapping m) {
                    Optional<String> name = fields.text(m, "name", path + ".name");
                    if (name.isEmpty() || name.get().isBlank()) {
                        fields.error(path, "a variable needs a name");
                        continue;
                    }
                    variables.add(variable(name.get(), m, path));
                } else if (item instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
                    variables.add(new Variable(s.text(), "", false, "", Optional.empty()));
                } else {
                    fields.error(path, "expected a variable {name, description, required, type, default}, got "
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
                    fields.error(path, "expected the variable's {description, required, type, default}, got "
                            + value.describe());
                }
            }
        } else if (!FieldReader.isNull(node)) {
            fields.error("variables", "expected a list of variables, got " + node.describe());
            return List.of();
        }
        spec.variables(variables, true);
        return variables;
    }

    private Variable variable(String name, YamlNode.Mapping m, String path) {
        String description = fields.text(m, "description", path + ".description").orElse("");
        boolean required = fields.bool(m, "required", path + ".required").orElse(false);
        String type = fields.text(m, "type", path + ".type").orElse("");
        YamlNode defaultNode = m.take("default");
        Optional<String> defaultValue = defaultNode == null || FieldReader.isNull(defaultNode)
                ? Optional.empty() : Optional.of(fields.valueText(defaultNode));
        return new Variable(name, description, required, type, defaultValue);
    }

    private void readModel(PromptSpec.Builder spec) {
        Optional<String> model = fields.text(root, "model", "model");
        if (model.isPresent() && model.get().isBlank()) {
            fields.warning("model", "empty, so the requests name no model: name one here, or pass --model");
        }
        model.ifPresent(spec::model);
    }

    private List<MessageTemplate> messages() {
        YamlNode node = root.take("messages");
        List<MessageTemplate> messages = new ArrayList<>();
        if (node == null) {
            fields.error("messages", "missing: a spec needs a 'messages' list with at least one message");
            return messages;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            fields.error("messages", "expected a list of messages ({role, content}), got " + node.describe());
            return messages;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String path = "messages[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                fields.error(path, "expected a message {role, content}, got " + item.describe());
                continue;
            }
            Optional<String> roleText = fields.text(m, "role", path + ".role");
            Optional<String> content = fields.text(m, "content", path + ".content");
            if (roleText.isEmpty()) {
                if (!m.has("role")) {
                    fields.error(path + ".role", "a message needs a role (system, user or assistant)");
                }
                continue;
            }
            Optional<Role> role = Role.parse(roleText.get());
            if (role.isEmpty()) {
                fields.error(path + ".role", "unknown role '" + roleText.get()
                        + "' (expected system, user or assistant)");
                continue;
            }
            if (content.isEmpty() && !m.has("content")) {
                fields.error(path + ".content", "a message needs content");
                continue;
            }
            if (content.isEmpty() && !FieldReader.isNull(m.entries().get("content"))) {
                continue;
            }
            messages.add(new MessageTemplate(role.get(), content.orElse("")));
        }
        return messages;
    }
}
