package dev.idem.port.out;

import java.util.Optional;

/**
 * Figures about an execution store.
 *
 * @param inProgress records in progress
 * @param completed  completed records
 * @param failed     terminally failed records
 * @param expired    completed or failed records past their TTL, not yet purged
 * @param sizeBytes  approximate size on disk or in memory; -1 when unknown
 * @param lastRun    the last run's calls and replays, if one was recorded
 */
public record StoreStats(long inProgress, long completed, long failed, long expired, long sizeBytes,
                         Optional<LastRun> lastRun) {

    public StoreStats {
        lastRun = lastRun == null ? Optional.empty() : lastRun;
    }

    public long total() {
        return inProgress + completed + failed;
    }

    /**
     * The figures of the last recorded run.
     *
     * @param calls   model calls made
     * @param replays replies served from the store
     */
    public record LastRun(long calls, long replays) {
        /** Replays over all requests, 0..1; 0 when there were none. */
        public double hitRate() {
            long all = calls + replays;
            return all == 0 ? 0.0 : (double) replays / all;
        }
    }
}
