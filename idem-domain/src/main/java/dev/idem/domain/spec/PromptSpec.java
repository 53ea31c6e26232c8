package dev.idem.domain.spec;

import dev.idem.domain.template.Placeholders;
import dev.idem.domain.template.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A prompt spec ({@code .prompt.yml}): what to send to a model, with which parameters, and how to judge
 * the replies. Immutable; build one with {@link #builder(String)} or load one through a
 * {@code PromptSpecRepository}.
 *
 * @param name               human name
 * @param version            free-form version; may be empty
 * @param description        may be empty
 * @param authors            author names
 * @param metadata           {@code domain}, {@code complexity}, {@code tags}, ... kept as read
 * @param variables          declared inputs; empty when the spec declares none
 * @param variablesDeclared  whether the spec has a {@code variables} section (then undeclared
 *                           placeholders are errors)
 * @param model              model id as written, e.g. {@code gpt-4o} or {@code openai/gpt-4o}
 * @param parameters         sampling parameters
 * @param responseFormat     text, json_object or json_schema
 * @param jsonSchema         the JSON schema text for {@code json_schema}, if any
 * @param messages           message templates, in order
 * @param testData           test rows
 * @param evaluators         spec-level evaluators, applied to every row
 * @param unknownKeys        field paths of keys idem does not know; kept, reported as warnings
 * @param source             where the spec came from, for error positions
 */
public record PromptSpec(String name, String version, String description, List<String> authors,
                         Map<String, Object> metadata, List<Variable> variables, boolean variablesDeclared,
                         String model, ModelParameters parameters, ResponseFormat responseFormat,
                         Optional<String> jsonSchema, List<MessageTemplate> messages, List<TestCase> testData,
                         List<EvaluatorSpec> evaluators, List<String> unknownKeys, SpecSource source) {

    public PromptSpec {
        name = name == null ? "" : name;
        version = version == null ? "" : version;
        description = description == null ? "" : description;
        authors = List.copyOf(authors == null ? List.of() : authors);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
        variables = List.copyOf(variables == null ? List.of() : variables);
        model = model == null ? "" : model;
        parameters = parameters == null ? ModelParameters.DEFAULTS : parameters;
        responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
        jsonSchema = jsonSchema == null ? Optional.empty() : jsonSchema;
        messages = List.copyOf(messages == null ? List.of() : messages);
        testData = TestCase.distinctlyLabelled(testData == null ? List.of() : testData);
        evaluators = List.copyOf(evaluators == null ? List.of() : evaluators);
        unknownKeys = List.copyOf(unknownKeys == null ? List.of() : unknownKeys);
        source = source == null ? SpecSource.named(name) : source;
    }

    /** The declared variable of that name, if any. */
    public Optional<Variable> variable(String variableName) {
        return variables.stream().filter(v -> v.name().equals(variableName)).findFirst();
    }

    /**
     * The names a value can be given for: the declared variables, then the placeholders of the messages, each once,
     * in that order.
     */
    public List<String> variableNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        variables.forEach(v -> names.add(v.name()));
        messages.forEach(m -> names.addAll(Placeholders.names(m.content())));
        return List.copyOf(names);
    }

    /**
     * The test row with that 1-based number.
     *
     * @throws IllegalArgumentException if there is no such row
     */
    public TestCase testCase(int number) {
        if (number < 1 || number > testData.size()) {
            throw new IllegalArgumentException("no test case " + number + " (the spec has " + testData.size() + ")");
        }
        return testData.get(number - 1);
    }

    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    public Builder toBuilder() {
        return new Builder().name(name).version(version).description(description).authors(authors)
                .metadata(metadata).variables(variables, variablesDeclared).model(model).parameters(parameters)
                .responseFormat(responseFormat, jsonSchema.orElse(null)).messages(messages).testData(testData)
                .evaluators(evaluators).unknownKeys(unknownKeys).source(source);
    }

    /** Builds a spec; everything but the name is optional. */
    public static final class Builder {
        private String name;
        private String version = "";
        private String description = "";
        private List<String> authors = new ArrayList<>();
        private Map<String, Object> metadata = new LinkedHashMap<>();
        private List<Variable> variables = new ArrayList<>();
        private boolean variablesDeclared;
        private String model = "";
        private ModelParameters parameters = ModelParameters.DEFAULTS;
        private ResponseFormat responseFormat = ResponseFormat.TEXT;
        private String jsonSchema;
        private List<MessageTemplate> messages = new ArrayList<>();
        private List<TestCase> testData = new ArrayList<>();
        private List<EvaluatorSpec> evaluators = new ArrayList<>();
        private List<String> unknownKeys = new ArrayList<>();
        private SpecSource source;

        private Builder() {
        }

        public Builder name(String v) { name = Objects.requireNonNull(v, "name"); return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder authors(List<String> v) { authors = new ArrayList<>(v); return this; }
        public Builder metadata(Map<String, Object> v) { metadata = new LinkedHashMap<>(v); return this; }
        public Builder variables(List<Variable> v, boolean declared) {
            variables = new ArrayList<>(v);
            variablesDeclared = declared;
            return this;
        }
        public Builder variable(Variable v) { variables.add(v); variablesDeclared = true; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder parameters(ModelParameters v) { parameters = v; return this; }
        public Builder responseFormat(ResponseFormat v, String schema) {
            responseFormat = v;
            jsonSchema = schema;
            return this;
        }
        public Builder messages(List<MessageTemplate> v) { messages = new ArrayList<>(v); return this; }
        public Builder message(Role role, String content) { messages.add(new MessageTemplate(role, content)); return this; }
        public Builder testData(List<TestCase> v) { testData = new ArrayList<>(v); return this; }
        public Builder testCase(TestCase v) { testData.add(v); return this; }
        public Builder evaluators(List<EvaluatorSpec> v) { evaluators = new ArrayList<>(v); return this; }
        public Builder evaluator(EvaluatorSpec v) { evaluators.add(v); return this; }
        public Builder unknownKeys(List<String> v) { unknownKeys = new ArrayList<>(v); return this; }
        public Builder source(SpecSource v) { source = v; return this; }

        public PromptSpec build() {
            return new PromptSpec(name, version, description, authors, metadata, variables, variablesDeclared, model,
                    parameters, responseFormat, Optional.ofNullable(jsonSchema), messages, testData, evaluators,
                    unknownKeys, source);
        }
    }
}
