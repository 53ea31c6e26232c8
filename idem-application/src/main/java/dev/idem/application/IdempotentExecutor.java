package dev.idem.application;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelAttempt;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ContentFilteredException;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RequestRejectedException;
import dev.idem.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Makes every model call an idempotent operation, as the flagship spec advises: fingerprint the request,
 * claim it in the execution store, call the gateway with the retry policy, store the reply. Identical
 * requests in flight at once (threads here, or processes sharing the store) make one model call; the others
 * get its reply. A completed call is replayed without a model call. A claim is a short lease kept alive by a
 * heartbeat, so a killed run's claims become free again quickly; the claims this executor holds are given back
 * when it is closed, so a run that is stopped leaves none behind ({@link HeldClaims}). The call itself, with its
 * retries, is a {@link RetryingCall}; this class keeps the protocol around it: read, claim, replay or wait.
 */
public final class IdempotentExecutor implements AutoCloseable {

    /** Lease of a claim; the heartbeat renews it every third of that. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

    static final Duration FIRST_POLL = Duration.ofMillis(25);
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final ExecutionStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String owner;
    private final Duration lease;
    private final Vocabulary words;
    private final ConcurrentHashMap<Fingerprint, CompletableFuture<Optional<Execution>>> inFlight =
            new ConcurrentHashMap<>();
    private final RetryingCall retrying;
    private final HeldClaims held;
    private final AtomicLong replays = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean storeFailed;

    /**
     * @param store   where claims and replies are kept
     * @param clock   time source for deadlines
     * @param random  jitter source
     * @param sleeper waits between attempts and polls
     * @param owner   this process's identity in claims (no secrets)
     * @param lease   claim lease; the heartbeat renews it every third of it
     * @param words   how a failure tells its reader what to change
     * @param log     hears of every attempt at a model call
     */
    public IdempotentExecutor(ExecutionStore store, Clock clock, RandomSource random, Sleeper sleeper, String owner,
                              Duration lease, Vocabulary words, Consumer<ModelAttempt> log) {
        this.words = Objects.requireNonNull(words, "words");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.retrying = new RetryingCall(clock, Objects.requireNonNull(random, "random"), this::pause, () -> closed,
                Objects.requireNonNull(log, "log"));
        this.held = new HeldClaims(store, lease, () -> storeFailed = true);
    }

    /** An executor that tells no one of its attempts. */
    public IdempotentExecutor(ExecutionStore store, Clock clock, RandomSource random, Sleeper sleeper, String owner,
                              Duration lease, Vocabulary words) {
        this(store, clock, random, sleeper, owner, lease, words, attempt -> { });
    }

    /** An executor whose failures speak the command line's words. */
    public IdempotentExecutor(ExecutionStore store, Clock clock, RandomSource random, Sleeper sleeper, String owner,
                              Duration lease) {
        this(store, clock, random, sleeper, owner, lease, Vocabulary.commandLine());
    }

    /**
     * Executes one request idempotently, waiting for another run that holds the same call.
     *
     * @param gateway the provider
     * @param request what to send
     * @param sample  0 for the first sample of a row, n for repeat n
     * @param options retry policy and cache use
     * @throws ExecutionFailedException if the call fails for good
     * @throws dev.idem.port.out.StoreUnavailableException if the store fails
     */
    public Execution execute(ModelGateway gateway, ModelRequest request, int sample, ExecutionOptions options) {
        Instant since = clock.instant();
        Duration poll = FIRST_POLL;
        while (true) {
            Optional<Execution> done = executeUnlessBusy(gateway, request, sample, options, since);
            if (done.isPresent()) {
                return done.get();
            }
            pause(poll);
            poll = nextPoll(poll);
        }
    }

