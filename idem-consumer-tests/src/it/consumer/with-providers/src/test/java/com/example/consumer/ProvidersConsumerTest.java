package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.consumer.kit.ReadmeSnippets;
import com.example.consumer.kit.ReadmeSnippets.Run;
import com.example.consumer.kit.ResolvedJars;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project with idem-api and the OpenAI and Ollama adapters runs the README's LLM example against a local server
 * that speaks both protocols (OpenAI's chat completions, Ollama's /api/chat), configured only by the environment.
 */
class ProvidersConsumerTest {

    @TempDir
    Path work;

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTheServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, "{\"id\":\"chatcmpl-1\","
                + "\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"**OpenAI design**: one Idempotency-Key per payment\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":12,\"total_tokens\":912}}"));
        server.createContext("/api/chat", exchange -> answer(exchange, "{\"model\":\"llama3.1\","
                + "\"created_at\":\"2024-11-27T19:52:35.123Z\",\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"**Ollama design**: dedupe webhook event ids\"},\"done_reason\":\"stop\",\"done\":true,"
                + "\"prompt_eval_count\":900,\"eval_count\":9}"));
        server.start();
    }

    @AfterEach
    void stopTheServer() {
        server.stop(0);
    }

    @Test
    void should_run_the_readme_llm_example_on_openai_and_on_ollama() throws Exception {
        // given the README's blocks, and an environment that points both providers at the local server
        ReadmeSnippets readme = ReadmeSnippets.compiled(work);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        // when
        Run run = readme.run("OnAnLlm", Map.of("OPENAI_API_KEY", "sk-consumer", "OPENAI_BASE_URL", base + "/v1",
                "OLLAMA_BASE_URL", base), work);

        // then each provider answered, with the model the example names and the key from the environment
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("**OpenAI design**: one Idempotency-Key per payment"), run::toString);
        assertTrue(run.out().contains("ollama/llama3.1: **Ollama design**: dedupe webhook event ids"), run::toString);
        assertEquals(2, seen.size(), seen::toString);
        assertTrue(seen.get(0).startsWith("/v1/chat/completions Bearer sk-consumer "), seen::toString);
        assertTrue(seen.get(0).contains("\"model\":\"gpt-4o-mini\""), seen::toString);
        assertTrue(seen.get(1).startsWith("/api/chat "), seen::toString);
        assertTrue(seen.get(1).contains("\"model\":\"llama3.1\""), seen::toString);
    }

    @Test
    void should_take_idem_from_the_repository_the_build_installed_it_in() {
        assertEquals(List.of(), ResolvedJars.idemJarsNotFromTheInstalledRepository());
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(exchange.getRequestURI().getPath() + " " + (auth == null ? "" : auth + " ") + body.replace(" ", ""));
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
