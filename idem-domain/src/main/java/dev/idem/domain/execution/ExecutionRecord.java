package dev.idem.domain.execution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the execution store holds for one fingerprint.
 *
 * @param fingerprint  the call's identity
 * @param state        in progress, completed or failed
 * @param owner        who holds (or held) the claim, e.g. {@code host:pid:uuid}
 * @param fencingToken monotonically increasing per store; a completion with an older token is refused
 * @param leaseExpiry  until when an in-progress claim is valid
 * @param completion   the reply, when completed
 * @param failure      a short description of the terminal failure, when failed
 * @param updatedAt    when the record last changed
 * @param expiresAt    when a completed or failed record may be purged
 */
public record ExecutionRecord(Fingerprint fingerprint, ExecutionState state, String owner, long fencingToken,
                              Instant leaseExpiry, Optional<Completion> completion, Optional<String> failure,
                              Instant updatedAt, Instant expiresAt) {
    public ExecutionRecord {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        owner = owner == null ? "" : owner;
        Objects.requireNonNull(leaseExpiry, "leaseExpiry");
        completion = completion == null ? Optional.empty() : completion;
        failure = failure == null ? Optional.empty() : failure;
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (state == ExecutionState.COMPLETED && completion.isEmpty()) {
            throw new IllegalArgumentException("a completed record holds its completion");
        }
    }

    /** Whether an in-progress claim's lease has run out at {@code now}. */
    public boolean leaseExpired(Instant now) {
        return state == ExecutionState.IN_PROGRESS && !now.isBefore(leaseExpiry);
    }

    /** Whether a completed or failed record has outlived its TTL at {@code now}. */
    public boolean expired(Instant now) {
        return state != ExecutionState.IN_PROGRESS && !now.isBefore(expiresAt);
    }
}
