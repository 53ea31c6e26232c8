package dev.idem.application;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelAttempt;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One model call made under the retry policy: a retryable failure is tried again after the policy's delay (or
 * the wait the provider asked for), until the call answers, fails for good, or the policy gives up. It knows
 * nothing of the store; the claim around it is {@link IdempotentExecutor}'s.
 */
final class RetryingCall {

    /** The reply and how many attempts it took. */
    record Attempted(Completion completion, int attempts) {
    }

    private final Clock clock;
    private final RandomSource random;
    private final Consumer<Duration> pause;
    private final BooleanSupplier ended;
    private final Consumer<ModelAttempt> log;
    private final AtomicLong calls = new AtomicLong();

    /**
     * @param clock  time source for the retry deadline
     * @param random jitter source
     * @param pause  waits between attempts
     * @param ended  whether the run has ended, so that no further attempt is paid for
     * @param log    hears of each attempt
     */
    RetryingCall(Clock clock, RandomSource random, Consumer<Duration> pause, BooleanSupplier ended,
                 Consumer<ModelAttempt> log) {
        this.clock = clock;
        this.random = random;
        this.pause = pause;
        this.ended = ended;
        this.log = log;
    }

    /**
     * Calls the gateway until it answers.
     *
     * @throws ExecutionFailedException if the call fails for good, with the attempts it took
     * @throws IllegalStateException    if the run ended before an attempt
     */
    Attempted call(ModelGateway gateway, ModelRequest request, ExecutionOptions options) {
        Instant start = clock.instant();
        int attempts = 0;
        while (true) {
            if (ended.getAsBoolean()) {
                // A run that has ended (stopped, interrupted) must not pay for calls its threads would still make.
                throw new IllegalStateException("the run has ended; this call was not made");
            }
            attempts++;
            calls.incrementAndGet();
            Instant attemptStart = clock.instant();
            try {
                Completion completion = gateway.complete(request);
                report(gateway, request, attempts, attemptStart, Optional.empty(), Optional.empty(), completion.model());
                return new Attempted(completion, attempts);
            } catch (ModelGatewayException e) {
                Optional<Duration> delay = Optional.empty();
                if (e.retryable()) {
                    Duration elapsed = Duration.between(start, clock.instant());
                    delay = options.retryPolicy().nextDelay(attempts, retryAfterOf(e), elapsed, random);
                }
                report(gateway, request, attempts, attemptStart, Optional.of(e.summary()), delay, "");
                if (delay.isEmpty()) {
                    throw new ExecutionFailedException(e, attempts);
                }
                pause.accept(delay.get());
            }
        }
    }

    private void report(ModelGateway gateway, ModelRequest request, int attempt, Instant attemptStart,
                        Optional<String> failure, Optional<Duration> retryIn, String answeredBy) {
        try {
            log.accept(new ModelAttempt(gateway.providerId(), gateway.endpoint(),
                    RunPromptService.shownModel(gateway, request.model()), attempt,
                    Duration.between(attemptStart, clock.instant()), failure, retryIn, answeredBy));
        } catch (RuntimeException e) {
            // a log is told of calls; it never decides their fate
        }
    }

    /** Attempts that reached the provider so far. */
    long calls() {
        return calls.get();
    }

    private static Optional<Duration> retryAfterOf(ModelGatewayException e) {
        if (e instanceof RateLimitedException r) {
            return r.retryAfter();
        }
        if (e instanceof ProviderUnavailableException u) {
            return u.retryAfter();
        }
        return Optional.empty();
    }
}
