package dev.idem.adapter.openai;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;

/**
 * A non-2xx answer that keeps its response headers. langchain4j's own {@link HttpException} keeps only status
 * and body, and the gateway needs {@code Retry-After}; langchain4j wraps this exception as the cause of its own,
 * so the gateway finds it again in the cause chain.
 */
final class HttpFailure extends HttpException {

    private static final long serialVersionUID = 1L;
    private final transient Map<String, List<String>> headers;

    HttpFailure(int statusCode, String body, Map<String, List<String>> headers) {
        super(statusCode, body);
        this.headers = Map.copyOf(headers);
    }

    HttpProblem problem() {
        return new HttpProblem(statusCode(), getMessage(), headers);
    }
}
