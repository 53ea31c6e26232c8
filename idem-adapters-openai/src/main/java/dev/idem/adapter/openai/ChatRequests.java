package dev.idem.adapter.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.adapter.langchain4j.Replies;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.template.Message;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Translates requests and replies between idem's domain and langchain4j's chat types, for both gateways. */
final class ChatRequests {

    /** GitHub Models names OpenAI models {@code openai/gpt-4o}; the OpenAI wire protocol wants {@code gpt-4o}. */
    private static final String VENDOR_PREFIX = "openai/";

    private final FailureTranslator failures;
    private final ObjectMapper json = new ObjectMapper();

    ChatRequests(FailureTranslator failures) {
        this.failures = failures;
    }

    static String wireModel(String model) {
        String m = model.strip();
        return m.regionMatches(true, 0, VENDOR_PREFIX, 0, VENDOR_PREFIX.length())
                ? m.substring(VENDOR_PREFIX.length()) : m;
    }

    static List<ChatMessage> messages(ModelRequest request) {
        return request.messages().stream().map(ChatRequests::toChatMessage).toList();
    }

    private static ChatMessage toChatMessage(Message m) {
        switch (m.role()) {
            case SYSTEM:
                return SystemMessage.from(m.content());
            case ASSISTANT:
                return AiMessage.from(m.content());
            default:
                return UserMessage.from(m.content());
        }
    }

    /** The langchain4j response format, or empty for plain text. */
    Optional<ResponseFormat> responseFormat(ModelRequest request) {
        switch (request.responseFormat()) {
            case JSON_OBJECT:
                return Optional.of(ResponseFormat.JSON);
            case JSON_SCHEMA:
                if (request.jsonSchema().isEmpty()) {
                    return Optional.of(ResponseFormat.JSON);
                }
                String schema = request.jsonSchema().get();
                requireJsonObject(schema);
                return Optional.of(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name("response").rootElement(JsonRawSchema.from(schema))
                                .build())
                        .build());
            default:
                return Optional.empty();
        }
    }

    private void requireJsonObject(String schema) {
        try {
            JsonNode node = json.readTree(schema);
            if (node == null || !node.isObject()) {
                throw failures.rejected("the json_schema must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw failures.rejected("the json_schema is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The reply as a {@link Completion}, or the failure a filtered reply means. Empty or null content is an answer
     * like any other (a reasoning model that spent its whole {@code max_tokens} thinking says nothing, with
     * finish reason {@code length}): it was paid for, so it is stored, and the evaluators judge it. Only a reply
     * without a message is no completion.
     */
    Completion completion(ChatResponse response, String model, Duration latency) {
        ChatResponseMetadata metadata = response == null ? null : response.metadata();
        FinishReason finish = metadata == null ? null : metadata.finishReason();
        if (finish == FinishReason.CONTENT_FILTER) {
            throw failures.filtered(model);
        }
        AiMessage message = response == null ? null : response.aiMessage();
        if (message == null) {
            throw failures.malformed("the reply has no message");
        }
        dev.langchain4j.model.output.TokenUsage usage = metadata == null ? null : metadata.tokenUsage();
        String answeredBy = metadata == null || metadata.modelName() == null ? model : metadata.modelName();
        return new Completion(message.text() == null ? "" : message.text(), answeredBy, Replies.tokenUsage(usage),
                latency, Replies.finishReason(finish));
    }
}
