package dev.idem.adapter.langchain4j;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link HeaderKeepingHttpClient}. Installed through a langchain4j model builder's
 * {@code httpClientBuilder(...)} hook (e.g. {@code OpenAiChatModel.builder()}, {@code OllamaChatModel.builder()}),
 * which sets both timeouts; a timeout left unset means none.
 */
public final class HeaderKeepingHttpClientBuilder implements HttpClientBuilder {

    /** The most bytes of a reply body read, unless set otherwise: no chat completion comes near it. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

    private final String serviceName;
    private Duration connectTimeout;
    private Duration readTimeout;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private UnaryOperator<String> replyCheck = UnaryOperator.identity();

    /**
     * @param serviceName the service called, as messages name it (e.g. {@code OpenAI}, {@code Ollama})
     */
    public HeaderKeepingHttpClientBuilder(String serviceName) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    }

    /** The timeout for opening a connection, or {@code null} for none. */
    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Sets the timeout for opening a connection; {@code null} for none. */
    @Override
    public HeaderKeepingHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** The timeout for a whole reply, body included, or {@code null} for none. */
    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Sets the timeout for a whole reply, body included; {@code null} for none. */
    @Override
    public HeaderKeepingHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /**
     * Sets the most bytes of a reply body the client reads; past it, the exchange fails with a
     * {@link BodyTooLargeException}.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public HeaderKeepingHttpClientBuilder maxBodyBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the reply size limit must be positive, got " + bytes);
        }
        this.maxBodyBytes = bytes;
        return this;
    }

    /**
     * Sets what every successful body goes through before the langchain4j client parses it: a protocol's own
     * check of a whole reply (Ollama's {@code "done": true}), which returns the body to parse or throws.
     */
    public HeaderKeepingHttpClientBuilder replyCheck(UnaryOperator<String> check) {
        this.replyCheck = Objects.requireNonNull(check, "check");
        return this;
    }

    /** A new client with the timeouts, limit and check set so far. */
    @Override
    public HeaderKeepingHttpClient build() {
        // Ollama and most local OpenAI-compatible servers speak only HTTP/1.1; an h2c upgrade attempt on every
        // request would buy nothing.
        Duration connect = connectTimeout;
        return new HeaderKeepingHttpClient(() -> {
            java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1);
            if (connect != null) {
                jdk.connectTimeout(connect);
            }
            return jdk.build();
        }, readTimeout, serviceName, maxBodyBytes, replyCheck);
    }
}
