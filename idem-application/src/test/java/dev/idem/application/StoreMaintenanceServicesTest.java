package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.in.InspectStoreUseCase.InspectStoreCommand;
import dev.idem.port.in.InspectStoreUseCase.RunFigures;
import dev.idem.port.in.InspectStoreUseCase.StoreInspection;
import dev.idem.port.in.PurgeStoreUseCase.PurgeResult;
import dev.idem.port.in.PurgeStoreUseCase.PurgeStoreCommand;
import dev.idem.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The store's maintenance use cases over a real in-memory store. */
class StoreMaintenanceServicesTest {

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final InMemoryExecutionStore store = new InMemoryExecutionStore(clock);

    private void complete(int call, Duration ttl) {
        Fingerprint fp = new Fingerprint(String.format("%064x", call));
        long token = ((Claim.Acquired) store.claim(fp, "me", Duration.ofSeconds(15))).fencingToken();
        store.complete(fp, token, new Completion("reply", "m", TokenUsage.NONE, Duration.ZERO, "stop"), ttl);
    }

    @Test
    void should_tell_records_by_state_and_the_last_run() {
        // given one live and one expired record, and a recorded run
        complete(1, Duration.ofDays(14));
        complete(2, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
        store.recordRun(3, 1);

        // when
        StoreInspection s = new InspectStoreService(store).inspect(new InspectStoreCommand());

        // then
        assertThat(s.store()).isEqualTo(store.describe());
        assertThat(s.completed()).isEqualTo(2);
        assertThat(s.expired()).isEqualTo(1);
        assertThat(s.inProgress()).isZero();
        assertThat(s.sizeBytes()).as("the memory store does not know its size").isEmpty();
        assertThat(s.lastRun()).contains(new RunFigures(3, 1));
        assertThat(s.lastRun().orElseThrow().hitRate()).isEqualTo(0.25);
    }

    @Test
    void should_purge_only_the_expired_records_unless_asked_for_all() {
        // given
        complete(1, Duration.ofDays(14));
        complete(2, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
        PurgeStoreService purger = new PurgeStoreService(store);

        // when
        PurgeResult expired = purger.purge(new PurgeStoreCommand(false));
        PurgeResult all = purger.purge(new PurgeStoreCommand(true));

        // then
        assertThat(expired.records()).isEqualTo(1);
        assertThat(all.records()).isEqualTo(1);
        assertThat(all.store()).isEqualTo(store.describe());
    }
}
