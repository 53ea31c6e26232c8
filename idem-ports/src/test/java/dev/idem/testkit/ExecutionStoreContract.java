package dev.idem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.StoreStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ExecutionStore} must show. An adapter's test extends this class and opens its
 * store on a real peer (a real SQLite file, a real Redis server).
 *
 * <p>Stores that take time from the injected clock are driven by {@link MutableClock}: "time passes" moves
 * the clock. Stores whose server keeps time itself (Redis TTLs are server time) return false from
 * {@link #clockControlsExpiry()}; then {@link #elapse(Duration)} sleeps for real and {@link #shortLease()}
 * should be a few hundred milliseconds.
 */
public abstract class ExecutionStoreContract {

    /** A lease or TTL that never runs out during a test. */
    protected static final Duration LONG = Duration.ofMinutes(10);

    private static final Completion REPLY = new Completion(
            "## Idempotency design\n\n* claim → **IN_PROGRESS** «ключ» 幂等 🚀\r\n\ttab \"quoted\" \\ back\\slash\n",
            "gpt-4o-mini-2024-07-18", new TokenUsage(1234, 567), Duration.ofMillis(1834).plusNanos(123_456),
            "stop", "refused: «rule» \"quoted\" 幂等");

    protected MutableClock clock;
    protected ExecutionStore store;

    /**
     * Opens a new, empty store that takes its time from {@code clock} (where it keeps time itself, the
     * clock may be ignored).
     */
    protected abstract ExecutionStore newStore(MutableClock clock) throws Exception;

    /** Whether leases and TTLs run out when the test clock moves (false: they run out in real time). */
    protected boolean clockControlsExpiry() {
        return true;
    }

    /** A lease or TTL the expiry tests let run out with {@link #elapse(Duration)}. */
    protected Duration shortLease() {
        return Duration.ofSeconds(30);
    }

    /** Lets time pass for the store: moves the clock, or sleeps when the store keeps time itself. */
    protected void elapse(Duration duration) throws InterruptedException {
        if (clockControlsExpiry()) {
            clock.advance(duration);
        } else {
            Thread.sleep(duration.toMillis());
        }
    }

    @BeforeEach
    void openStore() throws Exception {
        clock = MutableClock.atDefaultStart();
        store = newStore(clock);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** A valid fingerprint derived from a name, so tests can make as many distinct ones as they need. */
    protected static Fingerprint fingerprint(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return new Fingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Duration pastShortLease() {
        return shortLease().plus(shortLease().dividedBy(2));
    }

    private long acquire(Fingerprint fp, String owner, Duration lease) {
        Claim claim = store.claim(fp, owner, lease);
        assertThat(claim).isInstanceOf(Claim.Acquired.class);
        return ((Claim.Acquired) claim).fencingToken();
    }

    @Test
    void should_acquire_when_the_fingerprint_is_absent() {
        // given
        Fingerprint fp = fingerprint("absent");

        // when
        Claim claim = store.claim(fp, "host-a:1:u1", LONG);

        // then
        assertThat(claim).isInstanceOfSatisfying(Claim.Acquired.class, acquired -> {
            assertThat(acquired.takeover()).isFalse();
            assertThat(acquired.fencingToken()).isPositive();
        });
        assertThat(store.get(fp)).hasValueSatisfying(record -> {
            assertThat(record.state()).isEqualTo(ExecutionState.IN_PROGRESS);
            assertThat(record.owner()).isEqualTo("host-a:1:u1");
            assertThat(record.fencingToken()).isEqualTo(((Claim.Acquired) claim).fencingToken());
            assertThat(record.completion()).isEmpty();
        });
    }

    @Test
    void should_answer_busy_when_another_owner_holds_a_live_claim() {
        // given
        Fingerprint fp = fingerprint("busy");
        long token = acquire(fp, "owner-1", LONG);

        // when
        Claim second = store.claim(fp, "owner-2", LONG);

        // then
        assertThat(second).isInstanceOfSatisfying(Claim.Busy.class, busy -> {
            assertThat(busy.record().owner()).isEqualTo("owner-1");
            assertThat(busy.record().fencingToken()).isEqualTo(token);
            assertThat(busy.record().state()).isEqualTo(ExecutionState.IN_PROGRESS);
        });
    }

    @Test
    void should_replay_the_exact_completion_when_the_call_completed() {
        // given
        Fingerprint fp = fingerprint("complete");
        long token = acquire(fp, "owner-1", LONG);

        // when
        boolean completed = store.complete(fp, token, REPLY, LONG);
        Claim replay = store.claim(fp, "owner-2", LONG);

        // then
        assertThat(completed).isTrue();
        assertThat(replay).isInstanceOfSatisfying(Claim.Completed.class, done -> {
            ExecutionRecord record = done.record();
            assertThat(record.state()).isEqualTo(ExecutionState.COMPLETED);
            assertThat(record.completion()).contains(REPLY);
            assertThat(record.completion().orElseThrow().text()).isEqualTo(REPLY.text());
            assertThat(record.completion().orElseThrow().latency()).isEqualTo(REPLY.latency());
            assertThat(record.fencingToken()).isEqualTo(token);
            assertThat(record.expiresAt()).isAfter(record.updatedAt());
        });
        assertThat(store.get(fp).flatMap(ExecutionRecord::completion)).contains(REPLY);
    }

    @Test
    void should_keep_a_completion_with_empty_fields() {
        // given
        Fingerprint fp = fingerprint("empty-completion");
        long token = acquire(fp, "owner-1", LONG);
        Completion empty = new Completion("", "", TokenUsage.NONE, Duration.ZERO, "");

        // when
        store.complete(fp, token, empty, LONG);

        // then
        assertThat(store.get(fp).flatMap(ExecutionRecord::completion)).contains(empty);
    }

    @Test
    void should_refuse_a_completion_when_the_token_is_stale() {
        // given
        Fingerprint fp = fingerprint("stale");
        long token = acquire(fp, "owner-1", LONG);

        // when
        boolean withOlderToken = store.complete(fp, token - 1, REPLY, LONG);
        boolean withUnknownToken = store.complete(fp, token + 1000, REPLY, LONG);
        boolean onAbsentRecord = store.complete(fingerprint("never-claimed"), token, REPLY, LONG);

        // then
        assertThat(withOlderToken).isFalse();
        assertThat(withUnknownToken).isFalse();
        assertThat(onAbsentRecord).isFalse();
        assertThat(store.get(fp)).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(ExecutionState.IN_PROGRESS));
        assertThat(store.get(fingerprint("never-claimed"))).isEmpty();
    }

    @Test
    void should_refuse_a_second_completion_when_the_call_already_completed() {
        // given
        Fingerprint fp = fingerprint("twice");
        long token = acquire(fp, "owner-1", LONG);
        store.complete(fp, token, REPLY, LONG);

        // when
        boolean again = store.complete(fp, token, new Completion("other", "m", TokenUsage.NONE, Duration.ZERO, ""), LONG);

        // then
        assertThat(again).isFalse();
        assertThat(store.get(fp).flatMap(ExecutionRecord::completion)).contains(REPLY);
    }

    @Test
    void should_let_a_second_owner_take_over_when_the_lease_expires_mid_call() throws Exception {
        // given a first holder whose lease runs out while its model call is still under way
        Fingerprint fp = fingerprint("takeover");
        long first = acquire(fp, "slow-owner", shortLease());
        elapse(pastShortLease());

        // when another owner claims, completes, and the first holder finally tries to complete
        Claim second = store.claim(fp, "fast-owner", LONG);
        assertThat(second).isInstanceOfSatisfying(Claim.Acquired.class, acquired -> {
            assertThat(acquired.takeover()).isTrue();
            assertThat(acquired.fencingToken()).isGreaterThan(first);
        });
        long secondToken = ((Claim.Acquired) second).fencingToken();
        Completion secondReply = new Completion("the second holder's reply", "m2", new TokenUsage(1, 2),
                Duration.ofMillis(5), "stop");
        boolean secondCompleted = store.complete(fp, secondToken, secondReply, LONG);
        boolean firstCompleted = store.complete(fp, first, REPLY, LONG);

        // then the record holds the second holder's reply
        assertThat(secondCompleted).isTrue();
        assertThat(firstCompleted).isFalse();
        assertThat(store.get(fp)).hasValueSatisfying(record -> {
            assertThat(record.completion()).contains(secondReply);
            assertThat(record.owner()).isEqualTo("fast-owner");
            assertThat(record.fencingToken()).isEqualTo(secondToken);
        });
    }

    @Test
    void should_refuse_the_stale_holder_when_it_completes_before_the_new_holder() throws Exception {
        // given
        Fingerprint fp = fingerprint("takeover-then-stale-first");
        long first = acquire(fp, "slow-owner", shortLease());
        elapse(pastShortLease());
        long second = acquire(fp, "fast-owner", LONG);

        // when
        boolean firstCompleted = store.complete(fp, first, REPLY, LONG);
        boolean firstFailed = store.fail(fp, first, "late failure", LONG);
        store.release(fp, first);

        // then the new holder's claim is untouched
        assertThat(firstCompleted).isFalse();
        assertThat(firstFailed).isFalse();
        assertThat(store.get(fp)).hasValueSatisfying(record -> {
            assertThat(record.state()).isEqualTo(ExecutionState.IN_PROGRESS);
            assertThat(record.fencingToken()).isEqualTo(second);
        });
    }

    @Test
    void should_make_the_call_claimable_again_when_released() {
        // given
        Fingerprint fp = fingerprint("release");
        long token = acquire(fp, "owner-1", LONG);

        // when
        store.release(fp, token);
        Claim again = store.claim(fp, "owner-2", LONG);

        // then
        assertThat(again).isInstanceOfSatisfying(Claim.Acquired.class, acquired -> {
            assertThat(acquired.takeover()).isFalse();
            assertThat(acquired.fencingToken()).isGreaterThan(token);
        });
    }

    @Test
    void should_ignore_a_release_when_the_token_is_stale() {
        // given
        Fingerprint fp = fingerprint("release-stale");
        long token = acquire(fp, "owner-1", LONG);

        // when
        store.release(fp, token + 1000);

        // then
        assertThat(store.claim(fp, "owner-2", LONG)).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void should_extend_the_lease_when_the_holder_heartbeats() throws Exception {
        // given
        Fingerprint fp = fingerprint("heartbeat");
        long token = acquire(fp, "owner-1", shortLease());

        // when
        boolean renewed = store.heartbeat(fp, token, LONG);
        elapse(pastShortLease());

        // then
        assertThat(renewed).isTrue();
        assertThat(store.claim(fp, "owner-2", LONG)).isInstanceOf(Claim.Busy.class);
        assertThat(store.complete(fp, token, REPLY, LONG)).isTrue();
    }

    @Test
    void should_refuse_a_heartbeat_when_the_token_is_stale() {
        // given
        Fingerprint fp = fingerprint("heartbeat-stale");
        long token = acquire(fp, "owner-1", LONG);

        // when
        boolean renewed = store.heartbeat(fp, token + 1000, LONG);
        boolean onAbsent = store.heartbeat(fingerprint("heartbeat-absent"), token, LONG);

        // then
        assertThat(renewed).isFalse();
        assertThat(onAbsent).isFalse();
        assertThat(store.get(fingerprint("heartbeat-absent"))).isEmpty();
    }

    @Test
    void should_replay_the_failure_when_the_call_failed_terminally() {
        // given
        Fingerprint fp = fingerprint("failed");
        long token = acquire(fp, "owner-1", LONG);

        // when
        boolean failed = store.fail(fp, token, "RequestRejectedException: context length exceeded «é»", LONG);
        Claim replay = store.claim(fp, "owner-2", LONG);

        // then
        assertThat(failed).isTrue();
        assertThat(replay).isInstanceOfSatisfying(Claim.Failed.class, f -> {
            assertThat(f.record().state()).isEqualTo(ExecutionState.FAILED);
            assertThat(f.record().failure()).contains("RequestRejectedException: context length exceeded «é»");
            assertThat(f.record().completion()).isEmpty();
        });
    }

    @Test
    void should_replace_a_completed_record_when_the_call_is_claimed_afresh() {
        // given a call that completed
        Fingerprint fp = fingerprint("afresh-completed");
        long first = acquire(fp, "owner-1", LONG);
        store.complete(fp, first, REPLY, LONG);

        // when it is claimed afresh (--no-cache) and completed again
        Claim again = store.claimAfresh(fp, "owner-2", LONG);
        Completion fresh = new Completion("the fresh reply", "m2", new TokenUsage(2, 3), Duration.ofMillis(9), "stop");
        long second = ((Claim.Acquired) again).fencingToken();
        boolean completed = store.complete(fp, second, fresh, LONG);

        // then the fresh reply replaces the stored one, under a newer token
        assertThat(again).isInstanceOfSatisfying(Claim.Acquired.class,
                acquired -> assertThat(acquired.fencingToken()).isGreaterThan(first));
        assertThat(completed).isTrue();
        assertThat(store.claim(fp, "owner-3", LONG)).isInstanceOfSatisfying(Claim.Completed.class,
                done -> assertThat(done.record().completion()).contains(fresh));
    }

    @Test
    void should_replace_a_failed_record_when_the_call_is_claimed_afresh() {
        // given a call the provider rejected, remembered for a long time
        Fingerprint fp = fingerprint("afresh-failed");
        store.fail(fp, acquire(fp, "owner-1", LONG), "RequestRejectedException: 400", LONG);

        // when it is claimed afresh and succeeds
        long token = ((Claim.Acquired) store.claimAfresh(fp, "owner-2", LONG)).fencingToken();
        store.complete(fp, token, REPLY, LONG);

        // then the success replaces the failure
        assertThat(store.claim(fp, "owner-3", LONG)).isInstanceOfSatisfying(Claim.Completed.class,
                done -> assertThat(done.record().completion()).contains(REPLY));
    }

    @Test
    void should_answer_busy_when_claimed_afresh_while_another_owner_holds_a_live_claim() {
        // given
        Fingerprint fp = fingerprint("afresh-busy");
        long token = acquire(fp, "owner-1", LONG);

        // when
        Claim afresh = store.claimAfresh(fp, "owner-2", LONG);

        // then the holder keeps its claim
        assertThat(afresh).isInstanceOfSatisfying(Claim.Busy.class,
                busy -> assertThat(busy.record().fencingToken()).isEqualTo(token));
        assertThat(store.complete(fp, token, REPLY, LONG)).isTrue();
    }

    @Test
    void should_acquire_when_claimed_afresh_and_the_fingerprint_is_absent() {
        // given
        Fingerprint fp = fingerprint("afresh-absent");

        // when
        Claim afresh = store.claimAfresh(fp, "owner-1", LONG);

        // then
        assertThat(afresh).isInstanceOfSatisfying(Claim.Acquired.class,
                acquired -> assertThat(acquired.takeover()).isFalse());
        assertThat(store.claim(fp, "owner-2", LONG)).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void should_refuse_a_failure_when_the_token_is_stale() {
        // given
        Fingerprint fp = fingerprint("fail-stale");
        long token = acquire(fp, "owner-1", LONG);

        // when
        boolean failed = store.fail(fp, token + 1000, "nope", LONG);

        // then
        assertThat(failed).isFalse();
        assertThat(store.claim(fp, "owner-2", LONG)).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void should_make_the_call_claimable_again_when_the_completed_record_expires() throws Exception {
        // given
        Fingerprint fp = fingerprint("ttl");
        long token = acquire(fp, "owner-1", LONG);
        store.complete(fp, token, REPLY, shortLease());
        if (clockControlsExpiry()) {
            // in real time a stalled machine could let the short TTL run out before this check
            assertThat(store.claim(fp, "owner-2", LONG)).isInstanceOf(Claim.Completed.class);
        }

        // when
        elapse(pastShortLease());
        Claim again = store.claim(fp, "owner-2", LONG);

        // then
        assertThat(again).isInstanceOfSatisfying(Claim.Acquired.class, acquired -> {
            assertThat(acquired.takeover()).isFalse();
            assertThat(acquired.fencingToken()).isGreaterThan(token);
        });
    }

    @Test
    void should_make_the_call_claimable_again_when_the_failed_record_expires() throws Exception {
        // given
        Fingerprint fp = fingerprint("ttl-failed");
        long token = acquire(fp, "owner-1", LONG);
        store.fail(fp, token, "rejected", shortLease());

        // when
        elapse(pastShortLease());

        // then
        assertThat(store.claim(fp, "owner-2", LONG)).isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void should_purge_only_expired_records() throws Exception {
        // given
        Fingerprint completedShort = fingerprint("purge-completed-short");
        Fingerprint failedShort = fingerprint("purge-failed-short");
        Fingerprint leaseShort = fingerprint("purge-lease-short");
        Fingerprint completedLong = fingerprint("purge-completed-long");
        Fingerprint leaseLong = fingerprint("purge-lease-long");
        store.complete(completedShort, acquire(completedShort, "o", LONG), REPLY, shortLease());
        store.fail(failedShort, acquire(failedShort, "o", LONG), "rejected", shortLease());
        acquire(leaseShort, "o", shortLease());
        store.complete(completedLong, acquire(completedLong, "o", LONG), REPLY, LONG);
        acquire(leaseLong, "o", LONG);
        elapse(pastShortLease());

        // when
        long purged = store.purgeExpired();

        // then
        if (clockControlsExpiry()) {
            assertThat(purged).isEqualTo(3);
        } else {
            // the server may already have dropped records past their TTL on its own
            assertThat(purged).isBetween(1L, 3L);
        }
        assertThat(store.get(completedShort)).isEmpty();
        assertThat(store.get(failedShort)).isEmpty();
        assertThat(store.get(leaseShort)).isEmpty();
        assertThat(store.get(completedLong)).isPresent();
        assertThat(store.get(leaseLong)).isPresent();
        assertThat(store.purgeExpired()).isZero();
    }

    @Test
    void should_purge_every_record_when_purging_all() {
        // given
        Fingerprint a = fingerprint("all-a");
        Fingerprint b = fingerprint("all-b");
        Fingerprint c = fingerprint("all-c");
        store.complete(a, acquire(a, "o", LONG), REPLY, LONG);
        store.fail(b, acquire(b, "o", LONG), "rejected", LONG);
        long lastToken = acquire(c, "o", LONG);

        // when
        long purged = store.purgeAll();

        // then
        assertThat(purged).isEqualTo(3);
        assertThat(store.get(a)).isEmpty();
        assertThat(store.get(b)).isEmpty();
        assertThat(store.get(c)).isEmpty();
        assertThat(store.stats().total()).isZero();
        // fencing tokens keep increasing after a purge, so a holder from before it can never win
        assertThat(acquire(a, "o", LONG)).isGreaterThan(lastToken);
    }

    @Test
    void should_return_nothing_when_the_fingerprint_is_unknown() {
        assertThat(store.get(fingerprint("unknown"))).isEmpty();
    }

    @Test
    void should_count_records_by_state() throws Exception {
        // given
        for (int i = 0; i < 3; i++) {
            Fingerprint fp = fingerprint("stats-completed-" + i);
            store.complete(fp, acquire(fp, "o", LONG), REPLY, LONG);
        }
        for (int i = 0; i < 2; i++) {
            Fingerprint fp = fingerprint("stats-failed-" + i);
            store.fail(fp, acquire(fp, "o", LONG), "rejected", LONG);
        }
        acquire(fingerprint("stats-in-progress"), "o", LONG);
        Fingerprint released = fingerprint("stats-released");
        store.release(released, acquire(released, "o", LONG));

        // when
        StoreStats stats = store.stats();

        // then
        assertThat(stats.completed()).isEqualTo(3);
        assertThat(stats.failed()).isEqualTo(2);
        assertThat(stats.inProgress()).isEqualTo(1);
        assertThat(stats.total()).isEqualTo(6);
        assertThat(stats.expired()).isZero();
        assertThat(stats.lastRun()).isEmpty();
    }

    @Test
    void should_count_expired_records_when_their_ttl_ran_out() throws Exception {
        // given
        Fingerprint shortLived = fingerprint("stats-short");
        Fingerprint longLived = fingerprint("stats-long");
        store.complete(shortLived, acquire(shortLived, "o", LONG), REPLY, shortLease());
        store.complete(longLived, acquire(longLived, "o", LONG), REPLY, LONG);

        // when
        elapse(pastShortLease());
        StoreStats stats = store.stats();

        // then
        if (clockControlsExpiry()) {
            assertThat(stats.expired()).isEqualTo(1);
            assertThat(stats.completed()).isEqualTo(2);
        } else {
            // a server that keeps time itself drops expired records on its own
            assertThat(stats.completed() + stats.expired()).isBetween(1L, 2L);
            assertThat(stats.completed() - stats.expired()).isEqualTo(1);
        }
    }

    @Test
    void should_remember_the_last_run() {
        // given
        store.recordRun(3, 5);

        // when
        store.recordRun(7, 21);
        StoreStats stats = store.stats();

        // then
        assertThat(stats.lastRun()).contains(new StoreStats.LastRun(7, 21));
        assertThat(stats.lastRun().orElseThrow().hitRate()).isEqualTo(0.75);
    }

    @Test
    void should_issue_increasing_fencing_tokens() {
        // given
        List<Long> tokens = new ArrayList<>();

        // when
        for (int i = 0; i < 5; i++) {
            tokens.add(acquire(fingerprint("tokens-" + i), "o", LONG));
        }

        // then
        assertThat(tokens).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void should_describe_itself() {
        assertThat(store.describe()).isNotBlank();
    }

    @Test
    void should_hand_the_call_to_exactly_one_thread_when_many_race_for_it() throws Exception {
        // given
        int threads = 16;
        Fingerprint fp = fingerprint("race-one");
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Claim>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String owner = "thread-" + i;
                claims.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return store.claim(fp, owner, LONG);
                }));
            }
            ready.await(10, TimeUnit.SECONDS);

            // when
            start.countDown();
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                results.add(claim.get(30, TimeUnit.SECONDS));
            }

            // then
            assertThat(results).filteredOn(Claim.Acquired.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(Claim.Busy.class::isInstance).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_acquire_every_key_exactly_once_when_threads_race_over_many_keys() throws Exception {
        // given
        int threads = 8;
        int keys = 200;
        List<Fingerprint> fingerprints = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            fingerprints.add(fingerprint("race-many-" + k));
        }
        Map<Fingerprint, AtomicInteger> acquired = new ConcurrentHashMap<>();
        Map<Long, Boolean> tokens = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Void>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                List<Fingerprint> order = new ArrayList<>(fingerprints);
                Collections.shuffle(order, new Random(t));
                String owner = "thread-" + t;
                Callable<Void> work = () -> {
                    start.await();
                    for (Fingerprint fp : order) {
                        if (store.claim(fp, owner, LONG) instanceof Claim.Acquired a) {
                            acquired.computeIfAbsent(fp, k -> new AtomicInteger()).incrementAndGet();
                            tokens.put(a.fencingToken(), true);
                        }
                    }
                    return null;
                };
                done.add(pool.submit(work));
            }

            // when
            start.countDown();
            for (Future<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }

            // then
            assertThat(acquired).hasSize(keys);
            assertThat(acquired.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(tokens).hasSize(keys);
            assertThat(store.stats().inProgress()).isEqualTo(keys);
        } finally {
            pool.shutdownNow();
        }
    }
}
