package dev.idem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/**
 * OpenAI's chat-completions protocol for tests that script a {@link LocalHttpServer} reply by reply: a completion
 * as the API writes it, and the environment that points idem's openai provider (and an in-memory store) at the
 * server.
 */
final class ChatCompletions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatCompletions() {
    }

    /** A 200 carrying one choice whose message is {@code content}, finished normally. */
    static MockResponse completion(String content) {
        Map<String, Object> body = Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1,
                "model", "gpt-4o", "choices", List.of(Map.of("index", 0,
                        "message", Map.of("role", "assistant", "content", content), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 3, "completion_tokens", 5, "total_tokens", 8));
        try {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The environment of an idem run against {@code server}, with a store that lasts the run. */
    static Map<String, String> environment(LocalHttpServer server) {
        return Map.of("IDEM_STORE", "memory:", "OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", server.url("/v1").toString());
    }
}
