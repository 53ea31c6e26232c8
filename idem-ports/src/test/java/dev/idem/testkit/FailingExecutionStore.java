package dev.idem.testkit;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.StoreStats;
import dev.idem.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A store that works like the one it wraps until it goes down, then fails every operation the way a store that is
 * gone does ({@link StoreUnavailableException}): when told to, or after a number of claims.
 */
public final class FailingExecutionStore implements ExecutionStore {

    /** The operations a test can make fail on their own. */
    public enum Operation { CLAIM, COMPLETE, FAIL, RELEASE, HEARTBEAT, GET, RECORD_RUN }

    private final ExecutionStore delegate;
    private final AtomicInteger claimsLeft = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicReference<Predicate<Operation>> failing = new AtomicReference<>(op -> false);
    private final AtomicReference<Predicate<Operation>> hanging = new AtomicReference<>(op -> false);
    private final CountDownLatch recovered = new CountDownLatch(1);

    public FailingExecutionStore(ExecutionStore delegate) {
        this.delegate = delegate;
    }

    /** Every operation fails from now on. */
    public FailingExecutionStore down() {
        failing.set(op -> true);
        return this;
    }

    /** These operations fail from now on; the others work. */
    public FailingExecutionStore failing(Operation... operations) {
        Set<Operation> set = EnumSet.noneOf(Operation.class);
        set.addAll(List.of(operations));
        failing.set(set::contains);
        return this;
    }

    /**
     * These operations hang (as on a server that keeps each one waiting for its retry window) until
     * {@link #recover()}; then they fail.
     */
    public FailingExecutionStore hanging(Operation... operations) {
        Set<Operation> set = EnumSet.noneOf(Operation.class);
        set.addAll(List.of(operations));
        hanging.set(set::contains);
        return this;
    }

    /** Lets hanging operations go on (and fail). */
    public void recover() {
        recovered.countDown();
    }

    /** Goes down for good after this many more claims. */
    public FailingExecutionStore downAfterClaims(int claims) {
        claimsLeft.set(claims);
        return this;
    }

    private void check(Operation operation) {
        if (operation == Operation.CLAIM && claimsLeft.getAndDecrement() <= 0) {
            down();
        }
        if (hanging.get().test(operation)) {
            try {
                recovered.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new StoreUnavailableException("store test:failing did not answer (" + operation + ")", null);
        }
        if (failing.get().test(operation)) {
            throw new StoreUnavailableException("store test:failing is gone (" + operation + ")", null);
        }
    }

    @Override
    public Claim claim(Fingerprint fingerprint, String owner, Duration lease) {
        check(Operation.CLAIM);
        return delegate.claim(fingerprint, owner, lease);
    }

    @Override
    public Claim claimAfresh(Fingerprint fingerprint, String owner, Duration lease) {
        check(Operation.CLAIM);
        return delegate.claimAfresh(fingerprint, owner, lease);
    }

    @Override
    public boolean complete(Fingerprint fingerprint, long fencingToken, Completion completion, Duration ttl) {
        check(Operation.COMPLETE);
        return delegate.complete(fingerprint, fencingToken, completion, ttl);
    }

    @Override
    public boolean fail(Fingerprint fingerprint, long fencingToken, String failure, Duration ttl) {
        check(Operation.FAIL);
        return delegate.fail(fingerprint, fencingToken, failure, ttl);
    }

    @Override
    public void release(Fingerprint fingerprint, long fencingToken) {
        check(Operation.RELEASE);
        delegate.release(fingerprint, fencingToken);
    }

    @Override
    public boolean heartbeat(Fingerprint fingerprint, long fencingToken, Duration lease) {
        check(Operation.HEARTBEAT);
        return delegate.heartbeat(fingerprint, fencingToken, lease);
    }

    @Override
    public Optional<ExecutionRecord> get(Fingerprint fingerprint) {
        check(Operation.GET);
        return delegate.get(fingerprint);
    }

    @Override
    public long purgeExpired() {
        return delegate.purgeExpired();
    }

    @Override
    public long purgeAll() {
        return delegate.purgeAll();
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }

    @Override
    public void recordRun(long calls, long replays) {
        check(Operation.RECORD_RUN);
        delegate.recordRun(calls, replays);
    }

    @Override
    public String describe() {
        return "test:failing";
    }

    @Override
    public void close() {
        delegate.close();
    }
}
