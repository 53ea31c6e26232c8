package dev.idem.adapter.ollama;

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
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.ReplyTooLargeException;
import dev.idem.port.out.RequestRejectedException;
import dev.langchain4j.exception.HttpException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns whatever the langchain4j Ollama client threw into the provider-neutral exception family. Messages end up
 * in logs, reports and the store, so they show the base URL without credentials and blank those credentials out
 * of every detail quoted from the client or the server.
 */
final class FailureTranslator {

    private static final int MAX_LISTED = 20;
    private static final int MAX_NAME = 80;

    private final String provider;
    private final EndpointUrl baseUrl;
    private final Duration timeout;
    private final Clock clock;
    private final Supplier<List<String>> availableModels;
    private final ObjectMapper json = new ObjectMapper();

    FailureTranslator(String provider, EndpointUrl baseUrl, Duration timeout, Clock clock,
                      Supplier<List<String>> availableModels) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
        this.availableModels = availableModels;
    }

    ModelGatewayException translate(Throwable failure, String model) {
        Optional<HttpException> http = find(failure, HttpException.class);
        if (http.isPresent()) {
            return fromStatus(http.get(), model);
        }
        // The cause is kept only when it is a JDK type: client exceptions must not cross the port.
        Throwable cause = jdkCause(failure);
        Optional<BodyTooLargeException> tooLarge = find(failure, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return new ReplyTooLargeException(provider, "Ollama at " + baseUrl + " sent more than idem reads of one"
                    + " reply (" + tooLarge.get().getMessage() + "; no chat reply is that long;"
                    + " IDEM_MAX_RESPONSE_BYTES sets the limit)", null);
        }
        if (find(failure, HttpConnectTimeoutException.class).isPresent() || isUnreachable(failure)) {
            return new ProviderUnavailableException(provider, "cannot reach Ollama at " + baseUrl
                    + " (is 'ollama serve' running? set OLLAMA_BASE_URL)", cause);
        }
        Optional<CompleteReply.IncompleteReplyException> incomplete = find(failure,
                CompleteReply.IncompleteReplyException.class);
        if (incomplete.isPresent()) {
            return new ProviderUnavailableException(provider, "Ollama at " + baseUrl + " did not finish its reply ("
                    + incomplete.get().getMessage() + ")", null);
        }
        if (find(failure, InterruptedException.class).isPresent()) {
            return new ProviderUnavailableException(provider, "interrupted while waiting for Ollama at " + baseUrl,
                    cause);
        }
        if (find(failure, HttpTimeoutException.class).isPresent()) {
            return new ProviderUnavailableException(provider, "Ollama at " + baseUrl + " did not answer within "
                    + seconds(timeout) + " (a large model may still be loading; try again or raise the timeout)",
                    cause);
        }
        Optional<IOException> io = find(failure, IOException.class);
        if (io.isPresent() && !isJsonProblem(io.get())) {
            return new ProviderUnavailableException(provider, "the connection to Ollama at " + baseUrl
                    + " failed (" + describe(io.get()) + ")", cause);
        }
        return new ProviderUnavailableException(provider, "Ollama at " + baseUrl
                + " sent a reply that is not Ollama's chat JSON (" + baseUrl.redact(Causes.whatIsMissing(rootOf(failure)))
                + ")", cause);
    }

    /** A problem found before anything was sent. */
    RequestRejectedException rejected(String message) {
        return new RequestRejectedException(provider, message, null);
    }

    private ModelGatewayException fromStatus(HttpException e, String model) {
        int status = e.statusCode();
        String detail = "HTTP " + status + ": " + errorText(e.getMessage());
        Optional<Duration> retryAfter = e instanceof HttpFailure failure
                ? RetryAfter.of(failure, clock)
                : Optional.empty();
        if (status >= 200 && status <= 299) {
            // a proxy's or a crashed runner's way of failing: the next attempt may well succeed
            return new ProviderUnavailableException(provider, "Ollama at " + baseUrl
                    + " answered with an error instead of a reply (" + detail + ")", null);
        }
        if (status == 404) {
            return modelNotFound(model, detail);
        }
        if (status == 401 || status == 403) {
            return new AuthenticationFailedException(provider, "Ollama at " + baseUrl + " refused the request ("
                    + detail + "); idem sends Ollama no credentials, so a proxy in front of it wants some:"
                    + " point OLLAMA_BASE_URL at a server that does not", null);
        }
        if (status == 429) {
            return new RateLimitedException(provider, retryAfter, "Ollama at " + baseUrl
                    + " is limiting requests (" + detail + ")"
                    + retryAfter.map(d -> "; it asks to wait " + seconds(d)).orElse(""), null);
        }
        if (status == 408 || status >= 500) {
            return new ProviderUnavailableException(provider, retryAfter, "Ollama at " + baseUrl
                    + " could not answer (" + detail + ")"
                    + retryAfter.map(d -> "; it asks to wait " + seconds(d)).orElse(""), null);
        }
        return new RequestRejectedException(provider, "Ollama at " + baseUrl + " rejected the request ("
                + detail + ")", null);
    }

    private ModelNotFoundException modelNotFound(String model, String detail) {
        List<String> available;
        try {
            available = List.copyOf(availableModels.get());
        } catch (RuntimeException listingFailed) {
            String why = find(listingFailed, HttpException.class)
                    .map(h -> "HTTP " + h.statusCode() + ": " + errorText(h.getMessage()))
                    .orElseGet(() -> describe(rootOf(listingFailed)));
            return new ModelNotFoundException(provider, model, List.of(), "model '" + model
                    + "' is not available on Ollama at " + baseUrl + " (" + detail + "; listing its models failed: "
                    + why + "); check OLLAMA_BASE_URL, or pull it with 'ollama pull " + model + "'", null);
        }
        if (available.isEmpty()) {
            return new ModelNotFoundException(provider, model, available, "model '" + model
                    + "' is not available on Ollama at " + baseUrl + " (it has no models); pull it with 'ollama pull "
                    + model + "'", null);
        }
        return new ModelNotFoundException(provider, model, available, "model '" + model
                + "' is not available on Ollama at " + baseUrl + " (it has: " + listing(available)
                + "); pick one with --model", null);
    }

    /**
     * The first models a server lists, each name shortened, then how many more: a server may list thousands,
     * and the message is one line on a terminal.
     */
    static String listing(List<String> models) {
        int shown = Math.min(models.size(), MAX_LISTED);
        StringBuilder sb = new StringBuilder();
        for (String name : models.subList(0, shown)) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "...");
        }
        return models.size() > shown ? sb + " ... and " + (models.size() - shown) + " more" : sb.toString();
    }

    /** Ollama's error bodies are {@code {"error": "..."}}; a proxy in front of it may send anything. */
    private String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "no details";
        }
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.path("error").isTextual()) {
                return baseUrl.redact(shorten(node.path("error").asText()));
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return baseUrl.redact(shorten(body.strip()));
    }

    private String describe(Throwable t) {
        return baseUrl.redact(Causes.describe(t));
    }

    private static boolean isUnreachable(Throwable failure) {
        return find(failure, ConnectException.class).isPresent()
                || find(failure, NoRouteToHostException.class).isPresent()
                || find(failure, UnknownHostException.class).isPresent()
                || find(failure, UnresolvedAddressException.class).isPresent()
                || find(failure, dev.langchain4j.exception.UnresolvedModelServerException.class).isPresent();
    }

    private static boolean isJsonProblem(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JacksonException;
    }

    private static Throwable jdkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("java.")) {
                return t;
            }
        }
        return null;
    }
}
