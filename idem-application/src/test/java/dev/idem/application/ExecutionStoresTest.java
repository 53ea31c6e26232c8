package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.FailureCategory;
import dev.idem.port.in.UnknownProviderException;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.InvalidStoreUriException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionStoresTest {

    /** A store provider that records the URIs it was handed, and reads a path the way a file store does. */
    private static final class RecordingProvider implements ExecutionStoreProvider {
        private final String id;
        private final Set<String> schemes;
        final List<URI> opened = new ArrayList<>();

        RecordingProvider(String id, Set<String> schemes) {
            this.id = id;
            this.schemes = schemes;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Set<String> schemes() {
            return schemes;
        }

        @Override
        public ExecutionStore open(URI uri, Clock clock) {
            opened.add(uri);
            // what a path-based store does with the URI's path: Path.of refuses a NUL with IllegalArgumentException
            Path.of(uri.getSchemeSpecificPart());
            return new InMemoryExecutionStore(clock);
        }
    }

    private final RecordingProvider memory = new RecordingProvider("memory", Set.of("memory"));
    private final RecordingProvider redis = new RecordingProvider("redis", Set.of("redis", "rediss"));
    private final ExecutionStores stores = new ExecutionStores(List.of(memory, redis));

    @Test
    void should_open_a_store_by_any_scheme_its_provider_declares() {
        // when a URI of the provider's second scheme is opened (B5: rediss:// could never be reached)
        try (ExecutionStore store = stores.open(URI.create("rediss://cache.internal:6380/0"), Clock.systemUTC())) {
            // then the provider that declares it was handed the URI
            assertThat(store).isNotNull();
        }
        assertThat(redis.opened).containsExactly(URI.create("rediss://cache.internal:6380/0"));
        assertThat(stores.schemes()).containsExactly("memory", "redis", "rediss");
    }

    @Test
    void should_match_the_scheme_ignoring_case_and_hand_over_its_lower_case_form() {
        // when
        stores.open(URI.create("REDIS://cache.internal:6379/0"), Clock.systemUTC()).close();

        // then
        assertThat(redis.opened).containsExactly(URI.create("redis://cache.internal:6379/0"));
    }

    @Test
    void should_make_a_uri_a_provider_cannot_use_a_usage_error_whatever_it_throws() {
        // when the provider refuses the URI with a plain IllegalArgumentException (B3: this exited 4)
        assertThatThrownBy(() -> stores.open(URI.create("memory:/a%00b"), Clock.systemUTC()))
                // then it is an invalid store URI, a usage error, naming the URI and the provider's reason
                .isInstanceOfSatisfying(InvalidStoreUriException.class,
                        e -> assertThat(e.category()).isEqualTo(FailureCategory.USAGE))
                .hasMessageStartingWith("not a memory store URI: memory:/a%00b (")
                .hasMessageContaining("Nul character");
    }

    @Test
    void should_say_which_uri_is_meant_when_a_store_uri_has_no_scheme() {
        // when a scheme is written without its colon (B4: "unknown store 'memory' (available: memory, ...)")
        assertThatThrownBy(() -> stores.open(URI.create("memory"), Clock.systemUTC()))
                // then
                .isInstanceOf(InvalidStoreUriException.class)
                .hasMessage("store URI 'memory' names no scheme; did you mean 'memory:'? (a store URI begins with "
                        + "its scheme: memory:, redis:, rediss:)");
        assertThat(memory.opened).isEmpty();
    }

    @Test
    void should_list_the_schemes_there_are_when_the_scheme_is_unknown() {
        // when / then
        assertThatThrownBy(() -> stores.open(URI.create("etcd://x"), Clock.systemUTC()))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessage("unknown store 'etcd' (available: memory, redis, rediss)");
    }
}
