package dev.idem.domain.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * Passes when the reply is valid JSON and, if a schema is given, conforms to it.
 *
 * @param name   evaluator name
 * @param schema JSON Schema text, if any
 */
public record JsonEvaluatorSpec(String name, Optional<String> schema) implements EvaluatorSpec {
    public JsonEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        schema = schema == null ? Optional.empty() : schema;
    }

    @Override
    public String kind() {
        return "json";
    }
}