    /**
     * Executes one request idempotently, unless another run holds a live claim on the same call: then it answers
     * empty at once, so that the caller can do other work first and ask again later. The holder's reply, or its
     * lease running out, ends the wait.
     *
     * @param waitingSince when the caller first asked for this call; a holder that has not finished by the retry
     *                     deadline plus two leases after it is given up on, and the call fails
     * @throws ExecutionFailedException if the call fails for good
     * @throws dev.idem.port.out.StoreUnavailableException if the store fails
     */
    public Optional<Execution> executeUnlessBusy(ModelGateway gateway, ModelRequest request, int sample,
                                                 ExecutionOptions options, Instant waitingSince) {
        Fingerprint fingerprint = Fingerprint.of(gateway.providerId(), gateway.endpoint(), request, sample);
        try {
            return options.useCache() ? executeShared(gateway, request, fingerprint, options, waitingSince)
                    : Optional.of(executeAfresh(gateway, request, fingerprint, options));
        } catch (StoreUnavailableException e) {
            storeFailed = true;
            throw e;
        }
    }

    private Optional<Execution> executeShared(ModelGateway gateway, ModelRequest request, Fingerprint fingerprint,
                                              ExecutionOptions options, Instant waitingSince) {
        CompletableFuture<Optional<Execution>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Execution>> leader = inFlight.putIfAbsent(fingerprint, mine);
        if (leader != null) {
            // Another thread of this run is on the same call; its outcome (or its finding the call busy) is ours.
            Optional<Execution> shared = join(leader);
            shared.ifPresent(e -> replays.incrementAndGet());
            return shared.map(e -> new Execution(e.completion(), fingerprint, true, 0));
        }
        try {
            Optional<Execution> execution = executeClaimed(gateway, request, fingerprint, options, waitingSince);
            mine.complete(execution);
            return execution;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(fingerprint, mine);
        }
    }

    /**
     * Gives back every claim this executor holds on a call still in flight (a run being stopped), so that other
     * runs need not wait for the leases to run out. A reply that arrives afterwards is not stored.
     *
     * @return how many claims were given back
     */
    public int releaseHeldClaims() {
        return held.releaseAll();
    }

    /** Model calls made so far (attempts that reached the provider). */
    public long calls() {
        return retrying.calls();
    }

    /** Requests answered without a model call so far. */
    public long replays() {
        return replays.get();
    }

    /** The store this executor uses. */
    public ExecutionStore store() {
        return store;
    }

    private Optional<Execution> executeClaimed(ModelGateway gateway, ModelRequest request, Fingerprint fingerprint,
                                               ExecutionOptions options, Instant waitingSince) {
        Instant now = clock.instant();
        // A plain read first: it spares the store a write transaction (on SQLite, the process-wide write lock) for
        // every replayed call, which is most calls of a rerun, and for every look at a call another run holds. A
        // claim still decides everything else, so the read can never make two model calls happen.
        Optional<ExecutionRecord> stored = store.get(fingerprint);
        if (stored.isPresent() && stored.get().state() == ExecutionState.COMPLETED
                && !stored.get().expired(now) && stored.get().completion().isPresent()) {
            replays.incrementAndGet();
            return Optional.of(new Execution(stored.get().completion().get(), fingerprint, true, 0));
        }
        if (stored.isPresent() && stored.get().state() == ExecutionState.IN_PROGRESS
                && !stored.get().leaseExpired(now)) {
            return busy(gateway, waitingSince, options);
        }
        Claim claim = store.claim(fingerprint, owner, lease);
        if (claim instanceof Claim.Completed done) {
            replays.incrementAndGet();
            return Optional.of(new Execution(done.record().completion().orElseThrow(), fingerprint, true, 0));
        }
        if (claim instanceof Claim.Failed failed) {
            throw new ExecutionFailedException(new RequestRejectedException(gateway.providerId(),
                    "this exact request failed moments ago and is remembered until "
                            + failed.record().expiresAt().truncatedTo(ChronoUnit.SECONDS) + ": "
                            + failed.record().failure().orElse("unknown failure")
                            + " (change the request, wait, or call it anyway with " + words.noCache() + ")", null), 0);
        }
        if (claim instanceof Claim.Acquired acquired) {
            return Optional.of(callWhileHolding(gateway, request, fingerprint, acquired.fencingToken(), options));
        }
        return busy(gateway, waitingSince, options);
    }

