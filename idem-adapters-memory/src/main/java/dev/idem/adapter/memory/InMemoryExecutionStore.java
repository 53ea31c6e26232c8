package dev.idem.adapter.memory;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.StoreStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link ExecutionStore} held in this process's memory ({@code --store memory:}): for tests, for embedders
 * that want idempotency within one process, and for runs that need no record after they end. Every change to a record is one {@link ConcurrentHashMap#compute} call, so it is atomic across
 * the threads of the process; nothing survives the process.
 */
public final class InMemoryExecutionStore implements ExecutionStore {

    private final ConcurrentHashMap<Fingerprint, ExecutionRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong fence = new AtomicLong();
    private final AtomicReference<StoreStats.LastRun> lastRun = new AtomicReference<>();
    private final Clock clock;

    /**
     * @param clock the time source for leases and TTLs
     */
    public InMemoryExecutionStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Claim claim(Fingerprint fingerprint, String owner, Duration lease) {
        return claim(fingerprint, owner, lease, false);
    }

    @Override
    public Claim claimAfresh(Fingerprint fingerprint, String owner, Duration lease) {
        return claim(fingerprint, owner, lease, true);
    }

    private Claim claim(Fingerprint fingerprint, String owner, Duration lease, boolean replaceSettled) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(lease, "lease");
        AtomicReference<Claim> outcome = new AtomicReference<>();
        records.compute(fingerprint, (key, current) -> {
            Instant now = clock.instant();
            if (current == null || current.expired(now) || current.leaseExpired(now)
                    || (replaceSettled && current.state() != ExecutionState.IN_PROGRESS)) {
                long token = fence.incrementAndGet();
                boolean takeover = current != null && current.state() == ExecutionState.IN_PROGRESS;
                outcome.set(new Claim.Acquired(token, takeover));
                Instant leaseExpiry = now.plus(lease);
                return new ExecutionRecord(key, ExecutionState.IN_PROGRESS, owner, token, leaseExpiry,
                        Optional.empty(), Optional.empty(), now, leaseExpiry);
            }
            outcome.set(switch (current.state()) {
                case IN_PROGRESS -> new Claim.Busy(current);
                case COMPLETED -> new Claim.Completed(current);
                case FAILED -> new Claim.Failed(current);
            });
            return current;
        });
        return outcome.get();
    }

    @Override
    public boolean complete(Fingerprint fingerprint, long fencingToken, Completion completion, Duration ttl) {
        Objects.requireNonNull(completion, "completion");
        return settle(fingerprint, fencingToken, ExecutionState.COMPLETED, Optional.of(completion),
                Optional.empty(), ttl);
    }

    @Override
    public boolean fail(Fingerprint fingerprint, long fencingToken, String failure, Duration ttl) {
        return settle(fingerprint, fencingToken, ExecutionState.FAILED, Optional.empty(),
                Optional.of(failure == null ? "" : failure), ttl);
    }

    private boolean settle(Fingerprint fingerprint, long fencingToken, ExecutionState state,
                           Optional<Completion> completion, Optional<String> failure, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        AtomicReference<Boolean> settled = new AtomicReference<>(false);
        records.computeIfPresent(fingerprint, (key, current) -> {
            if (!holds(current, fencingToken)) {
                return current;
            }
            Instant now = clock.instant();
            settled.set(true);
            return new ExecutionRecord(key, state, current.owner(), fencingToken, current.leaseExpiry(),
                    completion, failure, now, now.plus(ttl));
        });
        return settled.get();
    }

    @Override
    public void release(Fingerprint fingerprint, long fencingToken) {
        records.computeIfPresent(fingerprint, (key, current) -> holds(current, fencingToken) ? null : current);
    }

    @Override
    public boolean heartbeat(Fingerprint fingerprint, long fencingToken, Duration lease) {
        Objects.requireNonNull(lease, "lease");
        AtomicReference<Boolean> renewed = new AtomicReference<>(false);
        records.computeIfPresent(fingerprint, (key, current) -> {
            if (!holds(current, fencingToken)) {
                return current;
            }
            Instant now = clock.instant();
            renewed.set(true);
            Instant leaseExpiry = now.plus(lease);
            return new ExecutionRecord(key, current.state(), current.owner(), fencingToken, leaseExpiry,
                    Optional.empty(), Optional.empty(), now, leaseExpiry);
        });
        return renewed.get();
    }

    private static boolean holds(ExecutionRecord current, long fencingToken) {
        return current.state() == ExecutionState.IN_PROGRESS && current.fencingToken() == fencingToken;
    }

    @Override
    public Optional<ExecutionRecord> get(Fingerprint fingerprint) {
        return Optional.ofNullable(records.get(fingerprint));
    }

    @Override
    public long purgeExpired() {
        AtomicLong purged = new AtomicLong();
        for (Fingerprint fingerprint : records.keySet()) {
            records.computeIfPresent(fingerprint, (key, current) -> {
                Instant now = clock.instant();
                if (current.expired(now) || current.leaseExpired(now)) {
                    purged.incrementAndGet();
                    return null;
                }
                return current;
            });
        }
        return purged.get();
    }

    @Override
    public long purgeAll() {
        long purged = 0;
        for (Fingerprint fingerprint : records.keySet()) {
            if (records.remove(fingerprint) != null) {
                purged++;
            }
        }
        return purged;
    }

    @Override
    public StoreStats stats() {
        Instant now = clock.instant();
        long inProgress = 0;
        long completed = 0;
        long failed = 0;
        long expired = 0;
        for (ExecutionRecord record : records.values()) {
            switch (record.state()) {
                case IN_PROGRESS -> inProgress++;
                case COMPLETED -> completed++;
                case FAILED -> failed++;
            }
            if (record.expired(now)) {
                expired++;
            }
        }
        return new StoreStats(inProgress, completed, failed, expired, -1, Optional.ofNullable(lastRun.get()));
    }

    @Override
    public void recordRun(long calls, long replays) {
        lastRun.set(new StoreStats.LastRun(calls, replays));
    }

    @Override
    public String describe() {
        return "memory:";
    }

    @Override
    public void close() {
        // Nothing to let go of; the records live exactly as long as this object.
    }
}
