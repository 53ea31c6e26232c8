package dev.idem.adapter.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * langchain4j's {@link HttpClient} on the JDK's {@link java.net.http.HttpClient}, like langchain4j's
 * {@code JdkHttpClient}, except that a non-2xx answer is thrown as an {@link HttpFailure} that keeps the
 * response headers. {@code JdkHttpClient} drops them before it throws, so a decorator around it cannot recover
 * {@code Retry-After}; this class therefore sends the request itself. Being the one place every reply passes,
 * it also reads no more than a limit of bytes of any body ({@link BodyTooLargeException} past it), throws a
 * 2xx whose body is an error object ({@code {"error": ...}}, the envelope OpenAI and Ollama share) as the
 * {@link HttpFailure} it is, and passes every other 2xx body through the gateway's reply check.
 *
 * <p>Only whole replies are supported: the gateways ask for no streaming, and the streaming entry point throws
 * {@link UnsupportedOperationException}. Built by {@link HeaderKeepingHttpClientBuilder}.
 */
public final class HeaderKeepingHttpClient implements HttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<java.net.http.HttpClient> factory;
    private final Duration readTimeout;
    private final String serviceName;
    private final long maxBodyBytes;
    private final UnaryOperator<String> replyCheck;
    private volatile java.net.http.HttpClient jdk;

    /**
     * @param factory      makes the JDK client on the first request: its selector thread and connection pool cost
     *                     a noticeable part of a start-up that may replay every call from the store and send nothing
     * @param maxBodyBytes the most bytes of a reply body read
     * @param replyCheck   applied to every 2xx body before it is returned; it may return another body, or throw
     */
    HeaderKeepingHttpClient(Supplier<java.net.http.HttpClient> factory, Duration readTimeout, String serviceName,
                            long maxBodyBytes, UnaryOperator<String> replyCheck) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.readTimeout = readTimeout;
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.maxBodyBytes = maxBodyBytes;
        this.replyCheck = Objects.requireNonNull(replyCheck, "replyCheck");
    }

    private java.net.http.HttpClient jdk() {
        java.net.http.HttpClient c = jdk;
        if (c == null) {
            synchronized (this) {
                c = jdk;
                if (c == null) {
                    c = factory.get();
                    jdk = c;
                }
            }
        }
        return c;
    }

    /**
     * Sends the request and waits for the whole reply, at most the read timeout when one is set.
     *
     * @return the reply when its status is 2xx
     * @throws HttpFailure          when the status is not 2xx, or the body of a 2xx is an error object; it keeps
     *                              status, body and headers
     * @throws UncheckedIOException when the exchange fails, wrapping an {@link HttpTimeoutException} when no
     *                              complete reply came within the read timeout, or a {@link BodyTooLargeException}
     *                              when the body is longer than the limit
     */
    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        HttpResponse<String> response = send(toJdk(request));
        int status = response.statusCode();
        if (status < 200 || status > 299 || isErrorObject(response.body())) {
            throw new HttpFailure(status, response.body(), response.headers().map());
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(status)
                .headers(response.headers().map())
                .body(replyCheck.apply(response.body()))
                .build();
    }

    /**
     * Whether a 2xx body is an error envelope rather than an answer. The substring test spares every ordinary
     * reply a second parse: a reply that merely mentions {@code "error"} in its text has it escaped.
     */
    private static boolean isErrorObject(String body) {
        if (body == null || !body.contains("\"error\"")) {
            return false;
        }
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() && root.has("error") && !root.has("choices")
                    && !root.has("message");
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    /**
     * The JDK's request timeout stops at the response headers; waiting on the future bounds the body too, so a
     * server that stalls half-way through a reply cannot hold a call forever.
     */
    private HttpResponse<String> send(java.net.http.HttpRequest request) {
        CompletableFuture<HttpResponse<String>> pending = jdk().sendAsync(request, CappedBody.handler(maxBodyBytes));
        try {
            return readTimeout == null ? pending.get() : pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UncheckedIOException(new HttpTimeoutException("no complete reply within " + readTimeout));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + serviceName, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Not supported: the gateways ask for whole replies, so nothing here ever streams.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("the idem " + serviceName + " gateway does not stream");
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        java.net.http.HttpRequest.BodyPublisher body = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method().name(), body);
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }
}
