package dev.idem.adapter.openai;

import com.azure.ai.openai.OpenAIClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.OpenAIServiceVersion;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.adapter.langchain4j.Causes;
import dev.idem.adapter.langchain4j.HttpFailure;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.EndpointIdentity;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A {@link ModelGateway} on an Azure OpenAI deployment
 * ({@code POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...}), through langchain4j's
 * {@link AzureOpenAiChatModel}. One attempt per call: the Azure SDK's retry policy is set to zero retries.
 */
public final class AzureOpenAiGateway implements ModelGateway {

    /** The provider id. */
    public static final String PROVIDER = "azure-openai";
    /** The resource endpoint, e.g. {@code https://my-resource.openai.azure.com} (required). */
    public static final String ENDPOINT = "AZURE_OPENAI_ENDPOINT";
    /** The resource key (required, secret). */
    public static final String API_KEY = "AZURE_OPENAI_API_KEY";
    /** The deployment to call (optional: the request's model names it otherwise). */
    public static final String DEPLOYMENT = "AZURE_OPENAI_DEPLOYMENT";
    /** The REST API version (optional). */
    public static final String API_VERSION = "AZURE_OPENAI_API_VERSION";
    /** The newest generally available data-plane version: it has structured outputs (json_schema). */
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");
    private static final String EXAMPLE_ENDPOINT = "https://my-resource.openai.azure.com";

    private final String endpoint;
    private final Optional<String> deployment;
    private final String apiVersion;
    private final OpenAIClient client;
    private final FailureTranslator failures;
    private final ChatRequests requests;
    private final Vocabulary words;

    /**
     * A gateway configured by {@code AZURE_OPENAI_ENDPOINT}, {@code AZURE_OPENAI_API_KEY},
     * {@code AZURE_OPENAI_DEPLOYMENT}, {@code AZURE_OPENAI_API_VERSION} and the settings' request timeout.
     *
     * @throws IllegalArgumentException if a required setting is missing or a setting is malformed
     */
    public AzureOpenAiGateway(GatewaySettings settings) {
        this(settings, Clock.systemUTC(), HttpClient::createDefault);
    }

    /**
     * As {@link #AzureOpenAiGateway(GatewaySettings)}, with the clock that dates a {@code Retry-After} and the
     * HTTP transport (given the timeouts it must apply); tests pass one that trusts their own certificate.
     */
    AzureOpenAiGateway(GatewaySettings settings, Clock clock, Function<HttpClientOptions, HttpClient> transport) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.endpoint = OpenAiGateway.httpUrl(ENDPOINT, settings.get(ENDPOINT).orElseThrow(
                () -> new IllegalArgumentException(ENDPOINT + " is not set (e.g. " + EXAMPLE_ENDPOINT + ")")),
                EXAMPLE_ENDPOINT);
        if (!endpoint.regionMatches(true, 0, "https:", 0, 6)) {
            throw new IllegalArgumentException(ENDPOINT + " must be an https URL: the Azure SDK never sends an API key"
                    + " over plain HTTP, got '" + EndpointUrl.of(endpoint) + "'");
        }
        String apiKey = settings.get(API_KEY).orElseThrow(() -> new IllegalArgumentException(API_KEY
                + " is not set (a key of the Azure OpenAI resource)"));
        this.apiVersion = settings.get(API_VERSION).orElse(DEFAULT_API_VERSION);
        if (!VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException(API_VERSION + " must look like " + DEFAULT_API_VERSION + " or "
                    + "2025-01-01-preview, got '" + apiVersion + "'");
        }
        this.deployment = settings.get(DEPLOYMENT);
        this.words = settings.vocabulary();
        Duration timeout = settings.requestTimeout();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(timeout)
                .setWriteTimeout(timeout)
                .setResponseTimeout(timeout)
                .setReadTimeout(timeout);
        this.client = new OpenAIClientBuilder()
                .endpoint(endpoint)
                .credential(new AzureKeyCredential(apiKey))
                .serviceVersion(OpenAIServiceVersion.getLatest())
                .addPolicy(new ApiVersionPolicy(apiVersion))
                .addPolicy(new ReplyCheckPolicy(settings.maxResponseBytes()))
                // Zero retries: the application layer retries, with the store's idempotency around each attempt.
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
                .httpClient(transport.apply(options))
                .buildClient();
        this.failures = new FailureTranslator(new FailureTranslator.Service(PROVIDER, "Azure OpenAI", EndpointUrl.of(endpoint),
                ENDPOINT, API_KEY, this::deploymentHint, timeout), clock, AzureOpenAiGateway::problemOf, apiKey);
        this.requests = new ChatRequests(failures);
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    /**
     * The resource endpoint (without credentials), the configured deployment and the API version: each picks
     * another model or another behaviour for the same request. Without {@code AZURE_OPENAI_DEPLOYMENT} the
     * request's model names the deployment, and the model is in every fingerprint already.
     */
    @Override
    public EndpointIdentity endpoint() {
        return EndpointIdentity.NONE.withUrl("endpoint", endpoint).with("deployment", deployment.orElse(""))
                .with("apiVersion", apiVersion);
    }

