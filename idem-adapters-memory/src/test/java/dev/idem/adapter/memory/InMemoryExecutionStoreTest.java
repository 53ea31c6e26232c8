package dev.idem.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.testkit.ExecutionStoreContract;
import dev.idem.testkit.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class InMemoryExecutionStoreTest extends ExecutionStoreContract {

    @Override
    protected ExecutionStore newStore(MutableClock clock) {
        return new InMemoryExecutionStore(clock);
    }

    @Test
    void should_be_found_by_the_service_loader_under_its_id() {
        // when
        ExecutionStoreProvider provider = ServiceLoader.load(ExecutionStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("memory"))
                .findFirst().orElseThrow();

        // then
        try (ExecutionStore opened = provider.open(URI.create("memory:/"), Clock.systemUTC())) {
            assertThat(opened).isInstanceOf(InMemoryExecutionStore.class);
            assertThat(opened.describe()).isEqualTo("memory:");
        }
    }
}
