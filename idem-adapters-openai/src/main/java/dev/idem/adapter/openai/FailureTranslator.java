package dev.idem.adapter.openai;

import static dev.idem.adapter.langchain4j.Causes.describe;
import static dev.idem.adapter.langchain4j.Causes.find;
import static dev.idem.adapter.langchain4j.Causes.rootOf;
import static dev.idem.adapter.langchain4j.Causes.seconds;
import static dev.idem.adapter.langchain4j.Causes.shorten;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.adapter.langchain4j.BodyTooLargeException;
import dev.idem.adapter.langchain4j.Causes;
import dev.idem.adapter.langchain4j.HttpFailure;
import dev.idem.adapter.langchain4j.RetryAfter;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ContentFilteredException;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.ReplyTooLargeException;
import dev.idem.port.out.RequestRejectedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns whatever the langchain4j OpenAI or Azure OpenAI client threw into the provider-neutral exception family.
 * Causes are kept only when they are JDK types: client exceptions must not cross the port.
 */
final class FailureTranslator {

    private static final Set<String> CONTENT_FILTER_CODES = Set.of("content_filter", "content_policy_violation",
            "responsibleaipolicyviolation");

    private final Service service;
    private final Clock clock;
    private final Function<Throwable, Optional<HttpFailure>> problemOf;
    private final String secret;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Who is being called, in the words the messages use.
     *
     * @param provider        provider id
     * @param name            e.g. {@code OpenAI}
     * @param location        base URL or endpoint; messages show it without credentials
     * @param locationSetting the setting that names {@code location}
     * @param keySetting      the setting that holds the key
     * @param modelHint       what to do about an unknown model, given its name
     * @param timeout         timeout of one attempt
     */
    record Service(String provider, String name, EndpointUrl location, String locationSetting, String keySetting,
                   Function<String, String> modelHint, Duration timeout) {
    }

    /**
     * @param secret the API key; servers and proxies sometimes echo it in error text, and messages end up in
     *               logs, reports and the store, so it is blanked out of every detail shown, as are the
     *               credentials of the service's URL
     */
    FailureTranslator(Service service, Clock clock, Function<Throwable, Optional<HttpFailure>> problemOf,
                      String secret) {
        this.service = service;
        this.clock = clock;
        this.problemOf = problemOf;
        this.secret = secret == null ? "" : secret;
    }

    private String redact(String text) {
        String withoutKey = secret.length() < 4 || text == null ? text : text.replace(secret, "***");
        return service.location().redact(withoutKey);
    }

    ModelGatewayException translate(Throwable failure, String model) {
        if (failure instanceof ModelGatewayException already) {
            return already;
        }
        Optional<HttpFailure> http = problemOf.apply(failure);
        if (http.isPresent()) {
            return fromStatus(http.get(), model);
        }
        Throwable cause = jdkCause(failure);
        String at = service.name() + " at " + service.location();
        Optional<BodyTooLargeException> tooLarge = find(failure, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return new ReplyTooLargeException(service.provider(), at + " sent more than idem reads of one reply ("
                    + tooLarge.get().getMessage() + "; no chat completion is that long; IDEM_MAX_RESPONSE_BYTES"
                    + " sets the limit)", null);
        }
        if (isNamed(failure, "ContentFilteredException")) {
            return new ContentFilteredException(service.provider(), at + " withheld the reply: its content filter"
                    + " flagged the prompt or the answer (" + redact(describe(rootOf(failure))) + ")", cause);
        }
        if (find(failure, HttpConnectTimeoutException.class).isPresent() || isUnreachable(failure)) {
            return new ProviderUnavailableException(service.provider(), "cannot reach " + at + " ("
                    + redact(describe(unreachableReason(failure))) + "); check " + service.locationSetting()
                    + " and the network", cause);
        }
        if (find(failure, InterruptedException.class).isPresent()) {
            return new ProviderUnavailableException(service.provider(), "interrupted while waiting for " + at, cause);
        }
        if (isTimeout(failure)) {
            return new ProviderUnavailableException(service.provider(), at + " did not answer within "
                    + seconds(service.timeout()) + " (try again, or raise the request timeout)", cause);
        }
        if (isNamed(failure, "UnsupportedFeatureException")) {
            return new RequestRejectedException(service.provider(), service.name()
                    + " cannot take this request: " + redact(describe(rootOf(failure))), cause);
        }
        Optional<IOException> io = find(failure, IOException.class);
        if (io.isPresent() && !isJsonProblem(io.get())) {
            return new ProviderUnavailableException(service.provider(), "the connection to " + at + " failed ("
                    + redact(describe(io.get())) + ")", cause);
        }
        return new ProviderUnavailableException(service.provider(), at
                + " sent a reply that is not a chat completion (" + redact(Causes.whatIsMissing(rootOf(failure)))
                + ")", cause);
    }

