package dev.idem.port.in;

import dev.idem.domain.execution.EndpointIdentity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt at a model call, as it ended: which provider and endpoint, which model, how it ended and how long it
 * took. A request log (the CLI's {@code --verbose}, an embedder's own logging) hears of each one; a replay from the
 * store makes none. It holds no secret: the endpoint comes without credentials, keys never come at all.
 *
 * @param provider   provider id
 * @param endpoint   which of the provider's endpoints, without credentials ({@link EndpointIdentity#NONE} for a
 *                   provider that calls no server)
 * @param model      the model asked for; empty for a provider that answers whatever model is named
 * @param number     1 for a call's first attempt
 * @param took       how long the attempt took
 * @param failure    how it failed, in one line; empty when it answered
 * @param retryIn    when another attempt follows, the wait before it
 * @param answeredBy the model the provider says answered; empty when it failed or did not say
 */
public record ModelAttempt(String provider, EndpointIdentity endpoint, String model, int number, Duration took,
                           Optional<String> failure, Optional<Duration> retryIn, String answeredBy) {
    public ModelAttempt {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(endpoint, "endpoint");
        model = model == null ? "" : model;
        Objects.requireNonNull(took, "took");
        failure = failure == null ? Optional.empty() : failure;
        retryIn = retryIn == null ? Optional.empty() : retryIn;
        answeredBy = answeredBy == null ? "" : answeredBy;
    }
}
