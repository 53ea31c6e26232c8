package dev.idem.adapter.http;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link HeaderKeepingHttpClient}. Installed through a langchain4j model builder's
 * {@code httpClientBuilder(...)} hook (e.g. {@code OpenAiChatModel.builder()}, {@code OllamaChatModel.builder()}),
 * which sets both timeouts; a timeout left unset means none.
 */
public final class HeaderKeepingHttpClientBuilder implements HttpClientBuilder {

    private final String serviceName;
    private Duration connectTimeout;
    private Duration readTimeout;

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

    /** A new client with the timeouts set so far. */
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
        }, readTimeout, serviceName);
    }
}
