package dev.idem.application;

import dev.idem.domain.execution.Fingerprint;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The claims an executor holds while their calls are made. A held claim's lease is renewed by a heartbeat every
 * third of it, so a killed run's claims become free again quickly; it is settled (completed, failed or released)
 * when its call ends; and whatever is still held when a run is stopped is given back at once, so that other runs
 * need not wait for the leases to run out.
 */
final class HeldClaims implements AutoCloseable {

    /** The longest {@link #releaseAll} waits for the store. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

    /** A claim held on a call in flight. */
    static final class Held {
        private final Fingerprint fingerprint;
        private final long token;
        private final ScheduledFuture<?> heartbeat;

        private Held(Fingerprint fingerprint, long token, ScheduledFuture<?> heartbeat) {
            this.fingerprint = fingerprint;
            this.token = token;
            this.heartbeat = heartbeat;
        }

        Fingerprint fingerprint() {
            return fingerprint;
        }

        long token() {
            return token;
        }
    }

    private final ExecutionStore store;
    private final Duration lease;
    private final Runnable storeFailed;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService heartbeats;

    /**
     * @param store       where the claims are
     * @param lease       the lease of every claim; the heartbeat renews it every third of it
     * @param storeFailed told when the store fails to settle or give back a claim
     */
    HeldClaims(ExecutionStore store, Duration lease, Runnable storeFailed) {
        this.store = store;
        this.lease = lease;
        this.storeFailed = storeFailed;
    }

    /** Holds a claim just acquired and starts renewing its lease. */
    Held hold(Fingerprint fingerprint, long token) {
        long period = lease.toMillis() / 3;
        Held claim = new Held(fingerprint, token, heartbeatScheduler().scheduleAtFixedRate(
                () -> renew(fingerprint, token), period, period, TimeUnit.MILLISECONDS));
        held.add(claim);
        return claim;
    }

    /** Settles a held claim; if the store fails, the claim stays held, to be given back when the run ends. */
    void settle(Held claim, Runnable write) {
        claim.heartbeat.cancel(false);
        try {
            write.run();
            held.remove(claim);
        } catch (StoreUnavailableException e) {
            // The model call's outcome is what the caller needs; the store's trouble shows on its next operation.
            storeFailed.run();
        }
    }

    /**
     * Gives back every claim still held (a run being stopped). A reply that arrives afterwards is not stored.
     *
     * @return how many claims were given back
     */
    int releaseAll() {
        List<Held> taken = new ArrayList<>();
        for (Held claim : held) {
            if (held.remove(claim)) {
                taken.add(claim);
            }
        }
        if (taken.isEmpty()) {
            return 0;
        }
        // All at once, and never longer than RELEASE_WAIT: a store that is failing may keep each release waiting
        // for its whole retry window, and a run being stopped must not hang on it. A claim not given back in time
        // runs out with its lease; fencing guards the rest.
        AtomicInteger released = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(taken.size());
        for (Held claim : taken) {
            Thread t = new Thread(() -> {
                try {
                    store.release(claim.fingerprint, claim.token);
                    released.incrementAndGet();
                } catch (RuntimeException e) {
                    // The store is gone or failing: the lease runs out on its own.
                    storeFailed.run();
                } finally {
                    done.countDown();
                }
            }, "idem-release");
            t.setDaemon(true);
            t.start();
        }
        try {
            if (!done.await(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                storeFailed.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return released.get();
    }

    private void renew(Fingerprint fingerprint, long token) {
        try {
            store.heartbeat(fingerprint, token, lease);
        } catch (RuntimeException e) {
            // A missed heartbeat only shortens the lease; the fencing token still guards completion.
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

    /** Stops the heartbeat thread; claims still held are not given back (see {@link #releaseAll}). */
    @Override
    public void close() {
        ScheduledExecutorService s = heartbeats;
        if (s != null) {
            s.shutdownNow();
        }
    }
}
