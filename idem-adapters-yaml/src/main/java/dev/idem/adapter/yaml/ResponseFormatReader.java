package dev.idem.adapter.yaml;

import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.ResponseFormat;
import java.util.Optional;

/**
 * Reads a spec's response format: {@code responseFormat} with {@code jsonSchema}, or OpenAI's
 * {@code modelParameters.response_format} (read with a warning; an error beside the former). A {@code json_schema}
 * format without a schema is an error, as gh models refuses such a file.
 */
final class ResponseFormatReader {

    private static final String OPENAI = "modelParameters.response_format";

    private final FieldReader fields;

    ResponseFormatReader(FieldReader fields) {
        this.fields = fields;
    }

    void read(YamlNode.Mapping root, PromptSpec.Builder spec) {
        Optional<ResponseFormat> format = fields.text(root, "responseFormat", "responseFormat").flatMap(text -> {
            Optional<ResponseFormat> parsed = ResponseFormat.parse(text);
            if (parsed.isEmpty()) {
                fields.error("responseFormat", "unknown response format '" + text
                        + "' (expected text, json_object or json_schema)");
            }
            return parsed;
        });
        Optional<String> schema = fields.jsonText(root, "jsonSchema", "jsonSchema");
        Optional<YamlNode> openAi = takeOpenAi(root);
        if (openAi.isPresent()) {
            if (root.has("responseFormat") || root.has("jsonSchema")) {
                YamlNode.takeAll(openAi.get());
                fields.error(OPENAI, "gives the response format again (as responseFormat does); write it once, as "
                        + "responseFormat");
            } else {
                Read read = openAi(openAi.get());
                format = read.format();
                schema = read.schema();
                format.ifPresent(f -> fields.warning(OPENAI, "OpenAI's spelling, read as responseFormat: "
                        + f.wireName() + "; write it as responseFormat" + (read.schema().isPresent()
                        ? " and jsonSchema" : "")));
            }
        }
        boolean schemaUnreadable = fields.errors().stream().anyMatch(e -> e.field().equals("jsonSchema"));
        if (format.orElse(ResponseFormat.TEXT) == ResponseFormat.JSON_SCHEMA && schema.isEmpty()
                && !schemaUnreadable) {
            fields.error("responseFormat", "json_schema needs a jsonSchema: the schema the reply must follow (gh "
                    + "models refuses the file without one too)");
        }
        spec.responseFormat(format.orElse(ResponseFormat.TEXT), schema.orElse(null));
    }

    /** A suite takes its response format from its spec, so one written in its parameters is refused too. */
    void refuseInSuite(YamlNode.Mapping root) {
        takeOpenAi(root).ifPresent(node -> {
            YamlNode.takeAll(node);
            fields.error(OPENAI, "a suite takes the response format from the spec it evaluates (see 'spec'); it "
                    + "may not set one");
        });
    }

    /** {@code modelParameters.response_format}, taken, when the file writes it there. */
    private static Optional<YamlNode> takeOpenAi(YamlNode.Mapping root) {
        if (root.entries().get("modelParameters") instanceof YamlNode.Mapping m && m.has("response_format")) {
            return Optional.of(m.take("response_format"));
        }
        return Optional.empty();
    }

    /** OpenAI's {@code response_format: {type: json_schema, json_schema: {...}}}, or just its type. */
    private Read openAi(YamlNode node) {
        YamlNode.takeAll(node);
        YamlNode type = node instanceof YamlNode.Mapping m ? m.entries().get("type") : node;
        Optional<ResponseFormat> format = type instanceof YamlNode.Scalar s ? ResponseFormat.parse(s.asText())
                : Optional.empty();
        if (format.isEmpty()) {
            fields.error(OPENAI, "expected text, json_object, json_schema or {type: ...}, got " + node.describe());
            return new Read(Optional.empty(), Optional.empty());
        }
        Optional<String> schema = node instanceof YamlNode.Mapping m && m.has("json_schema")
                ? fields.jsonText(m, "json_schema", OPENAI + ".json_schema") : Optional.empty();
        return new Read(format, schema);
    }

    /** What {@code modelParameters.response_format} says. */
    private record Read(Optional<ResponseFormat> format, Optional<String> schema) {
    }
}
