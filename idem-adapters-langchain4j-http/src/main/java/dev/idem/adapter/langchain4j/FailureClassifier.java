package dev.idem.adapter.langchain4j;

import static dev.idem.adapter.langchain4j.Causes.describe;
import static dev.idem.adapter.langchain4j.Causes.find;
import static dev.idem.adapter.langchain4j.Causes.rootOf;
import static dev.idem.adapter.langchain4j.Causes.seconds;

import com.fasterxml.jackson.core.JacksonException;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.ReplyTooLargeException;
import dev.idem.port.out.RequestRejectedException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Turns whatever a langchain4j-based client threw into the provider-neutral exception family, the same way for
 * every such gateway: the HTTP status decides the type (401/403 credentials, 404 model, 429 rate limit, 408 and
 * 5xx unavailable, any other 4xx rejected, an error sent with a 2xx unavailable), then an unreachable server, an
 * interruption, a timeout, a broken connection, a reply too large or malformed. A cause is kept only when it is,
 * with everything it carries, made of JDK types: client exceptions must not cross the port.
 *
 * <p>A provider's translator extends this class with its wording (what its messages say, what to do) and the
 * parsing of its error bodies, as langchain4j's own {@code ExceptionMapper} lets a provider override the status
 * mapping. Messages end up in logs, reports and the store, so every detail quoted from the client or the server
 * is shown without the service's credentials and without the API key.
 */
public abstract class FailureClassifier {

    /**
     * What an error body says.
     *
     * @param message what to show, on one shortened line
     * @param code    the provider's error code, or empty
     */
    public record ErrorBody(String message, String code) {
    }

