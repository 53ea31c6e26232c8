package dev.idem.port.out;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.Fingerprint;
import java.time.Duration;
import java.util.Optional;

/**
 * Where idem keeps its own idempotency records: one per call fingerprint. Every operation that changes a
 * record is atomic in the store (a conditional write), so threads of one run and processes on many machines
 * sharing a store agree on who makes a call.
 *
 * <p>Implementations take their time from an injected {@link java.time.Clock} where the store does not keep
 * time itself. They never store credentials.
 */
public interface ExecutionStore extends AutoCloseable {

    /**
     * Claims a fingerprint: one atomic conditional write.
     * <ul>
     *   <li>absent, or completed/failed but expired → {@link Claim.Acquired} with a new fencing token;</li>
     *   <li>in progress with an expired lease → {@link Claim.Acquired} ({@code takeover}) with a new, higher
     *       token;</li>
     *   <li>in progress with a live lease → {@link Claim.Busy};</li>
     *   <li>completed → {@link Claim.Completed}; failed → {@link Claim.Failed}.</li>
     * </ul>
     *
     * @param fingerprint the call
     * @param owner       who claims, e.g. {@code host:pid:uuid}
     * @param lease       how long the claim lives without a heartbeat
     */
    Claim claim(Fingerprint fingerprint, String owner, Duration lease);

    /**
     * Claims a fingerprint to make the call again whatever is stored ({@code --no-cache}): like {@link #claim},
     * but a completed or failed record, live or expired, counts as absent, so the fresh outcome replaces it.
     * <ul>
     *   <li>absent, completed, failed, or in progress with an expired lease → {@link Claim.Acquired};</li>
     *   <li>in progress with a live lease → {@link Claim.Busy} (another run is making this very call now).</li>
     * </ul>
     */
    Claim claimAfresh(Fingerprint fingerprint, String owner, Duration lease);

    /**
     * Stores the reply, if {@code fencingToken} is still the record's token and it is in progress.
     *
     * @param ttl how long the completed record is kept
     * @return false if the claim was lost (lease expired and taken over): the reply is not stored
     */
    boolean complete(Fingerprint fingerprint, long fencingToken, Completion completion, Duration ttl);

    /**
     * Records a terminal failure, guarded by the fencing token like {@link #complete}.
     *
     * @return false if the claim was lost
     */
    boolean fail(Fingerprint fingerprint, long fencingToken, String failure, Duration ttl);

    /**
     * Gives up a claim after a retryable failure: the record is removed if the token still matches, so the
     * call may be claimed again.
     */
    void release(Fingerprint fingerprint, long fencingToken);

    /**
     * Extends a live claim's lease.
     *
     * @return false if the claim was lost
     */
    boolean heartbeat(Fingerprint fingerprint, long fencingToken, Duration lease);

    /** The record, if there is one (expired records may still be returned until purged). */
    Optional<ExecutionRecord> get(Fingerprint fingerprint);

    /**
     * Deletes completed and failed records past their TTL, and in-progress records whose lease expired.
     *
     * @return how many records were deleted
     */
    long purgeExpired();

    /**
     * Deletes every record; the fencing counter stays, so a holder from before the purge never matches a later
     * token.
     *
     * @return how many records were deleted
     */
    long purgeAll();

    /** Counts and size, for {@code idem store stats}. */
    StoreStats stats();

    /**
     * Remembers the figures of the run that just ended, for {@code idem store stats}.
     *
     * @param calls   model calls made
     * @param replays replies served from the store
     */
    void recordRun(long calls, long replays);

    /** A description safe to print (no credentials), e.g. {@code sqlite:.idem/store.db}. */
    String describe();

    @Override
    void close();
}
