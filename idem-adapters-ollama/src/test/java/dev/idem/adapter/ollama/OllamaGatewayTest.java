package dev.idem.adapter.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
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
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaGatewayTest extends ModelGatewayContract {

    private static final List<String> PULLED = List.of("llama3:latest", "qwen2.5:7b");

    private final ObjectMapper json = new ObjectMapper();
    private MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    @Override
    protected ModelGateway gatewayFor(Scenario scenario) {
        serve(chatReplyFor(scenario), PULLED);
        return gateway(scenario == Scenario.HANG ? Duration.ofSeconds(1) : Duration.ofSeconds(5), Clock.systemUTC());
    }

    private static MockResponse chatReplyFor(Scenario scenario) {
        switch (scenario) {
            case SUCCESS:
                return OllamaWire.chat("gpt-4o", REPLY, "stop", 11, 7);
            case BAD_REQUEST:
                return OllamaWire.error(400, "json: cannot unmarshal string into Go struct field"
                        + " ChatRequest.messages of type []api.Message");
            case UNAUTHORIZED:
                return OllamaWire.error(401, "unauthorized");
            case MODEL_NOT_FOUND:
                return OllamaWire.error(404, "model 'gpt-4o' not found, try pulling it first");
            case RATE_LIMITED:
                return OllamaWire.error(429, "too many requests").setHeader("Retry-After", "7");
            case SERVER_ERROR:
                return OllamaWire.error(500, "llama runner process has terminated: signal: killed");
            case UNAVAILABLE:
                return OllamaWire.error(503, "server busy, please try again.  maximum pending requests exceeded");
            case MALFORMED_BODY:
                return OllamaWire.json(200, "{\"model\":\"gpt-4o\",\"created_at\":\"2024-11-27T19:52:35Z\",\"mess");
            case HANG:
                return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            default:
                throw new IllegalArgumentException(scenario.name());
        }
    }

    @Test
    void should_send_the_model_messages_and_options_in_ollama_wire_format() throws Exception {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        ModelParameters parameters = ModelParameters.DEFAULTS.toBuilder().temperature(0.2).maxTokens(256).topP(0.9)
                .seed(42L).stop(List.of("</design>")).build();
        ModelRequest request = new ModelRequest("llama3", List.of(new Message(Role.SYSTEM, "You are terse."),
                new Message(Role.USER, "Say hello."), new Message(Role.ASSISTANT, "Hello."),
                new Message(Role.USER, "Again.")), parameters, ResponseFormat.TEXT, Optional.empty());
        // when
        gateway.complete(request);
        // then
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getPath()).isEqualTo("/api/chat");
        JsonNode body = json.readTree(recorded.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("llama3");
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isFalse();
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(256);
        assertThat(body.path("options").path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("options").path("seed").asInt()).isEqualTo(42);
        assertThat(body.path("options").path("stop").get(0).asText()).isEqualTo("</design>");
        assertThat(body.has("format")).isFalse();
        assertThat(body.path("messages")).hasSize(4);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("You are terse.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Say hello.");
        assertThat(body.path("messages").get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("messages").get(3).path("content").asText()).isEqualTo("Again.");
    }

    @Test
    void should_return_the_model_that_answered_and_why_it_stopped() throws Exception {
        // given
        serve(OllamaWire.chat("llama3:latest", "cut", "length", 3, 256), PULLED);
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        // when
        Completion completion = gateway.complete(request().withModel("llama3"));
        // then
        assertThat(completion.model()).isEqualTo("llama3:latest");
        assertThat(completion.finishReason()).isEqualTo("length");
        assertThat(completion.usage().outputTokens()).isEqualTo(256);
        assertThat(completion.latency()).isPositive();
    }

    @Test
    void should_ask_for_json_when_the_spec_wants_a_json_object() throws Exception {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        ModelRequest request = new ModelRequest("llama3", request().messages(), ModelParameters.DEFAULTS,
                ResponseFormat.JSON_OBJECT, Optional.empty());
        // when
        gateway.complete(request);
        // then
        JsonNode body = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertThat(body.path("format").asText()).isEqualTo("json");
    }

    @Test
    void should_send_the_schema_as_format_when_the_spec_wants_a_json_schema() throws Exception {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        String schema = "{\"type\":\"object\",\"properties\":{\"error\":{\"type\":\"string\"}},"
                + "\"required\":[\"error\"]}";
        ModelRequest request = new ModelRequest("llama3", request().messages(), ModelParameters.DEFAULTS,
                ResponseFormat.JSON_SCHEMA, Optional.of(schema));
        // when
        gateway.complete(request);
        // then
        JsonNode body = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertThat(body.path("format")).isEqualTo(json.readTree(schema));
    }

    @Test
    void should_reject_an_invalid_json_schema_without_calling_the_server() {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        ModelRequest request = new ModelRequest("llama3", request().messages(), ModelParameters.DEFAULTS,
                ResponseFormat.JSON_SCHEMA, Optional.of("{\"type\": "));
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request));
        // then
        assertThat(thrown).isInstanceOf(RequestRejectedException.class).hasMessageContaining("json_schema");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void should_reject_without_calling_the_server_when_there_is_nothing_to_send() {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        ModelRequest request = ModelRequest.of("llama3", List.of(new Message(Role.USER, " ")));
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request));
        // then
        assertThat(thrown).isInstanceOf(RequestRejectedException.class).hasMessageContaining("Ollama");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void should_report_penalties_and_an_oversized_seed_as_unsupported_and_leave_them_out() throws Exception {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        ModelParameters parameters = ModelParameters.DEFAULTS.toBuilder().temperature(0.1).seed(1L << 40)
                .presencePenalty(0.5).frequencyPenalty(0.3).build();
        ModelRequest request = new ModelRequest("llama3", request().messages(), parameters, ResponseFormat.TEXT,
                Optional.empty());
        // when
        List<String> unsupported = gateway.unsupportedParameters(request);
        gateway.complete(request);
        // then
        assertThat(unsupported).containsExactly("seed", "presencePenalty", "frequencyPenalty");
        JsonNode options = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8())
                .path("options");
        assertThat(options.path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(options.has("seed")).isFalse();
        assertThat(options.has("presence_penalty")).isFalse();
        assertThat(options.has("frequency_penalty")).isFalse();
    }

    @Test
    void should_report_nothing_unsupported_when_every_parameter_maps_to_an_ollama_option() {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        ModelParameters parameters = ModelParameters.DEFAULTS.toBuilder().temperature(0.1).maxTokens(10).topP(0.5)
                .seed(7L).stop(List.of("x")).build();
        // when
        List<String> unsupported = gateway.unsupportedParameters(new ModelRequest("llama3", request().messages(),
                parameters, ResponseFormat.JSON_OBJECT, Optional.empty()));
        // then
        assertThat(unsupported).isEmpty();
    }

    @Test
    void should_make_exactly_one_request_when_rate_limited() {
        // given
        ModelGateway gateway = gatewayFor(Scenario.RATE_LIMITED);
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(RateLimitedException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_make_exactly_one_request_when_the_server_fails() {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SERVER_ERROR);
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("llama runner process has terminated");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_read_retry_after_given_as_an_http_date() {
        // given
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T20:00:00Z"), ZoneOffset.UTC);
        serve(OllamaWire.error(429, "too many requests").setHeader("Retry-After", "Fri, 27 Nov 2026 20:00:30 GMT"),
                PULLED);
        ModelGateway gateway = gateway(Duration.ofSeconds(5), clock);
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) thrown).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void should_carry_retry_after_when_the_server_is_busy() {
        // given
        serve(OllamaWire.error(503, "server busy, please try again.  maximum pending requests exceeded")
                .setHeader("Retry-After", "3"), PULLED);
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        assertThat(((ProviderUnavailableException) thrown).retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void should_list_the_servers_models_and_suggest_the_model_flag_when_the_model_is_missing() throws Exception {
        // given
        ModelGateway gateway = gatewayFor(Scenario.MODEL_NOT_FOUND);
        String url = "http://127.0.0.1:" + server.getPort();
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ModelNotFoundException.class).hasMessage("model 'gpt-4o' is not available"
                + " on Ollama at " + url + " (it has: llama3:latest, qwen2.5:7b); pick one with --model");
        ModelNotFoundException e = (ModelNotFoundException) thrown;
        assertThat(e.model()).isEqualTo("gpt-4o");
        assertThat(e.available()).containsExactly("llama3:latest", "qwen2.5:7b");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/api/chat");
        RecordedRequest tags = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(tags.getMethod()).isEqualTo("GET");
        assertThat(tags.getPath()).isEqualTo("/api/tags");
    }

    @Test
    void should_suggest_pulling_the_model_when_the_server_has_none() {
        // given
        serve(chatReplyFor(Scenario.MODEL_NOT_FOUND), List.of());
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("ollama pull gpt-4o");
        assertThat(((ModelNotFoundException) thrown).available()).isEmpty();
    }

    @Test
    void should_name_the_url_when_the_server_cannot_be_reached() throws Exception {
        // given
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        ModelGateway gateway = new OllamaGateway(new GatewaySettings(Map.of("OLLAMA_BASE_URL", url),
                Duration.ofSeconds(5)));
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class).hasMessage("cannot reach Ollama at "
                + url + " (is 'ollama serve' running? set OLLAMA_BASE_URL)");
        assertThat(((ProviderUnavailableException) thrown).retryable()).isTrue();
    }

    @Test
    void should_be_retryable_when_the_connection_drops_before_the_reply() {
        // given
        serve(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST), PULLED);
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("http://127.0.0.1:" + server.getPort());
    }

    @Test
    void should_time_out_retryably_when_the_reply_stalls_after_its_headers() {
        // given
        serve(OllamaWire.chat("gpt-4o", REPLY, "stop", 11, 7).throttleBody(1, 10, TimeUnit.SECONDS), PULLED);
        ModelGateway gateway = gateway(Duration.ofSeconds(1), Clock.systemUTC());
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("within 1s");
    }

    private ModelGateway gateway(Duration timeout, Clock clock) {
        String url = "http://127.0.0.1:" + server.getPort();
        return new OllamaGateway(new GatewaySettings(Map.of("OLLAMA_BASE_URL", url), timeout), clock);
    }

    private void serve(MockResponse chatReply, List<String> pulled) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if ("POST".equals(request.getMethod()) && "/api/chat".equals(request.getPath())) {
                    return chatReply;
                }
                if ("GET".equals(request.getMethod()) && "/api/tags".equals(request.getPath())) {
                    return OllamaWire.tags(pulled);
                }
                return new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/plain")
                        .setBody("404 page not found");
            }
        });
    }

    @Test
    void should_give_another_fingerprint_to_another_server() {
        // given
        ModelRequest request = request().withModel("llama3");
        Fingerprint original = fingerprintOf("http://gpu-a:11434", request);

        // when / then
        assertThat(fingerprintOf("http://gpu-b:11434", request)).isNotEqualTo(original);
        assertThat(fingerprintOf("http://gpu-a:11435", request)).isNotEqualTo(original);
        assertThat(fingerprintOf("HTTP://GPU-A:11434/", request)).isEqualTo(original);
    }

    private static Fingerprint fingerprintOf(String baseUrl, ModelRequest request) {
        ModelGateway gateway = new OllamaGateway(GatewaySettings.of(Map.of(OllamaGateway.BASE_URL, baseUrl)));
        return Fingerprint.of(gateway.providerId(), gateway.endpoint(), request, 0);
    }

    @Test
    void should_never_show_the_credentials_of_the_base_url() throws Exception {
        // given a server that echoes its URL, behind a base URL with a password and a token in it
        String planted = "http://alice:PW-PLANTED-1@127.0.0.1:" + server.getPort() + "?token=Q-PLANTED-2";
        server.enqueue(OllamaWire.error(400, "bad request to " + planted));
        ModelGateway gateway = new OllamaGateway(new GatewaySettings(Map.of(OllamaGateway.BASE_URL, planted),
                Duration.ofSeconds(5)));
        // when
        Throwable rejected = catchThrowable(() -> gateway.complete(request()));
        server.shutdown();
        Throwable unreachable = catchThrowable(() -> gateway.complete(request()));
        Throwable misconfigured = catchThrowable(() -> new OllamaGateway(GatewaySettings.of(Map.of(
                OllamaGateway.BASE_URL, "ftp://alice:PW-PLANTED-1@host"))));
        // then
        for (Throwable thrown : List.of(rejected, unreachable, misconfigured)) {
            assertThat(thrown.getMessage()).doesNotContain("PW-PLANTED").doesNotContain("Q-PLANTED")
                    .doesNotContain("alice");
        }
        assertThat(rejected).isInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("Ollama at http://127.0.0.1:" + server.getPort() + "?token=***");
        assertThat(unreachable).isInstanceOf(ProviderUnavailableException.class);
        assertThat(misconfigured).hasMessageContaining("got 'ftp://host'");
    }

    @Test
    void should_return_an_empty_completion_with_its_finish_reason_when_the_content_is_empty() {
        // given a thinking model that spent every token before it said anything
        serve(OllamaWire.chat("qwen3", "", "length", 11, 64), PULLED);
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        // when
        Completion completion = gateway.complete(request().withModel("qwen3"));
        // then
        assertThat(completion.text()).isEmpty();
        assertThat(completion.finishReason()).isEqualTo("length");
        assertThat(completion.usage().outputTokens()).isEqualTo(64);
    }

    @Test
    void should_fail_retryably_when_the_reply_stream_ends_before_done() {
        // given chunks of a reply, cut off before the chunk that says "done": true
        serve(OllamaWire.json(200, "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"Half \"},"
                + "\"done\":false}\n{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"a \"},"
                + "\"done\":false}\n"), PULLED);
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request().withModel("llama3")));
        // then
        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("did not finish its reply").hasMessageContaining("\"done\": true");
        assertThat(((ProviderUnavailableException) thrown).retryable()).isTrue();
    }

    @Test
    void should_fail_retryably_when_a_whole_reply_is_not_done_or_breaks_off() {
        // given
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        serve(OllamaWire.json(200, "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Half\"},\"done\":false}"), PULLED);
        Throwable notDone = catchThrowable(() -> gateway.complete(request().withModel("llama3")));
        serve(OllamaWire.json(200, "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Half\"},\"done\":false}\n{\"model\":\"llama3\",\"mess"), PULLED);
        Throwable brokeOff = catchThrowable(() -> gateway.complete(request().withModel("llama3")));
        // then
        assertThat(notDone).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("did not finish");
        assertThat(brokeOff).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("did not finish");
    }

    @Test
    void should_join_a_streamed_reply_that_ends_with_done() {
        // given a server that streams although asked not to
        serve(OllamaWire.json(200, "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"All \"},"
                + "\"done\":false}\n{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"of it\"},"
                + "\"done\":false}\n{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":11,\"eval_count\":3}\n"), PULLED);
        // when
        Completion completion = gateway(Duration.ofSeconds(5), Clock.systemUTC())
                .complete(request().withModel("llama3"));
        // then
        assertThat(completion.text()).isEqualTo("All of it");
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void should_name_an_error_sent_with_status_200_as_a_provider_error() {
        // given one error object, and a stream whose runner crashed half-way
        ModelGateway gateway = gateway(Duration.ofSeconds(5), Clock.systemUTC());
        serve(OllamaWire.json(200, "{\"error\":\"llama runner process has terminated\"}"), PULLED);
        Throwable whole = catchThrowable(() -> gateway.complete(request().withModel("llama3")));
        serve(OllamaWire.json(200, "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"Hal\"},"
                + "\"done\":false}\n{\"error\":\"llama runner process has terminated\"}\n"), PULLED);
        Throwable streamed = catchThrowable(() -> gateway.complete(request().withModel("llama3")));
        // then
        for (Throwable thrown : List.of(whole, streamed)) {
            assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("answered with an error instead of a reply")
                    .hasMessageContaining("llama runner process has terminated");
        }
    }

    @Test
    void should_fail_without_retry_when_a_reply_never_ends() throws IOException {
        // given a server whose 200 body never ends, and a 1 MiB limit
        try (EndlessHttpServer endless = new EndlessHttpServer()) {
            ModelGateway gateway = new OllamaGateway(new GatewaySettings(Map.of(OllamaGateway.BASE_URL,
                    endless.url("")), Duration.ofSeconds(30), 1 << 20));
            // when
            Throwable thrown = catchThrowable(() -> gateway.complete(request()));
            // then
            assertThat(thrown).isInstanceOf(ReplyTooLargeException.class).hasMessageContaining("1 MiB");
            assertThat(((ReplyTooLargeException) thrown).retryable()).isFalse();
        }
    }

    @Test
    void should_list_the_first_twenty_models_and_count_the_rest_when_a_server_has_thousands() {
        // given
        List<String> thousands = java.util.stream.IntStream.range(0, 5000).mapToObj(i -> "model-" + i + ":latest")
                .toList();
        serve(OllamaWire.error(404, "model 'gpt-4o' not found, try pulling it first"), thousands);
        // when
        Throwable thrown = catchThrowable(() -> gateway(Duration.ofSeconds(5), Clock.systemUTC()).complete(request()));
        // then
        assertThat(thrown).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("model-0:latest, model-1:latest")
                .hasMessageContaining("model-19:latest ... and 4980 more")
                .hasMessageNotContaining("model-20:latest");
        assertThat(thrown.getMessage().length()).isLessThan(1000);
        assertThat(((ModelNotFoundException) thrown).available()).hasSize(5000);
    }
}
