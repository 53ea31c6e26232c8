package dev.idem.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.HttpClientOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ContentFilteredException;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.ReplyTooLargeException;
import dev.idem.port.out.RequestRejectedException;
import dev.idem.testkit.ModelGatewayContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure SDK refuses to send an API key over plain HTTP, so the peer serves TLS with a certificate made for
 * this run, and the gateway's JDK HTTP transport trusts exactly that certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureOpenAiGatewayTest extends ModelGatewayContract {

    private static final String KEY = "azure-key-0123456789";

    private final ObjectMapper json = new ObjectMapper();
    private SelfSignedTls tls;
    private MockWebServer server;

    @BeforeAll
    void makeCertificate(@TempDir Path directory) throws Exception {
        tls = SelfSignedTls.create(directory);
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.useHttps(tls.serverSockets(), false);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    @Override
    protected ModelGateway gatewayFor(Scenario scenario) {
        server.enqueue(azureResponseFor(scenario));
        return gateway(Map.of(), scenario == Scenario.HANG ? Duration.ofSeconds(1) : Duration.ofSeconds(10));
    }

    /** Azure words its errors differently from OpenAI, in the same envelope. */
    private static okhttp3.mockwebserver.MockResponse azureResponseFor(Scenario scenario) {
        switch (scenario) {
            case UNAUTHORIZED:
                return OpenAiWire.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid"
                        + " subscription key or wrong API endpoint. Make sure to provide a valid key for an active"
                        + " subscription and use a correct regional API endpoint for your resource.\"}}");
            case MODEL_NOT_FOUND:
                return OpenAiWire.json(404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API"
                        + " deployment for this resource does not exist. If you created the deployment within the"
                        + " last 5 minutes, please wait a moment and try again.\"}}");
            case RATE_LIMITED:
                return OpenAiWire.json(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the"
                        + " ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded"
                        + " token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds.\"}}")
                        .setHeader("Retry-After", "7");
            default:
                return OpenAiWire.responseFor(scenario);
        }
    }

    private AzureOpenAiGateway gateway(Map<String, String> extra, Duration timeout) {
        Map<String, String> settings = new HashMap<>(Map.of(AzureOpenAiGateway.ENDPOINT, endpoint(),
                AzureOpenAiGateway.API_KEY, KEY));
        settings.putAll(extra);
        return new AzureOpenAiGateway(new GatewaySettings(settings, timeout), Clock.systemUTC(),
                trusting(tls));
    }

    private String endpoint() {
        return server.url("/").toString();
    }

    /** The JDK transport, as in production, with the test certificate as its only trust anchor. */
    private static Function<HttpClientOptions, HttpClient> trusting(SelfSignedTls tls) {
        return options -> {
            SSLContext ssl;
            try {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                anchors.setCertificateEntry("idem-test", tls.certificate());
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
                ssl = SSLContext.getInstance("TLS");
                ssl.init(null, trust.getTrustManagers(), null);
            } catch (java.security.GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException("cannot trust the test certificate", e);
            }
            return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ssl))
                    .connectionTimeout(options.getConnectTimeout())
                    .writeTimeout(options.getWriteTimeout())
                    .responseTimeout(options.getResponseTimeout())
                    .readTimeout(options.getReadTimeout())
                    .build();
        };
    }

    private static ModelRequest requestWith(String model, ModelParameters parameters) {
        return new ModelRequest(model, List.of(new Message(Role.SYSTEM, "You are terse."),
                new Message(Role.USER, "Say hello.")), parameters, ResponseFormat.TEXT, Optional.empty());
    }

    @Test
    void should_call_the_deployment_with_the_api_key_header_and_every_parameter() throws Exception {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.SUCCESS));
        ModelParameters parameters = ModelParameters.DEFAULTS.toBuilder().temperature(0.3).maxTokens(128).topP(0.8)
                .seed(1L << 40).stop(List.of("END")).presencePenalty(0.1).frequencyPenalty(0.2).build();
        // when
        Completion completion = gateway(Map.of(), Duration.ofSeconds(10)).complete(requestWith("gpt-4o", parameters));
        // then
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getRequestUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-4o/chat/completions");
        assertThat(recorded.getRequestUrl().queryParameter("api-version"))
                .isEqualTo(AzureOpenAiGateway.DEFAULT_API_VERSION);
        assertThat(recorded.getHeader("api-key")).isEqualTo(KEY);
        assertThat(recorded.getHeader("Authorization")).isNull();
        JsonNode body = json.readTree(recorded.getBody().readUtf8());
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(128);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.path("seed").asLong()).isEqualTo(1L << 40);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.1);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.2);
        assertThat(body.path("messages").findValuesAsText("role")).containsExactly("system", "user");
        assertThat(completion.text()).isEqualTo(REPLY);
        assertThat(completion.usage().inputTokens()).isEqualTo(11);
    }

    @Test
    void should_use_the_configured_deployment_and_api_version() throws Exception {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.SUCCESS));
        AzureOpenAiGateway gateway = gateway(Map.of(AzureOpenAiGateway.DEPLOYMENT, "prod-gpt4o",
                AzureOpenAiGateway.API_VERSION, "2025-04-01-preview"), Duration.ofSeconds(10));
        // when
        gateway.complete(requestWith("openai/gpt-4o", ModelParameters.DEFAULTS));
        // then
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getRequestUrl().encodedPath())
                .isEqualTo("/openai/deployments/prod-gpt4o/chat/completions");
        assertThat(recorded.getRequestUrl().queryParameter("api-version")).isEqualTo("2025-04-01-preview");
    }

    @Test
    void should_send_the_json_schema_as_response_format_when_the_spec_has_one() throws Exception {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion("{\"ok\": true}", "stop")));
        String schema = "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}";
        ModelRequest request = new ModelRequest("gpt-4o", List.of(new Message(Role.USER, "Answer in JSON.")),
                ModelParameters.DEFAULTS, ResponseFormat.JSON_SCHEMA, Optional.of(schema));
        // when
        Completion completion = gateway(Map.of(), Duration.ofSeconds(10)).complete(request);
        // then
        JsonNode format = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8())
                .path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("schema").path("properties").path("ok").path("type").asText())
                .isEqualTo("boolean");
        assertThat(completion.text()).isEqualTo("{\"ok\": true}");
    }

    @Test
    void should_make_exactly_one_http_request_when_rate_limited() {
        // given
        server.enqueue(azureResponseFor(Scenario.RATE_LIMITED));
        server.enqueue(OpenAiWire.responseFor(Scenario.SUCCESS));
        AzureOpenAiGateway gateway = gateway(Map.of(), Duration.ofSeconds(10));
        // when
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> gateway.complete(request()));
        // then
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_make_exactly_one_http_request_when_the_server_fails() {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.UNAVAILABLE));
        server.enqueue(OpenAiWire.responseFor(Scenario.SUCCESS));
        AzureOpenAiGateway gateway = gateway(Map.of(), Duration.ofSeconds(10));
        // when
        dev.idem.port.out.ProviderUnavailableException e = catchThrowableOfType(
                dev.idem.port.out.ProviderUnavailableException.class, () -> gateway.complete(request()));
        // then
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_report_content_filtered_when_azure_flags_the_prompt() {
        // given
        server.enqueue(OpenAiWire.json(400, "{\"error\":{\"message\":\"The response was filtered due to the prompt"
                + " triggering Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\","
                + "\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\","
                + "\"content_filter_result\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}}}"));
        // when / then
        assertThatThrownBy(() -> gateway(Map.of(), Duration.ofSeconds(10)).complete(request()))
                .isInstanceOf(ContentFilteredException.class);
    }

    @Test
    void should_name_the_key_setting_and_the_deployment_in_failures() {
        // given
        server.enqueue(azureResponseFor(Scenario.UNAUTHORIZED));
        server.enqueue(azureResponseFor(Scenario.MODEL_NOT_FOUND));
        AzureOpenAiGateway gateway = gateway(Map.of(), Duration.ofSeconds(10));
        // when
        AuthenticationFailedException auth = catchThrowableOfType(AuthenticationFailedException.class,
                () -> gateway.complete(request()));
        ModelNotFoundException missing = catchThrowableOfType(ModelNotFoundException.class,
                () -> gateway.complete(request()));
        // then
        assertThat(auth.getMessage()).contains("AZURE_OPENAI_API_KEY").contains("HTTP 401");
        assertThat(missing.model()).isEqualTo("gpt-4o");
        assertThat(missing.getMessage()).contains("DeploymentNotFound").contains("--model");
    }

    @Test
    void should_refuse_settings_it_cannot_work_with() {
        assertThatThrownBy(() -> new AzureOpenAiGateway(GatewaySettings.of(Map.of(AzureOpenAiGateway.API_KEY, KEY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AZURE_OPENAI_ENDPOINT");
        assertThatThrownBy(() -> new AzureOpenAiGateway(GatewaySettings.of(Map.of(
                AzureOpenAiGateway.ENDPOINT, "https://res.openai.azure.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AZURE_OPENAI_API_KEY");
        assertThatThrownBy(() -> new AzureOpenAiGateway(GatewaySettings.of(Map.of(
                AzureOpenAiGateway.ENDPOINT, "http://res.openai.azure.com", AzureOpenAiGateway.API_KEY, KEY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> new AzureOpenAiGateway(GatewaySettings.of(Map.of(
                AzureOpenAiGateway.ENDPOINT, "https://res.openai.azure.com", AzureOpenAiGateway.API_KEY, KEY,
                AzureOpenAiGateway.API_VERSION, "latest"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AZURE_OPENAI_API_VERSION");
    }

    @Test
    void should_give_another_fingerprint_to_another_endpoint_deployment_or_api_version_but_not_another_key() {
        // given
        Map<String, String> base = Map.of(AzureOpenAiGateway.ENDPOINT, "https://one.openai.azure.com",
                AzureOpenAiGateway.API_KEY, KEY, AzureOpenAiGateway.DEPLOYMENT, "gpt-4o-prod",
                AzureOpenAiGateway.API_VERSION, "2024-10-21");
        ModelRequest request = request();
        Fingerprint original = fingerprintWith(base, Map.of(), request);

        // when / then
        assertThat(fingerprintWith(base, Map.of(AzureOpenAiGateway.ENDPOINT, "https://two.openai.azure.com"),
                request)).isNotEqualTo(original);
        assertThat(fingerprintWith(base, Map.of(AzureOpenAiGateway.DEPLOYMENT, "gpt-4o-canary"), request))
                .isNotEqualTo(original);
        assertThat(fingerprintWith(base, Map.of(AzureOpenAiGateway.API_VERSION, "2025-01-01-preview"), request))
                .isNotEqualTo(original);
        assertThat(fingerprintWith(base, Map.of(AzureOpenAiGateway.API_KEY, "another-key-9876543210"), request))
                .isEqualTo(original);
        assertThat(fingerprintWith(base, Map.of(AzureOpenAiGateway.ENDPOINT, "HTTPS://One.openai.azure.com:443/"),
                request)).isEqualTo(original);
        assertThat(new AzureOpenAiGateway(GatewaySettings.of(base)).endpoint().toString())
                .isEqualTo("endpoint=https://one.openai.azure.com, deployment=gpt-4o-prod, apiVersion=2024-10-21")
                .doesNotContain(KEY);
    }

    private static Fingerprint fingerprintWith(Map<String, String> base, Map<String, String> changed,
                                               ModelRequest request) {
        Map<String, String> settings = new HashMap<>(base);
        settings.putAll(changed);
        ModelGateway gateway = new AzureOpenAiGateway(GatewaySettings.of(settings));
        return Fingerprint.of(gateway.providerId(), gateway.endpoint(), request, 0);
    }

    @Test
    void should_never_show_the_credentials_of_the_endpoint() {
        // given
        String planted = "https://alice:PW-PLANTED-1@127.0.0.1:" + server.getPort() + "/?sig=Q-PLANTED-2";
        server.enqueue(OpenAiWire.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Bad endpoint "
                + planted + "\"}}"));
        // when
        Throwable rejected = catchThrowable(() -> gateway(Map.of(AzureOpenAiGateway.ENDPOINT, planted),
                Duration.ofSeconds(5)).complete(request()));
        Throwable plainHttp = catchThrowable(() -> new AzureOpenAiGateway(GatewaySettings.of(Map.of(
                AzureOpenAiGateway.ENDPOINT, "http://alice:PW-PLANTED-1@res.openai.azure.com",
                AzureOpenAiGateway.API_KEY, KEY))));
        // then
        for (Throwable thrown : List.of(rejected, plainHttp)) {
            assertThat(thrown.getMessage()).doesNotContain("PW-PLANTED").doesNotContain("Q-PLANTED")
                    .doesNotContain("alice");
        }
        assertThat(rejected).hasMessageContaining("Azure OpenAI at https://127.0.0.1:" + server.getPort()
                + "?sig=***");
        assertThat(plainHttp).hasMessageContaining("got 'http://res.openai.azure.com'");
    }

    @Test
    void should_return_an_empty_completion_with_its_finish_reason_when_the_content_is_empty_or_null() {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion("", "stop")));
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion(null, "length")));
        AzureOpenAiGateway gateway = gateway(Map.of(), Duration.ofSeconds(10));
        // when
        Completion empty = gateway.complete(request());
        Completion spent = gateway.complete(request());
        // then
        assertThat(empty.text()).isEmpty();
        assertThat(empty.finishReason()).isEqualTo("stop");
        assertThat(spent.text()).isEmpty();
        assertThat(spent.finishReason()).isEqualTo("length");
    }

    @Test
    void should_name_an_error_object_sent_with_status_200_as_a_provider_error() {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.error("The upstream model crashed", "server_error", "null",
                "upstream_error")));
        // when
        Throwable thrown = catchThrowable(() -> gateway(Map.of(), Duration.ofSeconds(10)).complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered with an error instead of a completion")
                .hasMessageContaining("The upstream model crashed")
                .hasMessageNotContaining("NullPointerException");
    }

    @Test
    void should_fail_without_retry_when_a_reply_is_larger_than_the_limit() {
        // given a 3 MiB reply, sent in chunks with no declared length, and a 1 MiB limit
        server.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(200)
                .setHeader("Content-Type", "application/json")
                .setChunkedBody(OpenAiWire.completion("x".repeat(3 << 20), "stop"), 64 * 1024));
        Map<String, String> settings = Map.of(AzureOpenAiGateway.ENDPOINT, endpoint(), AzureOpenAiGateway.API_KEY, KEY);
        AzureOpenAiGateway gateway = new AzureOpenAiGateway(new GatewaySettings(settings, Duration.ofSeconds(30),
                1 << 20), Clock.systemUTC(), trusting(tls));
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ReplyTooLargeException.class).hasMessageContaining("1 MiB");
        assertThat(((ReplyTooLargeException) thrown).retryable()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
