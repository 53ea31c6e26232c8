package dev.idem.adapter.openai;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;

/** Installed through {@code OpenAiChatModel.builder().httpClientBuilder(...)}; the model sets both timeouts. */
final class HeaderKeepingHttpClientBuilder implements HttpClientBuilder {

    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HeaderKeepingHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HeaderKeepingHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HeaderKeepingHttpClient build() {
        // Local OpenAI-compatible servers often speak only HTTP/1.1; an h2c upgrade attempt would buy nothing.
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (connectTimeout != null) {
            jdk.connectTimeout(connectTimeout);
        }
        return new HeaderKeepingHttpClient(jdk.build(), readTimeout);
    }
}
