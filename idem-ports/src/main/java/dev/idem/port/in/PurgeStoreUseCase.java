package dev.idem.port.in;

import java.util.Objects;

/** Deletes records from the execution store: the expired ones, or every one. */
public interface PurgeStoreUseCase {

    /**
     * Purges the store idem was set up with.
     *
     * @throws dev.idem.port.out.InvalidStoreUriException  if the store URI cannot name a store
     * @throws dev.idem.port.out.StoreUnavailableException if the store cannot be opened or written
     */
    PurgeResult purge(PurgeStoreCommand command);

    /**
     * What to delete.
     *
     * @param all every record, not only the expired ones (records past their time to live, and claims whose lease
     *            ran out)
     */
    record PurgeStoreCommand(boolean all) {
    }

    /**
     * What was deleted.
     *
     * @param store   the store, described without credentials
     * @param records how many records were deleted
     */
    record PurgeResult(String store, long records) {
        public PurgeResult {
            Objects.requireNonNull(store, "store");
        }
    }
}
