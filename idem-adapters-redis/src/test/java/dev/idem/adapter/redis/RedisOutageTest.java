package dev.idem.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.StoreUnavailableException;
import dev.idem.testkit.RedisServerProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against a real redis-server of its own that the test pauses ({@code SIGSTOP}), kills and starts
 * again: a hiccup is waited out, a server gone for good or emptied is reported, never silently worked around.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisOutageTest {

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Completion REPLY = new Completion("kept", "m", new TokenUsage(1, 2), Duration.ofMillis(3),
            "stop");

    @TempDir
    Path dir;

    private RedisServerProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_carry_on_when_the_server_pauses_for_longer_than_a_command_timeout() throws Exception {
        // given a store whose commands time out after 300 ms, and a server that stops answering
        server = RedisServerProcess.start();
        try (RedisExecutionStore store = new RedisExecutionStore(URI.create(server.uri(0) + "?retryFor=20s"),
                Duration.ofSeconds(2), Duration.ofMillis(300))) {
            Fingerprint fp = fingerprint("paused");
            server.pause();

            // when a claim is made while it is paused (SIGSTOP), and the server goes on 1.5 s later
            CompletableFuture<Claim> claim = CompletableFuture.supplyAsync(() -> store.claim(fp, "me", LONG));
            Thread.sleep(1500);
            boolean waitedThroughThePause = !claim.isDone();
            server.resume();
            Claim answer = claim.get(20, TimeUnit.SECONDS);

            // then the claim is ours: the first attempt, applied when the server woke up, and the attempts sent
            // again after it timed out agree on one token, instead of the retry finding our own claim busy
            assertThat(waitedThroughThePause).isTrue();
            assertThat(answer).isInstanceOf(Claim.Acquired.class);
            long token = ((Claim.Acquired) answer).fencingToken();
            assertThat(store.get(fp)).hasValueSatisfying(record -> {
                assertThat(record.state()).isEqualTo(ExecutionState.IN_PROGRESS);
                assertThat(record.fencingToken()).isEqualTo(token);
                assertThat(record.owner()).isEqualTo("me");
            });
            assertThat(store.complete(fp, token, REPLY, LONG)).isTrue();
        }
    }

    @Test
    void should_carry_on_when_the_server_is_killed_and_restarts_with_its_data() throws Exception {
        // given a server that keeps its data on disk, and a reply stored in it
        server = RedisServerProcess.start("--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString());
        try (RedisExecutionStore store = new RedisExecutionStore(URI.create(server.uri(0) + "?retryFor=20s"),
                Duration.ofSeconds(2), Duration.ofSeconds(1))) {
            Fingerprint stored = fingerprint("stored");
            store.complete(stored, ((Claim.Acquired) store.claim(stored, "me", LONG)).fencingToken(), REPLY, LONG);

            // when the server is killed, a claim is made while it is down, and the server is back 1 s later
            server.kill();
            CompletableFuture<Claim> claim = CompletableFuture.supplyAsync(
                    () -> store.claim(fingerprint("during-outage"), "me", LONG));
            Thread.sleep(1000);
            server.restart();

            // then the claim goes through once the client has reconnected, and the stored reply is still there
            assertThat(claim.get(30, TimeUnit.SECONDS)).isInstanceOf(Claim.Acquired.class);
            assertThat(store.get(stored).flatMap(ExecutionRecord::completion)).contains(REPLY);
        }
    }

    @Test
    void should_report_the_store_emptied_when_the_server_comes_back_without_its_data() throws Exception {
        // given a server without persistence, and a store that has claimed a call on it
        server = RedisServerProcess.start();
        try (RedisExecutionStore store = new RedisExecutionStore(URI.create(server.uri(0) + "?retryFor=20s"),
                Duration.ofSeconds(2), Duration.ofSeconds(1))) {
            store.claim(fingerprint("before"), "me", LONG);

            // when the server restarts empty: the claim, the fencing counter and every reply are gone
            server.kill();
            server.restart();

            // then the next claim says so, rather than hand out fencing tokens that start again from 1
            assertThatThrownBy(() -> store.claim(fingerprint("after"), "me", LONG))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("the Redis store at " + server.uri(0) + " was emptied while idem was"
                            + " using it");
        }
    }

    @Test
    void should_report_the_store_unavailable_once_retry_for_has_passed_when_the_server_is_gone() {
        // given
        server = RedisServerProcess.start();
        try (RedisExecutionStore store = new RedisExecutionStore(URI.create(server.uri(0) + "?retryFor=1s"),
                Duration.ofSeconds(2), Duration.ofMillis(500))) {
            server.kill();
            long start = System.nanoTime();

            // when / then
            assertThatThrownBy(() -> store.claim(fingerprint("gone"), "me", LONG))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("Redis at " + server.uri(0) + " did not answer for 1 s:")
                    .hasMessageEndingWith("(check that the server is up and reachable, or fix --store)");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
        }
    }

    @Test
    void should_fail_at_once_once_an_operation_has_waited_the_whole_window_in_vain() {
        // given a server that is gone, found so by one operation that waited its whole retry window
        server = RedisServerProcess.start();
        try (RedisExecutionStore store = new RedisExecutionStore(URI.create(server.uri(0) + "?retryFor=2s"),
                Duration.ofSeconds(2), Duration.ofMillis(500))) {
            server.kill();
            assertThatThrownBy(() -> store.get(fingerprint("first"))).isInstanceOf(StoreUnavailableException.class);

            // when the run's other workers try their next operations
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                String name = "next-" + i;
                assertThatThrownBy(() -> store.claim(fingerprint(name), "me", LONG))
                        .isInstanceOf(StoreUnavailableException.class);
            }

            // then they fail at once instead of waiting two seconds each, so a stopped run ends promptly
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

            // and once the server is back, operations go through again
            server.restart();
            awaitAnswer(store);
        }
    }

    private static void awaitAnswer(RedisExecutionStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                store.stats();
                return;
            } catch (StoreUnavailableException e) {
                assertThat(System.nanoTime()).as("the store answers again").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    @Test
    void should_name_the_database_when_the_server_does_not_have_it() {
        // given a server with the default 16 databases
        server = RedisServerProcess.start();

        // when / then
        assertThatThrownBy(() -> new RedisExecutionStore(server.uri(20)))
                .isInstanceOf(InvalidStoreUriException.class)
                .hasMessageStartingWith("Redis at " + server.uri(20) + " has no database 20: ")
                .hasMessageContaining("DB index is out of range")
                .hasMessageEndingWith("(use a database the server has, 0 to 15 unless 'databases' in redis.conf"
                        + " says more)");
    }

    private static Fingerprint fingerprint(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return new Fingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
