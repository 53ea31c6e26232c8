package dev.idem.adapter.openai;

import dev.idem.adapter.langchain4j.Causes;
import dev.idem.adapter.langchain4j.HeaderKeepingHttpClientBuilder;
import dev.idem.adapter.langchain4j.HttpFailure;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.EndpointIdentity;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ModelGateway} on the OpenAI chat completions API ({@code POST {base}/chat/completions}), or any
 * server that speaks it, through langchain4j's {@link OpenAiChatModel}. One attempt per call: langchain4j's own
 * retries are off.
 */
public final class OpenAiGateway implements ModelGateway {

    /** The provider id. */
    public static final String PROVIDER = "openai";
    /** The setting holding the API key (required, secret). */
    public static final String API_KEY = "OPENAI_API_KEY";
    /** The setting naming the server (optional). */
    public static final String BASE_URL = "OPENAI_BASE_URL";
    /** OpenAI's own API. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final String baseUrl;
    private final OpenAiChatModel chat;
    private final FailureTranslator failures;
    private final ChatRequests requests;

    /**
     * A gateway configured by {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} and the settings' request timeout.
     *
     * @throws IllegalArgumentException if the key is missing or the base URL is not an http(s) URL
     */
    public OpenAiGateway(GatewaySettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** As {@link #OpenAiGateway(GatewaySettings)}, with the clock that dates a {@code Retry-After}. */
    public OpenAiGateway(GatewaySettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        String apiKey = settings.get(API_KEY).orElseThrow(() -> new IllegalArgumentException(API_KEY
                + " is not set (an OpenAI API key, or any non-empty value for a local server that ignores it)"));
        this.baseUrl = httpUrl(BASE_URL, settings.get(BASE_URL).orElse(DEFAULT_BASE_URL), DEFAULT_BASE_URL);
        Duration timeout = settings.requestTimeout();
        this.chat = OpenAiChatModel.builder()
                .httpClientBuilder(new HeaderKeepingHttpClientBuilder("OpenAI")
                        .maxBodyBytes(settings.maxResponseBytes()))
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .timeout(timeout)
                .maxRetries(0)
                .build();
        this.failures = new FailureTranslator(new FailureTranslator.Service(PROVIDER, "OpenAI", EndpointUrl.of(baseUrl), BASE_URL,
                API_KEY, model -> "check the model name, or pick another with " + settings.vocabulary().model(), timeout), clock,
                failure -> Causes.find(failure, HttpFailure.class), apiKey);
        this.requests = new ChatRequests(failures);
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    /** The base URL, without credentials: another server may answer the same request otherwise. */
    @Override
    public EndpointIdentity endpoint() {
        return EndpointIdentity.NONE.withUrl("baseUrl", baseUrl);
    }

    /** The server this gateway talks to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** OpenAI takes every spec parameter; langchain4j only limits the seed to 32 bits. */
    @Override
    public List<String> unsupportedParameters(ModelRequest request) {
        List<String> unsupported = new ArrayList<>();
        request.parameters().seed().filter(seed -> !fitsInInt(seed)).ifPresent(seed -> unsupported.add("seed"));
        return List.copyOf(unsupported);
    }

    @Override
    public Completion complete(ModelRequest request) {
        String model = ChatRequests.wireModel(request.model());
        ChatRequest chatRequest = toChatRequest(request, model);
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = chat.chat(chatRequest);
        } catch (RuntimeException e) {
            throw failures.translate(e, model);
        }
        return requests.completion(response, model, Duration.ofNanos(System.nanoTime() - start));
    }

    private ChatRequest toChatRequest(ModelRequest request, String model) {
        ModelParameters p = request.parameters();
        OpenAiChatRequestParameters.Builder parameters = OpenAiChatRequestParameters.builder().modelName(model);
        p.temperature().ifPresent(parameters::temperature);
        p.maxTokens().ifPresent(parameters::maxOutputTokens);
        p.topP().ifPresent(parameters::topP);
        p.seed().filter(OpenAiGateway::fitsInInt).ifPresent(seed -> parameters.seed(seed.intValue()));
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
            throw failures.rejected("cannot send this request to OpenAI: " + e.getMessage());
        }
    }

    private static boolean fitsInInt(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    /** The URL without trailing slashes, or an error naming the setting (and showing the URL without credentials). */
    static String httpUrl(String setting, String configured, String example) {
        String trimmed = configured.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (URISyntaxException malformed) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(setting + " must be an http(s) URL such as " + example + ", got '"
                + EndpointUrl.of(configured) + "'");
    }
}
