package dev.idem.domain.execution;

import java.util.Objects;

/** The answer of an atomic claim on a fingerprint. */
public sealed interface Claim permits Claim.Acquired, Claim.Completed, Claim.Busy, Claim.Failed {

    /**
     * The caller now holds the call; it must complete, release or fail it with this token.
     *
     * @param fencingToken the token to present on completion
     * @param takeover     whether an expired claim of someone else was taken over
     */
    record Acquired(long fencingToken, boolean takeover) implements Claim {
    }

    /** The call already completed; replay this record. */
    record Completed(ExecutionRecord record) implements Claim {
        public Completed {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Someone else holds a live claim; wait and ask again. */
    record Busy(ExecutionRecord record) implements Claim {
        public Busy {
            Objects.requireNonNull(record, "record");
        }
    }

    /** The call failed terminally before; report that failure without calling again. */
    record Failed(ExecutionRecord record) implements Claim {
        public Failed {
            Objects.requireNonNull(record, "record");
        }
    }
}
