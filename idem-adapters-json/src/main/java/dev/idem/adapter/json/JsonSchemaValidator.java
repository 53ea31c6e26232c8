package dev.idem.adapter.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.port.out.JsonValidator;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@code json} evaluator's checks: the reply must be exactly one JSON value (a fenced {@code ```json} block
 * around it is tolerated, as chat models add one), and conform to the schema when one is given. A schema in
 * OpenAI's {@code json_schema} wrapper ({@code {"name", "strict", "schema"}}) is unwrapped.
 */
public final class JsonSchemaValidator implements JsonValidator {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final ConcurrentHashMap<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    @Override
    public Verdict check(String text, Optional<String> schema) {
        JsonNode value;
        try {
            value = mapper.readTree(unfenced(text));
        } catch (JsonProcessingException e) {
            return Verdict.fail("not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (value == null || value.isMissingNode()) {
            return Verdict.fail("not valid JSON: empty reply");
        }
        if (schema.isEmpty()) {
            return Verdict.pass("valid JSON " + kind(value));
        }
        JsonSchema compiled;
        try {
            compiled = schemas.computeIfAbsent(schema.get(), this::compile);
        } catch (IllegalArgumentException e) {
            return Verdict.fail(e.getMessage());
        }
        Set<ValidationMessage> problems = compiled.validate(value);
        if (problems.isEmpty()) {
            return Verdict.pass("valid JSON conforming to the schema");
        }
        return Verdict.fail("JSON does not conform to the schema: " + problems.stream().map(ValidationMessage::getMessage)
                .sorted().limit(3).collect(Collectors.joining("; ")));
    }

    private JsonSchema compile(String schemaText) {
        try {
            JsonNode node = mapper.readTree(schemaText);
            if (node.isObject() && node.has("schema") && node.has("name") && node.get("schema").isObject()) {
                node = node.get("schema");
            }
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(node, false)
                    .orElse(SpecVersion.VersionFlag.V202012);
            return JsonSchemaFactory.getInstance(version).getSchema(node);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the evaluator's JSON schema is invalid: " + e.getMessage(), e);
        }
    }

    private static String unfenced(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int close = t.lastIndexOf("```");
            if (firstLine > 0 && close > firstLine) {
                return t.substring(firstLine + 1, close).strip();
            }
        }
        return t;
    }

    private static String kind(JsonNode value) {
        JsonToken token = value.asToken();
        return token == JsonToken.START_OBJECT ? "(object)" : token == JsonToken.START_ARRAY ? "(array)" : "(scalar)";
    }
}