    /** A problem found before anything was sent. */
    RequestRejectedException rejected(String message) {
        return new RequestRejectedException(service.provider(), message, null);
    }

    /** A 200 whose content says the filter stopped the answer. */
    ContentFilteredException filtered(String model) {
        return new ContentFilteredException(service.provider(), service.name() + " at " + service.location()
                + " stopped the reply of '" + model + "' with finish_reason content_filter", null);
    }

    /** A 200 that lacks what the protocol promises. */
    ProviderUnavailableException malformed(String what) {
        return new ProviderUnavailableException(service.provider(), service.name() + " at " + service.location()
                + " sent a reply that is not a chat completion (" + what + ")", null);
    }

    private ModelGatewayException fromStatus(HttpFailure problem, String model) {
        int status = problem.status();
        ErrorBody error = errorBody(redact(problem.body()));
        String detail = "HTTP " + status + ": " + error.message();
        String at = service.name() + " at " + service.location();
        String provider = service.provider();
        Optional<Duration> retryAfter = RetryAfter.of(problem, clock);
        String wait = retryAfter.map(d -> "; it asks to wait " + seconds(d)).orElse("");
        if (CONTENT_FILTER_CODES.contains(error.code().toLowerCase(Locale.ROOT))) {
            return new ContentFilteredException(provider, at + " refused the prompt: its content filter flagged it ("
                    + detail + ")", null);
        }
        if (status >= 200 && status <= 299) {
            // A proxy's way of failing (an upstream that crashed, a quota): the next attempt may well succeed.
            return new ProviderUnavailableException(provider, at + " answered with an error instead of a completion ("
                    + detail + ")", null);
        }
        if (status == 401 || status == 403) {
            return new AuthenticationFailedException(provider, at + " refused the credentials (" + detail
                    + "); check " + service.keySetting(), null);
        }
        if (status == 404) {
            return new ModelNotFoundException(provider, model, List.of(), "model '" + model + "' was not found at "
                    + at + " (" + detail + "); " + service.modelHint().apply(model), null);
        }
        if (status == 429) {
            return new RateLimitedException(provider, retryAfter, at + " is limiting requests (" + detail + ")" + wait,
                    null);
        }
        if (status == 408 || status >= 500) {
            return new ProviderUnavailableException(provider, retryAfter, at + " could not answer (" + detail + ")"
                    + wait, null);
        }
        return new RequestRejectedException(provider, at + " rejected the request (" + detail + ")", null);
    }

    private record ErrorBody(String message, String code) {
    }

    /** OpenAI and Azure send {@code {"error": {"message", "type", "param", "code"}}}; a proxy may send anything. */
    private ErrorBody errorBody(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody("no details", "");
        }
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isObject()) {
                String message = error.path("message").asText("");
                String code = error.path("code").isValueNode() ? error.path("code").asText("") : "";
                String type = error.path("type").asText("");
                String shown = message.isBlank() ? shorten(body) : shorten(message);
                if (!code.isBlank()) {
                    shown += " [" + code + "]";
                } else if (!type.isBlank()) {
                    shown += " [" + type + "]";
                }
                return new ErrorBody(shown, code);
            }
            if (error.isTextual()) {
                return new ErrorBody(shorten(error.asText()), "");
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        return new ErrorBody(shorten(body.strip()), "");
    }

    private static boolean isUnreachable(Throwable failure) {
        if (find(failure, ConnectException.class).isPresent()
                || find(failure, NoRouteToHostException.class).isPresent()
                || find(failure, UnknownHostException.class).isPresent()
                || find(failure, UnresolvedAddressException.class).isPresent()
                || isNamed(failure, "UnresolvedModelServerException")) {
            return true;
        }
        Optional<SocketException> socket = find(failure, SocketException.class);
        return socket.isPresent() && String.valueOf(socket.get().getMessage()).toLowerCase(Locale.ROOT)
                .contains("connection refused");
    }

    /** A refused connection surfaces as a {@code ConnectException} wrapped around a less telling root cause. */
    private static Throwable unreachableReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return t;
            }
        }
        return rootOf(failure);
    }

    /**
     * Both transports are the JDK client, which signals {@code HttpTimeoutException}; the Azure SDK may instead
     * report a {@code TimeoutException} of its own, which langchain4j rewraps.
     */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamed(Throwable failure, String simpleName) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJsonProblem(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JacksonException;
    }

    /** The first cause that is, with everything it carries, made of JDK types only. */
    private static Throwable jdkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (onlyJdk(t)) {
                return t;
            }
        }
        return null;
    }

    private static boolean onlyJdk(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!c.getClass().getName().startsWith("java.") || c.getSuppressed().length > 0) {
                return false;
            }
        }
        return true;
    }
}
