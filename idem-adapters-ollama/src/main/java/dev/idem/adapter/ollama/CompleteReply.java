package dev.idem.adapter.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.adapter.langchain4j.HttpFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that a body from {@code POST /api/chat} is a whole answer before langchain4j reads it. Ollama ends every
 * answer with {@code "done": true}; a reply without it was cut off (a crashed runner, a dropped proxy connection)
 * and is a failure to retry, not a complete reply. langchain4j would read the first JSON object of the body and
 * ignore the rest. A server that streams although idem asks it not to ({@code "stream": false}) sends NDJSON,
 * one chunk per line: its chunks are joined into the one reply langchain4j expects, and an error chunk among them
 * fails the reply as a 200 with an error.
 */
final class CompleteReply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompleteReply() {
    }

    /**
     * The body to parse: {@code body} itself when it is one finished reply.
     *
     * @throws UncheckedIOException wrapping an {@link IncompleteReplyException} when the reply never finished
     * @throws HttpFailure          when a streamed chunk is an error object
     */
    static String check(String body) {
        List<JsonNode> chunks = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(body)) {
            while (values.hasNextValue()) {
                chunks.add(values.nextValue());
            }
        } catch (IOException | RuntimeException unreadable) {
            if (chunks.isEmpty()) {
                // not Ollama's JSON at all: langchain4j's own parse reports it
                return body;
            }
            throw incomplete("the reply stream broke off after " + chunks.size() + " chunks");
        }
        if (chunks.isEmpty()) {
            return body;
        }
        for (JsonNode chunk : chunks) {
            if (chunk.has("error")) {
                throw new HttpFailure(200, chunk.toString(), Map.of());
            }
        }
        JsonNode last = chunks.get(chunks.size() - 1);
        if (!last.path("done").asBoolean(false)) {
            throw incomplete("the reply ended before \"done\": true");
        }
        return chunks.size() == 1 ? body : joined(chunks, last);
    }

    private static String joined(List<JsonNode> chunks, JsonNode last) {
        StringBuilder content = new StringBuilder();
        for (JsonNode chunk : chunks) {
            content.append(chunk.path("message").path("content").asText(""));
        }
        ObjectNode whole = last.deepCopy();
        ObjectNode message = whole.putObject("message");
        message.put("role", "assistant");
        message.put("content", content.toString());
        try {
            return JSON.writeValueAsString(whole);
        } catch (JsonProcessingException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static UncheckedIOException incomplete(String what) {
        return new UncheckedIOException(new IncompleteReplyException(what));
    }

    /** A reply that ended before Ollama said it was done. */
    static final class IncompleteReplyException extends EOFException {
        private static final long serialVersionUID = 1L;

        IncompleteReplyException(String message) {
            super(message);
        }
    }
}
