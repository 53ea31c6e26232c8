package dev.idem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A server speaking OpenAI's chat-completions protocol that answers every request with the same completion after
 * a delay, counts the requests, and runs a test's action when the n-th one arrives (kill the store, delete it).
 */
final class CompletionServer implements AutoCloseable {

    static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"**ABSENT → IN_PROGRESS** Idempotency key\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Integer, Runnable> actions = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Duration delay = Duration.ZERO;
    private volatile MockResponse reply = ok();

    CompletionServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int n = requests.incrementAndGet();
                Runnable action = actions.remove(n);
                if (action != null) {
                    action.run();
                }
                // A delay that ends when the server closes, so that a test can stop it while a reply is pending.
                closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                return reply;
            }
        });
        server.start();
    }

    private static MockResponse ok() {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(OK_BODY);
    }

    /** Each answer takes this long. */
    CompletionServer taking(Duration d) {
        this.delay = d;
        return this;
    }

    /** Answers every request with this status and error message from now on. */
    CompletionServer failingWith(int status, String message) {
        this.reply = new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}");
        return this;
    }

    /** Answers every request with the completion from now on. */
    CompletionServer answering() {
        this.reply = ok();
        return this;
    }

    /** Runs the action when the n-th request (1-based) arrives, before it is answered. */
    CompletionServer onRequest(int n, Runnable action) {
        actions.put(n, action);
        return this;
    }

    int requests() {
        return requests.get();
    }

    /** The environment an idem process needs to call this server. */
    Map<String, String> openAiEnvironment() {
        return Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", server.url("/v1").toString());
    }

    /**
     * Writes a spec of {@code rows} rows, each a distinct call whose reply (this server's) passes its implicit
     * {@code expected} check.
     */
    static Path spec(Path dir, int rows) throws IOException {
        StringBuilder yaml = new StringBuilder("name: workload\nmodel: gpt-4o\nmessages:\n  - role: user\n"
                + "    content: \"Question {{n}}\"\ntestData:\n");
        for (int i = 1; i <= rows; i++) {
            yaml.append("  - n: \"").append(i).append("\"\n    expected: idempotency\n");
        }
        Path spec = dir.resolve("workload.prompt.yml");
        Files.writeString(spec, yaml);
        return spec;
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        server.shutdown();
    }
}
