package dev.idem.application;

import dev.idem.port.in.PurgeStoreUseCase;
import dev.idem.port.out.ExecutionStore;
import java.util.Objects;

/** Deletes the expired records, or every record, of the execution store idem was set up with. */
public final class PurgeStoreService implements PurgeStoreUseCase {

    private final ExecutionStore store;

    public PurgeStoreService(ExecutionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public PurgeResult purge(PurgeStoreCommand command) {
        long records = command.all() ? store.purgeAll() : store.purgeExpired();
        return new PurgeResult(store.describe(), records);
    }
}
