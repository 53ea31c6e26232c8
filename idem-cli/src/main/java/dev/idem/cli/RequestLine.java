package dev.idem.cli;

import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.in.ModelAttempt;
import java.time.Duration;

/**
 * The line {@code --verbose} prints for one attempt at a model call: {@code idem: request openai
 * (baseUrl=https://api.openai.com/v1) model gpt-4o-mini, attempt 1: ok in 812 ms, answered by gpt-4o-mini-2024-07-18}.
 */
final class RequestLine {

    private RequestLine() {
    }

    static String of(ModelAttempt a) {
        StringBuilder sb = new StringBuilder("idem: request ").append(a.provider());
        if (!a.endpoint().isEmpty()) {
            sb.append(" (").append(a.endpoint()).append(')');
        }
        if (!a.model().isEmpty()) {
            sb.append(" model ").append(a.model());
        }
        sb.append(", attempt ").append(a.number()).append(": ");
        if (a.failure().isPresent()) {
            sb.append("failed in ").append(millis(a.took())).append(": ").append(a.failure().get());
            sb.append(a.retryIn().map(d -> "; retrying in " + millis(d)).orElse("; giving up"));
        } else {
            sb.append("ok in ").append(millis(a.took()));
            if (!a.answeredBy().isEmpty() && !a.answeredBy().equals(a.model())) {
                sb.append(", answered by ").append(a.answeredBy());
            }
        }
        // the endpoint comes without credentials; a failure's words might still quote a URL that has some
        return Cli.oneLine(EndpointUrl.redactIn(sb.toString()));
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
