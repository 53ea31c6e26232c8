package dev.idem.cli;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on 127.0.0.1 for one test ({@code @RegisterExtension}): started before it, shut down after it,
 * answering with the responses the test queues, in order.
 */
final class LocalHttpServer implements BeforeEachCallback, AfterEachCallback {

    private final MockWebServer server = new MockWebServer();

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.shutdown();
    }

    void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    /** Queues an OpenAI chat completion whose message is {@code content}. */
    void replyWith(String content) {
        enqueue(ChatCompletions.completion(content));
    }

    int getRequestCount() {
        return server.getRequestCount();
    }

    RecordedRequest takeRequest() throws InterruptedException {
        return server.takeRequest();
    }

    HttpUrl url(String path) {
        return server.url(path);
    }

    int getPort() {
        return server.getPort();
    }
}
