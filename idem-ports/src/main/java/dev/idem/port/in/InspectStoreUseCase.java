package dev.idem.port.in;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Shows what the execution store holds: its records by state, the last run's hit rate and its size. */
public interface InspectStoreUseCase {

    /**
     * Inspects the store idem was set up with.
     *
     * @throws dev.idem.port.out.InvalidStoreUriException  if the store URI cannot name a store
     * @throws dev.idem.port.out.StoreUnavailableException if the store cannot be opened or read
     */
    StoreInspection inspect(InspectStoreCommand command);

    /** Inspect the store idem was set up with; there is nothing more to choose. */
    record InspectStoreCommand() {
    }

    /**
     * What the store holds.
     *
     * @param store      the store, described without credentials (e.g. {@code sqlite:.idem/store.db})
     * @param completed  completed records
     * @param expired    completed or failed records past their time to live, not yet purged
     * @param inProgress records of calls in flight (or left by a run that died, until their lease runs out)
     * @param failed     records of requests the provider rejected
     * @param sizeBytes  the approximate size on disk or in memory, if the store knows it
     * @param lastRun    the calls and replays of the last run that recorded them
     */
    record StoreInspection(String store, long completed, long expired, long inProgress, long failed,
                           OptionalLong sizeBytes, Optional<RunFigures> lastRun) {
        public StoreInspection {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(sizeBytes, "sizeBytes");
            Objects.requireNonNull(lastRun, "lastRun");
        }
    }

    /**
     * The figures of one run.
     *
     * @param calls   model calls made
     * @param replays replies served from the store
     */
    record RunFigures(long calls, long replays) {

        /** Replays over all requests, 0..1; 0 when there were none. */
        public double hitRate() {
            long all = calls + replays;
            return all == 0 ? 0.0 : (double) replays / all;
        }
    }
}
