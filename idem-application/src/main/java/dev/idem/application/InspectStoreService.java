package dev.idem.application;

import dev.idem.port.in.InspectStoreUseCase;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.StoreStats;
import java.util.Objects;
import java.util.OptionalLong;

/** Reads the figures of the execution store idem was set up with. */
public final class InspectStoreService implements InspectStoreUseCase {

    private final ExecutionStore store;

    public InspectStoreService(ExecutionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public StoreInspection inspect(InspectStoreCommand command) {
        Objects.requireNonNull(command, "command");
        StoreStats stats = store.stats();
        return new StoreInspection(store.describe(), stats.completed(), stats.expired(), stats.inProgress(),
                stats.failed(), stats.sizeBytes() < 0 ? OptionalLong.empty() : OptionalLong.of(stats.sizeBytes()),
                stats.lastRun().map(r -> new RunFigures(r.calls(), r.replays())));
    }
}
