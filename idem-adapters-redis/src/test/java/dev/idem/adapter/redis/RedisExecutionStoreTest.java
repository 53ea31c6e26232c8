package dev.idem.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.StoreUnavailableException;
import dev.idem.testkit.ExecutionStoreContract;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.ProcessClaimRace;
import io.lettuce.core.RedisURI;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class RedisExecutionStoreTest extends ExecutionStoreContract {

    private final RedisTestServer server;

    RedisExecutionStoreTest(RedisTestServer server) {
        this.server = server;
    }

    @Override
    protected ExecutionStore newStore(MutableClock clock) {
        server.flush();
        return new RedisExecutionStore(server.uri());
    }

    @Override
    protected boolean clockControlsExpiry() {
        return false;
    }

    @Override
    protected Duration shortLease() {
        return Duration.ofMillis(300);
    }

    @Test
    void should_fail_fast_with_a_clear_message_when_redis_is_unreachable() throws Exception {
        // given a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        // when / then
        assertThatThrownBy(() -> new RedisExecutionStore(URI.create("redis://:s3cret@127.0.0.1:" + port + "/0")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("cannot reach Redis at redis://127.0.0.1:" + port + "/0 (start redis-server or fix --store)")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void should_refuse_a_malformed_uri_as_invalid_rather_than_fail_inside() {
        for (String uri : new String[] {"redis://127.0.0.1:6379/abc", "redis://h:p/0", "redis://:s3cret@h:p/abc"}) {
            assertThatThrownBy(() -> new RedisExecutionStore(URI.create(uri))).as(uri)
                    .isInstanceOf(InvalidStoreUriException.class)
                    .hasMessageStartingWith("not a Redis URI: ")
                    .hasMessageNotContaining("s3cret");
        }
        assertThatThrownBy(() -> new RedisExecutionStore(URI.create(server.uri() + "?retryFor=soon")))
                .isInstanceOf(InvalidStoreUriException.class).hasMessageContaining("retryFor");
    }

    @Test
    void should_describe_the_store_without_credentials() {
        assertThat(RedisExecutionStore.safeDescription(RedisURI.create("redis://user:s3cret@10.0.0.7:6380/3")))
                .isEqualTo("redis://10.0.0.7:6380/3");
        assertThat(store.describe()).isEqualTo(server.uri().toString().replaceFirst("//[^@]*@", "//"));
    }

    @Test
    void should_show_a_uri_it_cannot_use_without_its_credentials() {
        assertThatThrownBy(() -> new RedisExecutionStore(URI.create("redis://user:s3cret-pw@127.0.0.1:6379/abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://127.0.0.1:6379/abc")
                .hasMessageNotContaining("s3cret-pw").hasMessageNotContaining("user");
    }

    @Test
    void should_be_opened_by_the_service_loader_from_a_uri() {
        // given
        ExecutionStoreProvider provider = ServiceLoader.load(ExecutionStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("redis"))
                .findFirst().orElseThrow();

        // when
        try (ExecutionStore opened = provider.open(server.uri(), clock)) {

            // then
            assertThat(opened).isInstanceOf(RedisExecutionStore.class);
            assertThat(opened.get(fingerprint("via-provider"))).isEmpty();
        }
    }

    @Test
    void should_hand_the_call_to_exactly_one_process_when_processes_race_for_it() throws Exception {
        // given child JVMs connected to the same server, waiting at a start gate
        Fingerprint fp = fingerprint("process-race");
        // when their start gate opens for all of them at once
        List<String> answers = ProcessClaimRace.run(2, RedisClaimRace.class, server.uri().toString(), fp.hex());

        // then
        assertThat(answers).containsOnly("ACQUIRED", "BUSY").filteredOn("ACQUIRED"::equals).hasSize(1);
        assertThat(store.get(fp).map(ExecutionRecord::owner).orElseThrow()).startsWith("process-");
    }
}
