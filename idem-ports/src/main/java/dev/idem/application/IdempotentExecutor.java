package dev.idem.application;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.out.ContentFilteredException;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.RequestRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes every model call an idempotent operation, as the flagship spec advises: fingerprint the request,
 * claim it in the execution store, call the gateway with the retry policy, store the reply. Identical
 * requests in flight at once (threads here, or processes sharing the store) make one model call; the others
 * get its reply. A completed call is replayed without a model call. A claim is a short lease kept alive by a
 * heartbeat, so a killed run's claims become free again quickly.
 */
public final class IdempotentExecutor implements AutoCloseable {

    /** Lease of a claim; the heartbeat renews it every third of that. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

    private static final Duration FIRST_POLL = Duration.ofMillis(25);
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final ExecutionStore store;
    private final Clock clock;
    private final RandomSource random;
    private final Sleeper sleeper;
    private final String owner;
    private final Duration lease;
    private final ConcurrentHashMap<Fingerprint, CompletableFuture<Execution>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private volatile ScheduledExecutorService heartbeats;

    /**
     * @param store   where claims and replies are kept
     * @param clock   time source for deadlines
     * @param random  jitter source
     * @param sleeper waits between attempts and polls
     * @param owner   this process's identity in claims (no secrets)
     * @param lease   claim lease; the heartbeat renews it every third of it
     */
    public IdempotentExecutor(ExecutionStore store, Clock clock, RandomSource random, Sleeper sleeper, String owner,
                              Duration lease) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /**
     * Executes one request idempotently.
     *
     * @param gateway the provider
     * @param request what to send
     * @param sample  0 for the first sample of a row, n for repeat n
     * @param options retry policy and cache use
     * @throws ExecutionFailedException if the call fails for good
     * @throws dev.idem.port.out.StoreUnavailableException if the store fails
     */
    public Execution execute(ModelGateway gateway, ModelRequest request, int sample, ExecutionOptions options) {
        Fingerprint fingerprint = Fingerprint.of(gateway.providerId(), gateway.endpoint(), request, sample);
        if (!options.useCache()) {
            return callBypassingStore(gateway, request, fingerprint, options);
        }
        CompletableFuture<Execution> mine = new CompletableFuture<>();
        CompletableFuture<Execution> leader = inFlight.putIfAbsent(fingerprint, mine);
        if (leader != null) {
            Execution shared = join(leader);
            replays.incrementAndGet();
            return new Execution(shared.completion(), fingerprint, true, 0);
        }
        try {
            Execution execution = executeClaimed(gateway, request, fingerprint, options);
            mine.complete(execution);
            return execution;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(fingerprint, mine);
        }
    }

    /** Model calls made so far (attempts that reached the provider). */
    public long calls() {
        return calls.get();
    }

    /** Requests answered without a model call so far. */
    public long replays() {
        return replays.get();
    }

    /** The store this executor uses. */
    public ExecutionStore store() {
        return store;
    }

    private Execution executeClaimed(ModelGateway gateway, ModelRequest request, Fingerprint fingerprint,
                                     ExecutionOptions options) {
        Instant waitStart = clock.instant();
        // A stored reply needs no claim: a plain read spares the store a write transaction (on SQLite, the
        // process-wide write lock) for every replayed call, which is most calls of a rerun. A claim still
        // decides everything else, so the read can never make two model calls happen.
        Optional<ExecutionRecord> stored = store.get(fingerprint);
        if (stored.isPresent() && stored.get().state() == ExecutionState.COMPLETED
                && !stored.get().expired(waitStart) && stored.get().completion().isPresent()) {
            replays.incrementAndGet();
            return new Execution(stored.get().completion().get(), fingerprint, true, 0);
        }
        Duration poll = FIRST_POLL;
        while (true) {
            Claim claim = store.claim(fingerprint, owner, lease);
            if (claim instanceof Claim.Completed done) {
                replays.incrementAndGet();
                return new Execution(done.record().completion().orElseThrow(), fingerprint, true, 0);
            }
            if (claim instanceof Claim.Failed failed) {
                throw new ExecutionFailedException(new RequestRejectedException(gateway.providerId(),
                        "this exact request failed before and was recorded: "
                                + failed.record().failure().orElse("unknown failure")
                                + " (change the request, or run with --no-cache)", null), 0);
            }
            if (claim instanceof Claim.Acquired acquired) {
                return callWhileHolding(gateway, request, fingerprint, acquired.fencingToken(), options);
            }
            // Busy: another process holds a live claim. Its reply, or its lease running out, ends the wait.
            Duration waited = Duration.between(waitStart, clock.instant());
            if (waited.compareTo(options.retryPolicy().deadline().plus(lease).plus(lease)) > 0) {
                throw new ExecutionFailedException(new ProviderUnavailableException(gateway.providerId(),
                        "an identical call held by another run did not finish in " + waited.toSeconds() + " s", null), 0);
            }
            pause(poll);
            poll = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
        }
    }