    /** The resource endpoint as configured, without a trailing slash. */
    public String resourceEndpoint() {
        return endpoint;
    }

    /** The deployment a request goes to: {@code AZURE_OPENAI_DEPLOYMENT} when set, else the request's model. */
    public String deploymentFor(ModelRequest request) {
        return deployment.orElseGet(() -> ChatRequests.wireModel(request.model()));
    }

    /** Azure OpenAI takes every spec parameter. */
    @Override
    public List<String> unsupportedParameters(ModelRequest request) {
        return List.of();
    }

    @Override
    public Completion complete(ModelRequest request) {
        String target = deploymentFor(request);
        ChatRequest chatRequest = toChatRequest(request, target);
        long start = System.nanoTime();
        ChatResponse response;
        try {
            // The seed is a model-level setting in langchain4j's Azure model; the model is a thin shell around the
            // shared client, so one per call costs nothing worth saving.
            AzureOpenAiChatModel chat = AzureOpenAiChatModel.builder()
                    .openAIClient(client)
                    .deploymentName(target)
                    .seed(request.parameters().seed().orElse(null))
                    .build();
            response = chat.chat(chatRequest);
        } catch (RuntimeException e) {
            throw failures.translate(e, target);
        }
        return requests.completion(response, target, Duration.ofNanos(System.nanoTime() - start));
    }

    private ChatRequest toChatRequest(ModelRequest request, String target) {
        ModelParameters p = request.parameters();
        DefaultChatRequestParameters.Builder<?> parameters = ChatRequestParameters.builder().modelName(target);
        p.temperature().ifPresent(parameters::temperature);
        p.maxTokens().ifPresent(parameters::maxOutputTokens);
        p.topP().ifPresent(parameters::topP);
        if (!p.stop().isEmpty()) {
            parameters.stopSequences(p.stop());
        }
        p.presencePenalty().ifPresent(parameters::presencePenalty);
        p.frequencyPenalty().ifPresent(parameters::frequencyPenalty);
        requests.responseFormat(request).ifPresent(parameters::responseFormat);
        try {
            return ChatRequest.builder().messages(ChatRequests.messages(request)).parameters(parameters.build())
                    .build();
        } catch (IllegalArgumentException e) {
            throw failures.rejected("cannot send this request to Azure OpenAI: " + e.getMessage());
        }
    }

    private String deploymentHint(String target) {
        return deployment.isPresent()
                ? "check " + DEPLOYMENT + " (it names a deployment of this resource, not a model)"
                : "pass the deployment name with " + words.model() + ", or " + words.set(List.of(DEPLOYMENT));
    }

    /**
     * The Azure SDK keeps the failed response, headers included, on its {@link HttpResponseException}; recast as
     * the {@link HttpFailure} the OpenAI transport throws, one error mapping serves both.
     */
    private static Optional<HttpFailure> problemOf(Throwable failure) {
        return Causes.find(failure, HttpResponseException.class)
                .filter(e -> e.getResponse() != null)
                .map(e -> {
                    Map<String, List<String>> headers = new HashMap<>();
                    for (HttpHeader header : e.getResponse().getHeaders()) {
                        headers.put(header.getName(), header.getValuesList());
                    }
                    return new HttpFailure(e.getResponse().getStatusCode(), bodyOf(e), headers);
                });
    }

    /** The SDK has already read the body and deserialised it into {@code getValue()}. */
    private static String bodyOf(HttpResponseException e) {
        Object value = e.getValue();
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return new ObjectMapper().writeValueAsString(value);
            } catch (JsonProcessingException unprintable) {
                return String.valueOf(value);
            }
        }
        return value == null ? e.getMessage() : String.valueOf(value);
    }
}
