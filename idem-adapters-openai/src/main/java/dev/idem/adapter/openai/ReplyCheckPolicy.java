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
import dev.idem.adapter.langchain4j.BodyTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads every Azure OpenAI reply before the SDK and langchain4j's Azure model do. First, at most a limit of bytes:
 * the SDK's transport would read any body whole into memory, an endless one until the heap is gone, so this policy
 * asks it for a stream instead and stops at the limit with a {@link BodyTooLargeException}, as the OpenAI and
 * Ollama transport does. Then, on a 200, for two replies langchain4j's Azure model mishandles:
 * a message whose content is {@code null} (a reasoning model that spent its whole token budget thinking), which
 * it cannot turn into a message and throws on, although the reply is a valid, paid completion; and an error
 * object with status 200 (a proxy's), which it meets as a missing field. The first reaches it with content
 * {@code ""}, which is what idem makes of null content from every provider; the second is thrown as the SDK's
 * own {@link HttpResponseException}, so that the one error mapping of both gateways names it.
 */
final class ReplyCheckPolicy implements HttpPipelinePolicy {

    private static final Pattern NULL_CONTENT = Pattern.compile("\"content\"\\s*:\\s*null");
    /** azure-core's context key for "read the whole body in the transport"; false makes it hand over a stream. */
    private static final String EAGERLY_READ_RESPONSE = "azure-eagerly-read-response";

    private final ObjectMapper json = new ObjectMapper();
    private final long maxBodyBytes;

    /** @param maxBodyBytes the most bytes of a reply body read */
    ReplyCheckPolicy(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        context.setData(EAGERLY_READ_RESPONSE, false);
        return next.process().flatMap(response -> response.getBody()
                .reduce(new ByteArrayOutputStream(), (bytes, buffer) -> {
                    if (bytes.size() + (long) buffer.remaining() > maxBodyBytes) {
                        throw new UncheckedIOException(new BodyTooLargeException(maxBodyBytes));
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                    return bytes;
                })
                .map(ByteArrayOutputStream::toByteArray)
                .doFinally(signal -> response.close())
                .map(body -> checked(response, body)));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        context.setData(EAGERLY_READ_RESPONSE, false);
        HttpResponse response = next.processSync();
        return checked(response, readAtMost(response));
    }

    /** The body, read no further than the limit; the response is closed either way (past the limit, mid-stream). */
    private byte[] readAtMost(HttpResponse response) {
        try (response) {
            com.azure.core.util.BinaryData data = response.getBodyAsBinaryData();
            if (data == null) {
                return new byte[0];
            }
            try (InputStream in = data.toStream()) {
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBodyBytes + 1));
                if (body.length > maxBodyBytes) {
                    throw new UncheckedIOException(new BodyTooLargeException(maxBodyBytes));
                }
                return body;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse checked(HttpResponse response, byte[] body) {
        if (response.getStatusCode() != 200) {
            return new Buffered(response, body);
        }
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