    private Optional<Execution> busy(ModelGateway gateway, Instant waitingSince, ExecutionOptions options) {
        Duration waited = Duration.between(waitingSince, clock.instant());
        if (waited.compareTo(options.retryPolicy().deadline().plus(lease).plus(lease)) > 0) {
            throw new ExecutionFailedException(new ProviderUnavailableException(gateway.providerId(),
                    "an identical call held by another run did not finish in " + waited.toSeconds() + " s", null), 0);
        }
        return Optional.empty();
    }

    /** {@code --no-cache}: the call is made whatever is stored, and its outcome replaces the stored one. */
    private Execution executeAfresh(ModelGateway gateway, ModelRequest request, Fingerprint fingerprint,
                                    ExecutionOptions options) {
        Claim claim = store.claimAfresh(fingerprint, owner, lease);
        if (claim instanceof Claim.Acquired acquired) {
            return callWhileHolding(gateway, request, fingerprint, acquired.fencingToken(), options);
        }
        // Another run is making this very call; the call is made all the same, and that run stores its outcome.
        RetryingCall.Attempted attempted = retrying.call(gateway, request, options);
        return new Execution(attempted.completion(), fingerprint, false, attempted.attempts());
    }

    private Execution callWhileHolding(ModelGateway gateway, ModelRequest request, Fingerprint fingerprint,
                                       long token, ExecutionOptions options) {
        HeldClaims.Held claim = held.hold(fingerprint, token);
        RetryingCall.Attempted attempted;
        try {
            attempted = retrying.call(gateway, request, options);
        } catch (ExecutionFailedException e) {
            settleFailure(claim, e.failure(), options);
            throw e;
        } catch (RuntimeException | Error e) {
            held.settle(claim, () -> store.release(fingerprint, token));
            throw e;
        }
        // The reply is paid for and is the answer, whatever happens to it now: a false here means our lease lapsed
        // and someone took over; a store that fails here leaves the claim to be given back when the run ends.
        held.settle(claim, () -> store.complete(fingerprint, token, attempted.completion(), options.cacheTtl()));
        return new Execution(attempted.completion(), fingerprint, false, attempted.attempts());
    }

    private void settleFailure(HeldClaims.Held claim, ModelGatewayException failure, ExecutionOptions options) {
        // Only failures decided by the request itself are worth remembering, and only briefly; a bad key or a
        // missing model is configuration, and the same request must be free to run once that is fixed.
        boolean decidedByRequest = failure instanceof RequestRejectedException
                || failure instanceof ContentFilteredException;
        if (decidedByRequest && !options.failureTtl().isZero()) {
            held.settle(claim, () -> store.fail(claim.fingerprint(), claim.token(),
                    failure.getClass().getSimpleName() + ": " + failure.getMessage(), options.failureTtl()));
        } else {
            held.settle(claim, () -> store.release(claim.fingerprint(), claim.token()));
        }
    }

    static Duration nextPoll(Duration poll) {
        return poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
    }

    /** Waits with this executor's sleeper (between attempts, and between polls of a call another run holds). */
    void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private static Optional<Execution> join(CompletableFuture<Optional<Execution>> leader) {
        try {
            return leader.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Gives back the claims still held, records the run's figures in the store and stops the heartbeat thread.
     * Calls not yet made are not made any more. Does not close the store.
     */
    @Override
    public void close() {
        closed = true;
        releaseHeldClaims();
        // A store that failed during the run would keep the statistics waiting for its whole retry window.
        if (calls() + replays() > 0 && !storeFailed) {
            try {
                store.recordRun(calls(), replays());
            } catch (RuntimeException e) {
                // Statistics are a convenience; never fail a finished run over them.
            }
        }
        held.close();
    }
}
