package dev.idem.domain.execution;

import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.template.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to a model: everything that decides its reply, and nothing secret.
 *
 * @param model          model id the provider should use
 * @param messages       rendered messages
 * @param parameters     sampling parameters
 * @param responseFormat text, json_object or json_schema
 * @param jsonSchema     schema text for json_schema
 */
public record ModelRequest(String model, List<Message> messages, ModelParameters parameters,
                           ResponseFormat responseFormat, Optional<String> jsonSchema) {
    public ModelRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        parameters = parameters == null ? ModelParameters.DEFAULTS : parameters;
        responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
        jsonSchema = jsonSchema == null ? Optional.empty() : jsonSchema;
    }

    /** A plain-text request with default parameters. */
    public static ModelRequest of(String model, List<Message> messages) {
        return new ModelRequest(model, messages, ModelParameters.DEFAULTS, ResponseFormat.TEXT, Optional.empty());
    }

    /** The same request for another model. */
    public ModelRequest withModel(String otherModel) {
        return new ModelRequest(otherModel, messages, parameters, responseFormat, jsonSchema);
    }
}
