package dev.idem.adapter.langchain4j;

import dev.langchain4j.exception.HttpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A non-2xx answer that keeps its response headers. langchain4j's own {@link HttpException} keeps only status
 * and body, and a gateway needs {@code Retry-After}; langchain4j wraps this exception as the cause of its own,
 * so a gateway finds it again in the cause chain. A gateway whose transport is not langchain4j's (the Azure SDK)
 * may build one from that transport's failure, so that one error mapping serves every client.
 */
public final class HttpFailure extends HttpException {

    private static final long serialVersionUID = 1L;

    private final String body;
    private final transient Map<String, List<String>> headers;

    /**
     * @param status  the HTTP status
     * @param body    the response body; {@code null} is taken as empty
     * @param headers response headers as received; {@code null} is taken as none
     */
    public HttpFailure(int status, String body, Map<String, List<String>> headers) {
        super(status, body == null ? "" : body);
        this.body = body == null ? "" : body;
        this.headers = copyOf(headers);
    }

    /** The HTTP status. */
    public int status() {
        return statusCode();
    }

    /** The response body, never {@code null}; may be empty. */
    public String body() {
        return body;
    }

    /** The response headers as received (names in the server's spelling); unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header, matched without regard to case as HTTP requires.
     *
     * @param name the header name in any spelling
     * @return its first value, or empty when the reply lacks it
     */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /** Some clients report the status line under a {@code null} name; it is no header. */
    private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.put(name, values.stream().filter(v -> v != null).toList());
            }
        });
        return Map.copyOf(copy);
    }
}