    private Execution callWhileHolding(ModelGateway gateway, ModelRequest request, Fingerprint fingerprint,
                                       long token, ExecutionOptions options) {
        ScheduledFuture<?> heartbeat = heartbeatScheduler().scheduleAtFixedRate(
                () -> renew(fingerprint, token), lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        Attempted attempted;
        try {
            attempted = callWithRetries(gateway, request, options);
        } catch (ExecutionFailedException e) {
            heartbeat.cancel(false);
            settleFailure(fingerprint, token, e.failure(), options);
            throw e;
        } catch (RuntimeException | Error e) {
            heartbeat.cancel(false);
            store.release(fingerprint, token);
            throw e;
        }
        heartbeat.cancel(false);
        // A false here means our lease lapsed and someone took over; our reply is still a valid answer to give.
        store.complete(fingerprint, token, attempted.completion(), options.cacheTtl());
        return new Execution(attempted.completion(), fingerprint, false, attempted.attempts());
    }

    private void settleFailure(Fingerprint fingerprint, long token, ModelGatewayException failure,
                               ExecutionOptions options) {
        // Only failures decided by the request itself are worth remembering; a bad key or a missing model is
        // configuration, and the same request must be free to run once that is fixed.
        if (failure instanceof RequestRejectedException || failure instanceof ContentFilteredException) {
            store.fail(fingerprint, token, failure.getClass().getSimpleName() + ": " + failure.getMessage(),
                    options.cacheTtl());
        } else {
            store.release(fingerprint, token);
        }
    }

    private Execution callBypassingStore(ModelGateway gateway, ModelRequest request, Fingerprint fingerprint,
                                                 ExecutionOptions options) {
        Attempted attempted = callWithRetries(gateway, request, options);
        return new Execution(attempted.completion(), fingerprint, false, attempted.attempts());
    }

    private Attempted callWithRetries(ModelGateway gateway, ModelRequest request, ExecutionOptions options) {
        Instant start = clock.instant();
        int attempts = 0;
        while (true) {
            attempts++;
            calls.incrementAndGet();
            try {
                return new Attempted(gateway.complete(request), attempts);
            } catch (ModelGatewayException e) {
                if (!e.retryable()) {
                    throw new ExecutionFailedException(e, attempts);
                }
                Duration elapsed = Duration.between(start, clock.instant());
                Optional<Duration> delay = options.retryPolicy().nextDelay(attempts, retryAfterOf(e), elapsed, random);
                if (delay.isEmpty()) {
                    throw new ExecutionFailedException(e, attempts);
                }
                pause(delay.get());
            }
        }
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

    private void renew(Fingerprint fingerprint, long token) {
        try {
            store.heartbeat(fingerprint, token, lease);
        } catch (RuntimeException e) {
            // A missed heartbeat only shortens the lease; the fencing token still guards completion.
        }
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private static Execution join(CompletableFuture<Execution> leader) {
        try {
            return leader.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private ScheduledExecutorService heartbeatScheduler() {
        ScheduledExecutorService s = heartbeats;
        if (s == null) {
            synchronized (this) {
                s = heartbeats;
                if (s == null) {
                    s = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "idem-heartbeat");
                        t.setDaemon(true);
                        return t;
                    });
                    heartbeats = s;
                }
            }
        }
        return s;
    }

    /** Records the run's figures in the store and stops the heartbeat thread. Does not close the store. */
    @Override
    public void close() {
        if (calls.get() + replays.get() > 0) {
            try {
                store.recordRun(calls.get(), replays.get());
            } catch (RuntimeException e) {
                // Statistics are a convenience; never fail a finished run over them.
            }
        }
        ScheduledExecutorService s = heartbeats;
        if (s != null) {
            s.shutdownNow();
        }
    }

    private record Attempted(Completion completion, int attempts) {
    }
}
