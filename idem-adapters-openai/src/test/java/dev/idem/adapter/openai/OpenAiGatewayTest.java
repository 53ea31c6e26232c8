package dev.idem.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import dev.idem.testkit.EndlessHttpServer;
import dev.idem.testkit.ModelGatewayContract;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiGatewayTest extends ModelGatewayContract {

    private static final String KEY = "sk-test-0123456789";

    private final ObjectMapper json = new ObjectMapper();
    private MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    @Override
    protected ModelGateway gatewayFor(Scenario scenario) {
        server.enqueue(OpenAiWire.responseFor(scenario));
        return gateway(scenario == Scenario.HANG ? Duration.ofSeconds(1) : Duration.ofSeconds(10), Clock.systemUTC());
    }

    private OpenAiGateway gateway(Duration timeout, Clock clock) {
        return new OpenAiGateway(new GatewaySettings(Map.of(OpenAiGateway.API_KEY, KEY,
                OpenAiGateway.BASE_URL, baseUrl()), timeout), clock);
    }

    private String baseUrl() {
        return server.url("/v1").toString();
    }

    private static ModelRequest requestWith(String model, ModelParameters parameters, ResponseFormat format,
                                            Optional<String> schema) {
        return new ModelRequest(model, List.of(new Message(Role.SYSTEM, "You are terse."),
                new Message(Role.USER, "Say hello."), new Message(Role.ASSISTANT, "Hello."),
                new Message(Role.USER, "Again.")), parameters, format, schema);
    }

    @Test
    void should_send_every_parameter_with_a_bearer_key_to_chat_completions() throws Exception {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.SUCCESS));
        ModelParameters parameters = ModelParameters.DEFAULTS.toBuilder().temperature(0.2).maxTokens(256).topP(0.9)
                .seed(42L).stop(List.of("END", "STOP")).presencePenalty(0.5).frequencyPenalty(-0.5).build();
        // when
        Completion completion = gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(
                requestWith("openai/gpt-4o", parameters, ResponseFormat.TEXT, Optional.empty()));
        // then
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = json.readTree(recorded.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("seed").asLong()).isEqualTo(42L);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\",\"STOP\"]");
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.5);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(-0.5);
        assertThat(body.path("stream").asBoolean(false)).isFalse();
        assertThat(body.path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("You are terse.");
        assertThat(completion.text()).isEqualTo(REPLY);
        assertThat(completion.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(completion.finishReason()).isEqualTo("stop");
    }

    @Test
    void should_send_the_json_schema_as_response_format_when_the_spec_has_one() throws Exception {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion("{\"ok\": true}", "stop")));
        String schema = "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}";
        // when
        gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(requestWith("gpt-4o", ModelParameters.DEFAULTS,
                ResponseFormat.JSON_SCHEMA, Optional.of(schema)));
        // then
        JsonNode format = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8())
                .path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("schema").path("properties").path("ok").path("type").asText())
                .isEqualTo("boolean");
    }

    @Test
    void should_ask_for_a_json_object_when_the_spec_wants_json() throws Exception {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion("{}", "stop")));
        // when
        gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(requestWith("gpt-4o", ModelParameters.DEFAULTS,
                ResponseFormat.JSON_OBJECT, Optional.empty()));
        // then
        JsonNode body = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void should_reject_before_sending_when_the_json_schema_is_not_json() {
        // given
        OpenAiGateway gateway = gateway(Duration.ofSeconds(10), Clock.systemUTC());
        // when / then
        assertThatThrownBy(() -> gateway.complete(requestWith("gpt-4o", ModelParameters.DEFAULTS,
                ResponseFormat.JSON_SCHEMA, Optional.of("{not json")))).isInstanceOf(
                dev.idem.port.out.RequestRejectedException.class).hasMessageContaining("json_schema");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void should_make_exactly_one_http_request_when_rate_limited() {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.RATE_LIMITED));
        server.enqueue(OpenAiWire.responseFor(Scenario.SUCCESS));
        OpenAiGateway gateway = gateway(Duration.ofSeconds(10), Clock.systemUTC());
        // when
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> gateway.complete(request()));
        // then
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_make_exactly_one_http_request_when_the_server_fails() {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.SERVER_ERROR));
        server.enqueue(OpenAiWire.responseFor(Scenario.SUCCESS));
        OpenAiGateway gateway = gateway(Duration.ofSeconds(10), Clock.systemUTC());
        // when
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_prefer_retry_after_ms_when_the_server_sends_it() {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.RATE_LIMITED).setHeader("retry-after-ms", "1500"));
        // when
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(request()));
        // then
        assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void should_keep_an_http_date_retry_after_when_unavailable() {
        // given
        Instant now = Instant.parse("2026-11-27T20:00:00Z");
        server.enqueue(OpenAiWire.responseFor(Scenario.UNAVAILABLE)
                .setHeader("Retry-After", "Fri, 27 Nov 2026 20:00:30 GMT"));
        // when
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                () -> gateway(Duration.ofSeconds(10), Clock.fixed(now, ZoneOffset.UTC)).complete(request()));
        // then
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("HTTP 503").contains("overloaded");
    }

    @Test
    void should_name_the_key_setting_when_the_key_is_refused() {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.UNAUTHORIZED));
        // when / then
        assertThatThrownBy(() -> gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(request()))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("HTTP 401");
    }

    @Test
    void should_never_show_the_api_key_when_the_server_echoes_it() {
        // given
        server.enqueue(OpenAiWire.json(401, OpenAiWire.error("Incorrect API key provided: " + KEY + ".",
                "invalid_request_error", "null", "invalid_api_key")));
        // when / then
        assertThatThrownBy(() -> gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(request()))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("Incorrect API key provided: ***")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void should_name_the_model_and_suggest_another_when_it_is_unknown() {
        // given
        server.enqueue(OpenAiWire.responseFor(Scenario.MODEL_NOT_FOUND));
        // when
        ModelNotFoundException e = catchThrowableOfType(ModelNotFoundException.class,
                () -> gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(request()));
        // then
        assertThat(e.model()).isEqualTo("gpt-4o");
        assertThat(e.getMessage()).contains("'gpt-4o'").contains("--model");
    }

    @Test
    void should_report_content_filtered_when_the_prompt_is_flagged() {
        // given
        server.enqueue(OpenAiWire.json(400, OpenAiWire.error("The response was filtered due to the prompt"
                + " triggering the content management policy.", "invalid_request_error", "\"prompt\"",
                "content_filter")));
        // when / then
        assertThatThrownBy(() -> gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(request()))
                .isInstanceOf(ContentFilteredException.class).hasMessageContaining("content filter");
    }

    @Test
    void should_report_content_filtered_when_the_reply_was_stopped_by_the_filter() {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion(null, "content_filter")));
        // when / then
        assertThatThrownBy(() -> gateway(Duration.ofSeconds(10), Clock.systemUTC()).complete(request()))
                .isInstanceOf(ContentFilteredException.class);
    }

    @Test
    void should_name_the_base_url_when_the_connection_is_refused() throws IOException {
        // given
        String deadUrl = baseUrl();
        server.shutdown();
        OpenAiGateway gateway = new OpenAiGateway(new GatewaySettings(Map.of(OpenAiGateway.API_KEY, KEY,
                OpenAiGateway.BASE_URL, deadUrl), Duration.ofSeconds(5)));
        // when / then
        assertThatThrownBy(() -> gateway.complete(request()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining(deadUrl.replaceAll("/+$", ""))
                .hasMessageContaining("OPENAI_BASE_URL");
    }

    @Test
    void should_list_a_seed_beyond_32_bits_as_unsupported() {
        // given
        OpenAiGateway gateway = gateway(Duration.ofSeconds(10), Clock.systemUTC());
        ModelParameters big = ModelParameters.DEFAULTS.toBuilder().seed(1L << 40).temperature(0.0).build();
        // when / then
        assertThat(gateway.unsupportedParameters(requestWith("gpt-4o", big, ResponseFormat.TEXT, Optional.empty())))
                .containsExactly("seed");
        assertThat(gateway.unsupportedParameters(request())).isEmpty();
    }

    @Test
    void should_refuse_to_start_without_a_key_or_with_a_bad_base_url() {
        assertThatThrownBy(() -> new OpenAiGateway(GatewaySettings.of(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> new OpenAiGateway(GatewaySettings.of(Map.of(OpenAiGateway.API_KEY, KEY,
                OpenAiGateway.BASE_URL, "localhost:8080"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OPENAI_BASE_URL");
    }

    @Test
    void should_default_to_the_openai_api_when_no_base_url_is_set() {
        // given / when
        OpenAiGateway gateway = new OpenAiGateway(GatewaySettings.of(Map.of(OpenAiGateway.API_KEY, KEY)));
        // then
        assertThat(gateway.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(gateway.providerId()).isEqualTo("openai");
    }

    @Test
    void should_give_another_fingerprint_to_another_base_url_but_not_another_key() {
        // given
        ModelRequest request = requestWith("gpt-4o", ModelParameters.DEFAULTS, ResponseFormat.TEXT, Optional.empty());
        Fingerprint original = fingerprintOf("https://proxy-a.example.com/v1", KEY, request);

        // when / then
        assertThat(fingerprintOf("https://proxy-b.example.com/v1", KEY, request)).isNotEqualTo(original);
        assertThat(fingerprintOf("https://proxy-a.example.com/v2", KEY, request)).isNotEqualTo(original);
        assertThat(fingerprintOf("https://proxy-a.example.com/v1", "sk-another-key-42", request))
                .isEqualTo(original);
        assertThat(fingerprintOf("https://Proxy-A.example.com:443/v1/", KEY, request)).isEqualTo(original);
        assertThat(fingerprintOf("https://user:pw-1234@proxy-a.example.com/v1", KEY, request)).isEqualTo(original);
    }

    private static Fingerprint fingerprintOf(String baseUrl, String key, ModelRequest request) {
        ModelGateway gateway = new OpenAiGateway(GatewaySettings.of(Map.of(OpenAiGateway.API_KEY, key,
                OpenAiGateway.BASE_URL, baseUrl)));
        return Fingerprint.of(gateway.providerId(), gateway.endpoint(), request, 0);
    }

    @Test
    void should_never_show_the_credentials_of_the_base_url() throws IOException {
        // given a server that echoes the URL it was called at, and a base URL with a password and a key in it
        String planted = "http://alice:PW-PLANTED-1@127.0.0.1:" + server.getPort() + "/v1?api-key=Q-PLANTED-2";
        server.enqueue(OpenAiWire.json(400, OpenAiWire.error("Invalid URL (POST " + planted + "/chat/completions)",
                "invalid_request_error", "null", null)));
        OpenAiGateway gateway = new OpenAiGateway(new GatewaySettings(Map.of(OpenAiGateway.API_KEY, KEY,
                OpenAiGateway.BASE_URL, planted), Duration.ofSeconds(5)));
        // when
        Throwable rejected = catchThrowable(() -> gateway.complete(request()));
        server.shutdown();
        Throwable unreachable = catchThrowable(() -> gateway.complete(request()));
        Throwable misconfigured = catchThrowable(() -> new OpenAiGateway(GatewaySettings.of(Map.of(
                OpenAiGateway.API_KEY, KEY, OpenAiGateway.BASE_URL, "ftp://alice:PW-PLANTED-1@host/v1"))));
        // then
        for (Throwable thrown : List.of(rejected, unreachable, misconfigured)) {
            assertThat(thrown.getMessage()).doesNotContain("PW-PLANTED").doesNotContain("Q-PLANTED")
                    .doesNotContain("alice");
        }
        assertThat(rejected).isInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("at http://127.0.0.1:" + server.getPort() + "/v1?api-key=***");
        assertThat(unreachable).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("cannot reach OpenAI at http://127.0.0.1:" + server.getPort() + "/v1?api-key=***");
        assertThat(misconfigured).hasMessageContaining("got 'ftp://host/v1'");
    }

    @Test
    void should_return_an_empty_completion_with_its_finish_reason_when_the_content_is_empty_or_null() {
        // given a plain empty answer, and a reasoning model that spent every token thinking
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion("", "stop")));
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion(null, "length")));
        OpenAiGateway gateway = gateway(Duration.ofSeconds(10), Clock.systemUTC());
        // when
        Completion empty = gateway.complete(request());
        Completion spent = gateway.complete(request());
        // then
        assertThat(empty.text()).isEmpty();
        assertThat(empty.finishReason()).isEqualTo("stop");
        assertThat(spent.text()).isEmpty();
        assertThat(spent.finishReason()).isEqualTo("length");
        assertThat(spent.usage().outputTokens()).isEqualTo(7);
    }

    @Test
    void should_fail_retryably_when_a_reply_has_no_choice_or_no_message() {
        // given
        server.enqueue(OpenAiWire.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}"));
        server.enqueue(OpenAiWire.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":"
                + "[{\"index\":0,\"finish_reason\":\"stop\"}]}"));
        OpenAiGateway gateway = gateway(Duration.ofSeconds(10), Clock.systemUTC());
        // when
        Throwable noChoice = catchThrowable(() -> gateway.complete(request()));
        Throwable noMessage = catchThrowable(() -> gateway.complete(request()));
        // then
        for (Throwable thrown : List.of(noChoice, noMessage)) {
            assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("not a chat completion").hasMessageNotContaining("Exception")
                    .hasMessageNotContaining("java.");
        }
    }

    @Test
    void should_fail_without_retry_when_a_reply_never_ends() throws IOException {
        // given a server whose 200 body never ends, and a 1 MiB limit
        try (EndlessHttpServer endless = new EndlessHttpServer()) {
            OpenAiGateway gateway = new OpenAiGateway(new GatewaySettings(Map.of(OpenAiGateway.API_KEY, KEY,
                    OpenAiGateway.BASE_URL, endless.url("/v1")), Duration.ofSeconds(30), 1 << 20));
            // when
            Throwable thrown = catchThrowable(() -> gateway.complete(request()));
            // then
            assertThat(thrown).isInstanceOf(ReplyTooLargeException.class)
                    .hasMessageContaining("OpenAI at " + endless.url("/v1")).hasMessageContaining("1 MiB")
                    .hasMessageContaining("IDEM_MAX_RESPONSE_BYTES");
            assertThat(((ReplyTooLargeException) thrown).retryable()).isFalse();
            assertThat(thrown.getMessage().lines()).hasSize(1);
            assertThat(endless.requests()).isEqualTo(1);
        }
    }

    @Test
    void should_read_a_reply_under_the_limit_and_refuse_one_over_it() {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion("short", "stop")));
        server.enqueue(OpenAiWire.json(200, OpenAiWire.completion("x".repeat(200_000), "stop")));
        OpenAiGateway gateway = new OpenAiGateway(new GatewaySettings(Map.of(OpenAiGateway.API_KEY, KEY,
                OpenAiGateway.BASE_URL, baseUrl()), Duration.ofSeconds(10), 100_000));
        // when
        Completion small = gateway.complete(request());
        Throwable large = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(small.text()).isEqualTo("short");
        assertThat(large).isInstanceOf(ReplyTooLargeException.class);
    }

    @Test
    void should_name_an_error_object_sent_with_status_200_as_a_provider_error() {
        // given
        server.enqueue(OpenAiWire.json(200, OpenAiWire.error("The upstream model crashed", "server_error", "null",
                "upstream_error")));
        // when
        Throwable thrown = catchThrowable(() -> gateway(Duration.ofSeconds(10), Clock.systemUTC())
                .complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered with an error instead of a completion")
                .hasMessageContaining("The upstream model crashed [upstream_error]")
                .hasMessageNotContaining("NullPointerException").hasMessageNotContaining("java.");
    }
}