    private final String provider;
    private final String at;
    private final EndpointUrl location;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param provider the provider id every exception carries
     * @param name     how messages name the service, e.g. {@code OpenAI}
     * @param location base URL or endpoint; messages show it without credentials
     * @param secret   the API key, or empty; servers and proxies sometimes echo it in error text, so it is blanked
     *                 out of every detail shown
     * @param timeout  the timeout of one attempt
     * @param clock    what a {@code Retry-After} date is measured against
     */
    protected FailureClassifier(String provider, String name, EndpointUrl location, String secret, Duration timeout,
                                Clock clock) {
        this.provider = provider;
        this.at = name + " at " + location;
        this.location = location;
        this.secret = secret == null ? "" : secret;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Translates what the client threw while making a request for {@code model}. */
    public final ModelGatewayException translate(Throwable failure, String model) {
        if (failure instanceof ModelGatewayException already) {
            return already;
        }
        Optional<HttpException> http = statusOf(failure);
        if (http.isPresent()) {
            return fromStatus(http.get(), model);
        }
        Throwable cause = jdkCause(failure);
        Optional<BodyTooLargeException> tooLarge = find(failure, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return new ReplyTooLargeException(provider, at + " sent more than idem reads of one reply ("
                    + tooLarge.get().getMessage() + "; no " + replyName() + " is that long; IDEM_MAX_RESPONSE_BYTES"
                    + " sets the limit)", null);
        }
        Optional<ModelGatewayException> own = providerFailure(failure, cause);
        if (own.isPresent()) {
            return own.get();
        }
        if (find(failure, HttpConnectTimeoutException.class).isPresent() || isUnreachable(failure)) {
            return new ProviderUnavailableException(provider, "cannot reach " + at + " "
                    + unreachableAdvice(unreachableReason(failure)), cause);
        }
        if (find(failure, InterruptedException.class).isPresent()) {
            return new ProviderUnavailableException(provider, "interrupted while waiting for " + at, cause);
        }
        if (isTimeout(failure)) {
            return new ProviderUnavailableException(provider, at + " did not answer within " + seconds(timeout)
                    + " (" + timeoutAdvice() + ")", cause);
        }
        Optional<IOException> io = find(failure, IOException.class);
        if (io.isPresent() && !(io.get() instanceof JacksonException)) {
            return new ProviderUnavailableException(provider, "the connection to " + at + " failed ("
                    + redact(describe(io.get())) + ")", cause);
        }
        return new ProviderUnavailableException(provider, at + " sent a reply that is not " + wireFormat() + " ("
                + redact(Causes.whatIsMissing(rootOf(failure))) + ")", cause);
    }

    /** A problem found before anything was sent. */
    public final RequestRejectedException rejected(String message) {
        return new RequestRejectedException(provider, message, null);
    }

    private ModelGatewayException fromStatus(HttpException problem, String model) {
        int status = problem.statusCode();
        String body = problem instanceof HttpFailure failure ? failure.body() : problem.getMessage();
        ErrorBody error = errorBody(redact(body == null ? "" : body));
        String detail = "HTTP " + status + ": " + error.message();
        Optional<Duration> retryAfter = problem instanceof HttpFailure failure
                ? RetryAfter.of(failure, clock) : Optional.empty();
        String wait = retryAfter.map(d -> "; it asks to wait " + seconds(d)).orElse("");
        Optional<ModelGatewayException> own = providerStatus(error, detail);
        if (own.isPresent()) {
            return own.get();
        }
        if (status >= 200 && status <= 299) {
            // A proxy's or a crashed runner's way of failing (an upstream that crashed, a quota): the next attempt
            // may well succeed.
            return new ProviderUnavailableException(provider, at + " answered with an error instead of a "
                    + answerName() + " (" + detail + ")", null);
        }
        if (status == 401 || status == 403) {
            return new AuthenticationFailedException(provider, unauthorised(detail), null);
        }
        if (status == 404) {
            return modelNotFound(model, detail);
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

    /** The provider id every exception carries. */
    protected final String provider() {
        return provider;
    }

    /** The service and where it is, as messages name it: {@code OpenAI at https://api.openai.com/v1}. */
    protected final String at() {
        return at;
    }

    /** {@code text} without the API key and without the credentials of the service's URL. */
    protected final String redact(String text) {
        String withoutKey = secret.length() < 4 || text == null ? text : text.replace(secret, "***");
        return location.redact(withoutKey);
    }

    /**
     * The failed reply in what the client threw: by default the first {@link HttpFailure} of the cause chain (it
     * keeps the headers), else the first langchain4j {@link HttpException}.
     */
    protected Optional<HttpException> statusOf(Throwable failure) {
        Optional<HttpException> withHeaders = find(failure, HttpFailure.class).map(HttpException.class::cast);
        return withHeaders.isPresent() ? withHeaders : find(failure, HttpException.class);
    }

    /** A failure this provider tells apart before the shared classification; empty by default. */
    protected Optional<ModelGatewayException> providerFailure(Throwable failure, Throwable jdkCause) {
        return Optional.empty();
    }

    /** A failed reply this provider tells apart by its body before its status; empty by default. */
    protected Optional<ModelGatewayException> providerStatus(ErrorBody error, String detail) {
        return Optional.empty();
    }

    /** What an error body (already redacted) says; a proxy in front of the service may send anything. */
    protected abstract ErrorBody errorBody(String body);

    /** The message of a 401 or 403, given {@code HTTP <status>: <what the body says>}. */
    protected abstract String unauthorised(String detail);

    /** The exception for a 404, given {@code HTTP 404: <what the body says>}. */
    protected abstract ModelNotFoundException modelNotFound(String model, String detail);

    /** What follows {@code cannot reach <service> at <url>}: why, and what to check. */
    protected abstract String unreachableAdvice(Throwable reason);

    /** What to do when the service did not answer in time. */
    protected abstract String timeoutAdvice();

    /** One reply, in {@code no <reply> is that long}: e.g. {@code chat completion}. */
    protected abstract String replyName();

    /** What an error in a 2xx came instead of, in {@code instead of a <answer>}: e.g. {@code completion}. */
    protected abstract String answerName();

    /** What a malformed reply is not, in {@code a reply that is not <format>}: e.g. {@code a chat completion}. */
    protected abstract String wireFormat();

    private static boolean isUnreachable(Throwable failure) {
        if (find(failure, ConnectException.class).isPresent()
                || find(failure, NoRouteToHostException.class).isPresent()
                || find(failure, UnknownHostException.class).isPresent()
                || find(failure, UnresolvedAddressException.class).isPresent()
                || find(failure, UnresolvedModelServerException.class).isPresent()) {
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
     * The JDK client signals {@code HttpTimeoutException}; another transport (the Azure SDK) may report a
     * {@code TimeoutException} of its own, which langchain4j rewraps.
     */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first cause that is, with everything it carries, made of JDK types only: a JDK exception may wrap a
     * client's (an {@code UncheckedIOException} around a Jackson one), and that must not cross the port either.
     */
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
