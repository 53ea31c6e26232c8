package dev.idem.adapter.openai;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a successful Azure OpenAI reply before langchain4j's Azure model does, for two replies it mishandles:
 * a message whose content is {@code null} (a reasoning model that spent its whole token budget thinking), which
 * it cannot turn into a message and throws on, although the reply is a valid, paid completion; and an error
 * object with status 200 (a proxy's), which it meets as a missing field. The first reaches it with content
 * {@code ""}, which is what idem makes of null content from every provider; the second is thrown as the SDK's
 * own {@link HttpResponseException}, so that the one error mapping of both gateways names it.
 */
final class ReplyCheckPolicy implements HttpPipelinePolicy {

    private static final Pattern NULL_CONTENT = Pattern.compile("\"content\"\\s*:\\s*null");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().flatMap(response -> response.getStatusCode() != 200 ? Mono.just(response)
                : response.getBodyAsByteArray().defaultIfEmpty(new byte[0]).map(body -> checked(response, body)));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response = next.processSync();
        if (response.getStatusCode() != 200) {
            return response;
        }
        byte[] body;
        try (response) {
            body = response.getBodyAsBinaryData().toBytes();
        }
        return checked(response, body);
    }

    private HttpResponse checked(HttpResponse response, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        // Most replies have neither; sparing them a second parse keeps this free.
        if (!text.contains("\"error\"") && !NULL_CONTENT.matcher(text).find()) {
            return new Buffered(response, body);
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException notJson) {
            return new Buffered(response, body);
        }
        if (root != null && root.isObject() && root.has("error") && !root.has("choices")) {
            throw new HttpResponseException("an error object with status 200", new Buffered(response, body), text);
        }
        boolean changed = false;
        for (JsonNode choice : root == null ? json.createArrayNode() : root.path("choices")) {
            JsonNode message = choice.path("message");
            if (message.isObject() && message.path("content").isNull() && !message.path("tool_calls").isArray()) {
                ((ObjectNode) message).put("content", "");
                changed = true;
            }
        }
        try {
            return new Buffered(response, changed ? json.writeValueAsBytes(root) : body);
        } catch (IOException unwritable) {
            return new Buffered(response, body);
        }
    }

    /** The reply with its body in memory: it was read to be checked, and the SDK reads it once more. */
    private static final class Buffered extends HttpResponse {
        private final HttpResponse original;
        private final byte[] body;

        Buffered(HttpResponse original, byte[] body) {
            super(original.getRequest());
            this.original = original;
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return original.getStatusCode();
        }

        @Override
        @SuppressWarnings("deprecation")
        public String getHeaderValue(String name) {
            return original.getHeaderValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return original.getHeaders();
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.defer(() -> Flux.just(ByteBuffer.wrap(body)));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
