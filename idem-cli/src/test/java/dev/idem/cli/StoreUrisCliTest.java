package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store URIs as users write them: each reaches the store it names, or is a usage error that says what to write. */
class StoreUrisCliTest {

    @TempDir
    Path work;

    private Result stats(String store) {
        return CliRunner.run(work, "store", "stats", "--store", store);
    }

    @Test
    void should_exit_2_when_a_store_provider_cannot_use_the_path_of_the_uri() {
        // when the path holds a NUL, which no file name may (B3: an internal error, exit 4)
        Result r = stats("sqlite:/tmp/a%00b.db");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: not a sqlite store URI: sqlite:/tmp/a%00b.db (")
                .doesNotContain("internal error");
    }

    @Test
    void should_ask_for_the_colon_when_a_store_uri_is_only_a_scheme() {
        // when (B4: "unknown store 'memory' (available: memory, redis, sqlite)")
        Result r = stats("memory");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: store URI 'memory' names no scheme; did you mean 'memory:'?")
                .doesNotContain("unknown store");
    }

    @Test
    void should_reach_the_redis_store_through_a_rediss_uri() {
        // when nothing listens on the port (B5: "unknown store 'rediss'", exit 2, whatever the server)
        Result r = stats("rediss://127.0.0.1:1/0");

        // then the Redis store tried to connect, over TLS
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("idem: error: cannot reach Redis at rediss://127.0.0.1:1/0 (start redis-server "
                + "or fix --store)" + System.lineSeparator());
    }

    @Test
    void should_read_the_scheme_of_a_store_uri_in_any_case() {
        // when
        Result r = stats("MEMORY:");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("store        memory:");
    }
}
