package dev.idem.adapter.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.adapter.langchain4j.HeaderKeepingHttpClientBuilder;
import dev.idem.adapter.langchain4j.Replies;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.EndpointIdentity;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link ModelGateway} on a local or remote Ollama server ({@code POST /api/chat}, whole replies), through
 * langchain4j's {@link OllamaChatModel}. One attempt per call: langchain4j's own retries are off.
 */
public final class OllamaGateway implements ModelGateway {

    /** The provider id. */
    public static final String PROVIDER = "ollama";
    /** The setting naming the server. */
    public static final String BASE_URL = "OLLAMA_BASE_URL";
    /** Where {@code ollama serve} listens unless told otherwise. */
    public static final String DEFAULT_BASE_URL = "http://localhost:11434";

    private final String baseUrl;
    private final OllamaChatModel chat;
    private final OllamaModels models;
    private final FailureTranslator failures;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * A gateway configured by {@code OLLAMA_BASE_URL} (optional) and the settings' request timeout.
     *
     * @throws IllegalArgumentException if {@code OLLAMA_BASE_URL} is not an http(s) URL
     */
    public OllamaGateway(GatewaySettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** As {@link #OllamaGateway(GatewaySettings)}, with the clock that dates a {@code Retry-After}. */
    public OllamaGateway(GatewaySettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.baseUrl = baseUrlOf(settings.get(BASE_URL).orElse(DEFAULT_BASE_URL));
        Duration timeout = settings.requestTimeout();
        this.chat = OllamaChatModel.builder()
                .httpClientBuilder(new HeaderKeepingHttpClientBuilder("Ollama")
                        .maxBodyBytes(settings.maxResponseBytes())
                        .replyCheck(CompleteReply::check))
                .baseUrl(baseUrl)
                .timeout(timeout)
                .maxRetries(0)
                .build();
        this.models = OllamaModels.builder()
                .httpClientBuilder(new HeaderKeepingHttpClientBuilder("Ollama")
                        .maxBodyBytes(settings.maxResponseBytes()))
                .baseUrl(baseUrl)
                .timeout(timeout)
                .maxRetries(0)
                .build();
        this.failures = new FailureTranslator(PROVIDER, EndpointUrl.of(baseUrl), timeout, clock, this::availableModels,
                settings.vocabulary());
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    /** The base URL, without credentials: two Ollama servers may hold different models under one name. */
    @Override
    public EndpointIdentity endpoint() {
        return EndpointIdentity.NONE.withUrl("baseUrl", baseUrl);
    }

    /** The server this gateway talks to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Ollama has no presence or frequency penalty, and its seed is a 32-bit integer; {@link #complete} leaves
     * those out.
     */
    @Override
    public List<String> unsupportedParameters(ModelRequest request) {
        ModelParameters p = request.parameters();
        List<String> unsupported = new ArrayList<>();
        if (p.seed().isPresent() && !fitsInInt(p.seed().get())) {
            unsupported.add("seed");
        }
        if (p.presencePenalty().isPresent()) {
            unsupported.add("presencePenalty");
        }
        if (p.frequencyPenalty().isPresent()) {
            unsupported.add("frequencyPenalty");
        }
        return List.copyOf(unsupported);
    }

    @Override
    public Completion complete(ModelRequest request) {
        ChatRequest chatRequest = toChatRequest(request);
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = chat.chat(chatRequest);
        } catch (RuntimeException e) {
            throw failures.translate(e, request.model());
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        // Empty content is an answer like any other (a thinking model may spend every token before it says
        // anything): it was paid for, so it is stored and judged. Only a reply without a message is no reply.
        AiMessage message = response.aiMessage();
        if (message == null) {
            throw failures.translate(new IllegalStateException("the reply has no message"), request.model());
        }
        ChatResponseMetadata metadata = response.metadata();
        dev.langchain4j.model.output.TokenUsage usage = metadata == null ? null : metadata.tokenUsage();
        String answeredBy = metadata == null || metadata.modelName() == null ? request.model() : metadata.modelName();
        return new Completion(message.text() == null ? "" : message.text(), answeredBy, Replies.tokenUsage(usage),
                latency, Replies.finishReason(metadata == null ? null : metadata.finishReason()));
    }

    private ChatRequest toChatRequest(ModelRequest request) {
        ModelParameters p = request.parameters();
        OllamaChatRequestParameters.Builder parameters = OllamaChatRequestParameters.builder()
                .modelName(request.model());
        p.temperature().ifPresent(parameters::temperature);
        p.maxTokens().ifPresent(parameters::maxOutputTokens);
        p.topP().ifPresent(parameters::topP);
        p.seed().filter(OllamaGateway::fitsInInt).ifPresent(seed -> parameters.seed(seed.intValue()));
        if (!p.stop().isEmpty()) {
            parameters.stopSequences(p.stop());
        }
        responseFormat(request).ifPresent(parameters::responseFormat);
        try {
            List<ChatMessage> messages = request.messages().stream().map(OllamaGateway::toChatMessage).toList();
            return ChatRequest.builder().messages(messages).parameters(parameters.build()).build();
        } catch (IllegalArgumentException e) {
            throw failures.rejected("cannot send this request to Ollama: " + e.getMessage());
        }
    }

    private java.util.Optional<ResponseFormat> responseFormat(ModelRequest request) {
        switch (request.responseFormat()) {
            case JSON_OBJECT:
                return java.util.Optional.of(ResponseFormat.JSON);
            case JSON_SCHEMA:
                if (request.jsonSchema().isEmpty()) {
                    return java.util.Optional.of(ResponseFormat.JSON);
                }
                String schema = request.jsonSchema().get();
                requireJsonObject(schema);
                return java.util.Optional.of(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name("response").rootElement(JsonRawSchema.from(schema))
                                .build())
                        .build());
            default:
                return java.util.Optional.empty();
        }
    }

    private void requireJsonObject(String schema) {
        try {
            JsonNode node = json.readTree(schema);
            if (node == null || !node.isObject()) {
                throw failures.rejected("the json_schema for Ollama must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw failures.rejected("the json_schema for Ollama is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private List<String> availableModels() {
        List<OllamaModel> listed = models.availableModels().content();
        return listed == null ? List.of() : listed.stream().map(OllamaModel::getName).filter(Objects::nonNull).toList();
    }

    private static ChatMessage toChatMessage(dev.idem.domain.template.Message m) {
        switch (m.role()) {
            case SYSTEM:
                return SystemMessage.from(m.content());
            case ASSISTANT:
                return AiMessage.from(m.content());
            default:
                return UserMessage.from(m.content());
        }
    }

    private static boolean fitsInInt(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    static String baseUrlOf(String configured) {
        String trimmed = configured.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (URISyntaxException malformed) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(BASE_URL + " must be an http(s) URL such as " + DEFAULT_BASE_URL
                + ", got '" + EndpointUrl.of(configured) + "'");
    }
}
