package dev.idem.adapter.openai;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A non-2xx answer reduced to what error mapping needs, whichever client received it.
 *
 * @param status  the HTTP status
 * @param body    the response body; may be empty
 * @param headers response headers as received
 */
record HttpProblem(int status, String body, Map<String, List<String>> headers) {

    HttpProblem {
        body = body == null ? "" : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The first value of a header, matched without regard to case as HTTP requires. */
    Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }
}
