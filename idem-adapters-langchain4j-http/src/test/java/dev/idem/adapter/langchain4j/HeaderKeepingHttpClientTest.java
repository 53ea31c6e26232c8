package dev.idem.adapter.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeaderKeepingHttpClientTest {

    private MockWebServer server;
    private HeaderKeepingHttpClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new HeaderKeepingHttpClientBuilder("Example")
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    private HttpRequest post(String body) {
        return HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(server.url("/v1/chat/completions").toString())
                .addHeader("Content-Type", "application/json")
                .addHeader("Authorization", "Bearer k-123")
                .body(body)
                .build();
    }

    @Test
    void should_return_the_body_of_a_200_and_send_method_headers_and_body() throws InterruptedException {
        // given
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody("{\"ok\":true}"));

        // when
        SuccessfulHttpResponse response = client.execute(post("{\"q\":1}"));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded).isNotNull();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeader("Authorization")).isEqualTo("Bearer k-123");
        assertThat(recorded.getBody().readUtf8()).isEqualTo("{\"q\":1}");
    }

    @Test
    void should_keep_the_headers_of_a_429() {
        // given
        server.enqueue(new MockResponse().setResponseCode(429)
                .setHeader("Retry-After", "7")
                .setHeader("retry-after-ms", "6500")
                .setBody("{\"error\":{\"message\":\"slow down\"}}"));

        // when
        Throwable thrown = catchThrowable(() -> client.execute(post("{}")));

        // then
        assertThat(thrown).isInstanceOf(HttpFailure.class);
        HttpFailure failure = (HttpFailure) thrown;
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.body()).isEqualTo("{\"error\":{\"message\":\"slow down\"}}");
        assertThat(failure.header("retry-after")).contains("7");
        assertThat(failure.header("Retry-After-Ms")).contains("6500");
    }

    @Test
    void should_time_out_when_the_body_stalls() {
        // given a reply whose headers arrive at once but whose body trickles in far beyond the read timeout
        HeaderKeepingHttpClient impatient = new HeaderKeepingHttpClientBuilder("Example")
                .readTimeout(Duration.ofMillis(300))
                .build();
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"ok\":true,\"padding\":\"....\"}")
                .throttleBody(1, 1, TimeUnit.SECONDS));

        // when
        Throwable thrown = catchThrowable(() -> impatient.execute(post("{}")));

        // then
        assertThat(thrown).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void should_reuse_the_connection_after_a_reply_and_after_a_failure() throws InterruptedException {
        // given
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"n\":1}"));
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1").setBody("{}"));
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"n\":3}"));

        // when
        client.execute(post("{}"));
        catchThrowable(() -> client.execute(post("{}")));
        SuccessfulHttpResponse third = client.execute(post("{}"));

        // then the three exchanges went over one connection, in order
        assertThat(third.body()).isEqualTo("{\"n\":3}");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getSequenceNumber()).isZero();
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getSequenceNumber()).isEqualTo(1);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getSequenceNumber()).isEqualTo(2);
    }

    @Test
    void should_fail_with_an_empty_body_when_an_error_reply_has_none() {
        // given
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "3"));

        // when
        Throwable thrown = catchThrowable(() -> client.execute(post("{}")));

        // then
        assertThat(thrown).isInstanceOf(HttpFailure.class);
        HttpFailure failure = (HttpFailure) thrown;
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.body()).isEmpty();
        assertThat(failure.header("retry-after")).contains("3");
    }

    @Test
    void should_find_response_headers_whatever_their_case() {
        // given
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("X-Request-Id", "r-1").setBody("{}"));

        // when
        SuccessfulHttpResponse response = client.execute(post("{}"));

        // then
        assertThat(response.headers().get("x-request-id")).containsExactly("r-1");
    }

    @Test
    void should_refuse_to_stream_naming_the_service() {
        // given
        ServerSentEventListener ignoring = error -> { };

        // when
        Throwable thrown = catchThrowable(
                () -> client.execute(post("{}"), new DefaultServerSentEventParser(), ignoring));

        // then
        assertThat(thrown).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("the idem Example gateway does not stream");
        assertThat(server.getRequestCount()).isZero();
    }

    private HeaderKeepingHttpClient clientReadingAtMost(long bytes) {
        return new HeaderKeepingHttpClientBuilder("Example").readTimeout(Duration.ofSeconds(10))
                .maxBodyBytes(bytes).build();
    }

    @Test
    void should_refuse_a_body_whose_declared_length_is_over_the_limit() {
        // given
        server.enqueue(new MockResponse().setResponseCode(200).setBody("x".repeat(2048)));
        // when
        Throwable thrown = catchThrowable(() -> clientReadingAtMost(1024).execute(post("{}")));
        // then
        assertThat(thrown).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("the reply body exceeds 1 KiB");
    }

    @Test
    void should_stop_reading_a_chunked_body_at_the_limit_and_read_one_within_it_whole() {
        // given a chunked body (no declared length) over the limit, then one just within it
        server.enqueue(new MockResponse().setResponseCode(200).setChunkedBody("y".repeat(300_000), 4096));
        server.enqueue(new MockResponse().setResponseCode(200).setChunkedBody("z".repeat(65_536), 4096));
        HeaderKeepingHttpClient client = clientReadingAtMost(65_536);
        // when
        Throwable tooLarge = catchThrowable(() -> client.execute(post("{}")));
        SuccessfulHttpResponse within = client.execute(post("{}"));
        // then
        assertThat(tooLarge).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(BodyTooLargeException.class);
        assertThat(((BodyTooLargeException) tooLarge.getCause()).limit()).isEqualTo(65_536);
        assertThat(within.body()).hasSize(65_536);
    }

    @Test
    void should_cap_an_error_body_as_well() {
        // given
        server.enqueue(new MockResponse().setResponseCode(500).setChunkedBody("e".repeat(100_000), 1024));
        // when
        Throwable thrown = catchThrowable(() -> clientReadingAtMost(10_000).execute(post("{}")));
        // then
        assertThat(thrown).hasCauseInstanceOf(BodyTooLargeException.class);
    }

    @Test
    void should_throw_a_200_whose_body_is_an_error_object_as_the_failure_it_is() {
        // given
        String body = "{\"error\":{\"message\":\"upstream crashed\",\"type\":\"server_error\"}}";
        server.enqueue(new MockResponse().setResponseCode(200).setBody(body));
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"choices\":[{\"message\":{\"content\":"
                + "\"{\\\"error\\\": \\\"unsafe\\\"}\"}}]}"));
        // when
        Throwable thrown = catchThrowable(() -> client.execute(post("{}")));
        SuccessfulHttpResponse answer = client.execute(post("{}"));
        // then
        assertThat(thrown).isInstanceOf(HttpFailure.class);
        assertThat(((HttpFailure) thrown).status()).isEqualTo(200);
        assertThat(((HttpFailure) thrown).body()).isEqualTo(body);
        assertThat(answer.body()).as("an answer that quotes an error object is an answer").contains("unsafe");
    }

    @Test
    void should_pass_every_successful_body_through_the_reply_check() {
        // given
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"raw\":true}"));
        HeaderKeepingHttpClient checking = new HeaderKeepingHttpClientBuilder("Example")
                .replyCheck(body -> body.replace("raw", "checked")).build();
        // when
        SuccessfulHttpResponse response = checking.execute(post("{}"));
        // then
        assertThat(response.body()).isEqualTo("{\"checked\":true}");
    }
}
