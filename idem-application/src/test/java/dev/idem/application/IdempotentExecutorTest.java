package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.EndpointIdentity;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.execution.RetryPolicy;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelAttempt;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.RequestRejectedException;
import dev.idem.testkit.FailingExecutionStore;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.ScriptedModelGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IdempotentExecutorTest {

    private final MutableClock time = MutableClock.atDefaultStart();
    private final InMemoryExecutionStore store = new InMemoryExecutionStore(time);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final Sleeper fakeSleep = d -> {
        sleeps.add(d);
        time.advance(d);
    };
    private final ExecutionOptions options = ExecutionOptions.defaults().withRetryPolicy(
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10),
                    Duration.ofMinutes(1)));
    private IdempotentExecutor executor = new IdempotentExecutor(store, time, RandomSource.seeded(7), fakeSleep,
            "test-owner", Duration.ofSeconds(15));

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private static ModelRequest request(String text) {
        return ModelRequest.of("gpt-4o", List.of(new Message(Role.USER, text)));
    }

    @Test
    void should_call_once_and_replay_when_the_same_request_runs_twice() {
        // given
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        // when
        Execution first = executor.execute(gateway, request("hello"), 0, options);
        Execution second = executor.execute(gateway, request("hello"), 0, options);
        // then
        assertThat(gateway.calls()).isEqualTo(1);
        assertThat(first.replayed()).isFalse();
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(second.replayed()).isTrue();
        assertThat(second.attempts()).isZero();
        assertThat(second.completion()).isEqualTo(first.completion());
        assertThat(executor.calls()).isEqualTo(1);
        assertThat(executor.replays()).isEqualTo(1);
    }

    @Test
    void should_call_the_other_endpoint_instead_of_replaying_the_first_ones_reply() {
        // given
        ScriptedModelGateway first = new ScriptedModelGateway("openai").replying(r -> "server A")
                .at(EndpointIdentity.NONE.withUrl("baseUrl", "http://a.example/v1"));
        ScriptedModelGateway second = new ScriptedModelGateway("openai").replying(r -> "server B")
                .at(EndpointIdentity.NONE.withUrl("baseUrl", "http://b.example/v1"));
        ScriptedModelGateway firstAgain = new ScriptedModelGateway("openai").replying(r -> "server A again")
                .at(EndpointIdentity.NONE.withUrl("baseUrl", "HTTP://A.example:80/v1/"));
        executor.execute(first, request("hello"), 0, options);
        // when
        Execution fromSecond = executor.execute(second, request("hello"), 0, options);
        Execution fromFirstAgain = executor.execute(firstAgain, request("hello"), 0, options);
        // then
        assertThat(second.calls()).isEqualTo(1);
        assertThat(fromSecond.replayed()).isFalse();
        assertThat(fromSecond.completion().text()).isEqualTo("server B");
        assertThat(firstAgain.calls()).isZero();
        assertThat(fromFirstAgain.replayed()).isTrue();
        assertThat(fromFirstAgain.completion().text()).isEqualTo("server A");
    }

    @Test
    void should_call_again_when_the_sample_index_differs() {
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        executor.execute(gateway, request("hello"), 0, options);
        executor.execute(gateway, request("hello"), 1, options);
        assertThat(gateway.calls()).isEqualTo(2);
    }

    @Test
    void should_make_one_model_call_when_eight_threads_ask_the_same_at_once() throws Exception {
        // given a slow provider and a real clock, so the calls overlap
        executor = new IdempotentExecutor(store, Clock.systemUTC(), RandomSource.seeded(1), Sleeper.system(),
                "test-owner", Duration.ofSeconds(15));
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai").taking(Duration.ofMillis(200));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Execution>> results = new ArrayList<>();
        // when
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return executor.execute(gateway, request("same"), 0, options);
            }));
        }
        start.countDown();
        List<Execution> executions = new ArrayList<>();
        for (Future<Execution> f : results) {
            executions.add(f.get());
        }
        pool.shutdown();
        // then
        assertThat(gateway.calls()).isEqualTo(1);
        assertThat(executions).extracting(e -> e.completion().text()).containsOnly("reply to same");
        assertThat(executions).filteredOn(e -> !e.replayed()).hasSize(1);
    }

    @Test
    void should_retry_retryable_failures_and_honour_retry_after() {
        // given
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai").failingWith(
                new ProviderUnavailableException("openai", "500", null),
                new RateLimitedException("openai", Optional.of(Duration.ofSeconds(3)), "429", null));
        // when
        Execution execution = executor.execute(gateway, request("flaky"), 0, options);
        // then
        assertThat(execution.attempts()).isEqualTo(3);
        assertThat(gateway.calls()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(executor.execute(gateway, request("flaky"), 0, options).replayed()).isTrue();
    }

    @Test
    void should_tell_the_request_log_of_every_attempt_and_nothing_of_a_replay() {
        // given a gateway that fails twice, then answers, each attempt taking 250 ms
        ScriptedModelGateway scripted = new ScriptedModelGateway("openai")
                .at(new EndpointIdentity(java.util.Map.of("baseUrl", "http://127.0.0.1:9/v1")))
                .failingWith(new ProviderUnavailableException("openai", "500", null),
                        new RateLimitedException("openai", Optional.of(Duration.ofSeconds(3)), "429", null));
        dev.idem.port.out.ModelGateway gateway = new dev.idem.port.out.ModelGateway() {
            @Override
            public String providerId() {
                return scripted.providerId();
            }

            @Override
            public EndpointIdentity endpoint() {
                return scripted.endpoint();
            }

            @Override
            public dev.idem.domain.execution.Completion complete(ModelRequest request) {
                time.advance(Duration.ofMillis(250));
                return scripted.complete(request);
            }
        };
        List<ModelAttempt> log = new CopyOnWriteArrayList<>();
        executor.close();
        executor = new IdempotentExecutor(store, time, RandomSource.seeded(7), fakeSleep, "test-owner",
                Duration.ofSeconds(15), Vocabulary.commandLine(), log::add);

        // when
        executor.execute(gateway, request("logged"), 0, options);
        executor.execute(gateway, request("logged"), 0, options);

        // then
        assertThat(log).hasSize(3);
        assertThat(log).allSatisfy(a -> {
            assertThat(a.provider()).isEqualTo("openai");
            assertThat(a.endpoint().toString()).isEqualTo("baseUrl=http://127.0.0.1:9/v1");
            assertThat(a.model()).isEqualTo("gpt-4o");
            assertThat(a.took()).isEqualTo(Duration.ofMillis(250));
        });
        assertThat(log).extracting(ModelAttempt::number).containsExactly(1, 2, 3);
        assertThat(log.get(0).failure()).hasValueSatisfying(f -> assertThat(f).contains("500"));
        assertThat(log.get(0).retryIn()).isPresent();
        assertThat(log.get(1).failure()).hasValueSatisfying(f -> assertThat(f).contains("429"));
        assertThat(log.get(1).retryIn()).contains(Duration.ofSeconds(3));
        assertThat(log.get(2).failure()).isEmpty();
        assertThat(log.get(2).retryIn()).isEmpty();
        assertThat(log.get(2).answeredBy()).isEqualTo("gpt-4o");
    }

    @Test
    void should_tell_the_request_log_of_a_failure_that_ends_the_call() {
        // given
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai")
                .failingWith(new AuthenticationFailedException("openai", "bad key", null));
        List<ModelAttempt> log = new CopyOnWriteArrayList<>();
        executor.close();
        executor = new IdempotentExecutor(store, time, RandomSource.seeded(7), fakeSleep, "test-owner",
                Duration.ofSeconds(15), Vocabulary.commandLine(), log::add);

        // when
        assertThatThrownBy(() -> executor.execute(gateway, request("refused"), 0, options))
                .isInstanceOf(ExecutionFailedException.class);

        // then
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.failure()).hasValueSatisfying(f -> assertThat(f).contains("bad key"));
            assertThat(a.retryIn()).isEmpty();
        });
    }

    @Test
    void should_never_retry_an_authentication_failure_and_leave_the_call_free() {
        // given
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai")
                .failingWith(new AuthenticationFailedException("openai", "bad key", null));
        // when / then
        assertThatThrownBy(() -> executor.execute(gateway, request("x"), 0, options))
                .isInstanceOf(ExecutionFailedException.class)
                .satisfies(e -> assertThat(((ExecutionFailedException) e).attempts()).isEqualTo(1));
        assertThat(gateway.calls()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        // once the key is fixed, the same request runs
        assertThat(executor.execute(gateway, request("x"), 0, options).replayed()).isFalse();
    }

    @Test
    void should_give_up_after_the_maximum_attempts_and_release_the_claim() {
        // given
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        for (int i = 0; i < 4; i++) {
            gateway.failingWith(new ProviderUnavailableException("openai", "503", null));
        }
        // when / then
        assertThatThrownBy(() -> executor.execute(gateway, request("down"), 0, options))
                .isInstanceOf(ExecutionFailedException.class).hasMessageContaining("after 4 attempts");
        assertThat(gateway.calls()).isEqualTo(4);
        Fingerprint fp = Fingerprint.of("openai", request("down"), 0);
        assertThat(store.get(fp)).isEmpty();
    }

    @Test
    void should_stop_retrying_when_the_deadline_would_pass() {
        ExecutionOptions tight = options.withRetryPolicy(new RetryPolicy(10, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5)));
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai").failingWith(
                new RateLimitedException("openai", Optional.of(Duration.ofSeconds(30)), "429", null));
        assertThatThrownBy(() -> executor.execute(gateway, request("slow"), 0, tight))
                .isInstanceOf(ExecutionFailedException.class);
        assertThat(gateway.calls()).isEqualTo(1);
    }

    @Test
    void should_remember_a_rejected_request_and_not_pay_for_it_again() {
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai")
                .failingWith(new RequestRejectedException("openai", "max_tokens too large", null));
        Instant rejected = time.instant();
        assertThatThrownBy(() -> executor.execute(gateway, request("bad"), 0, options))
                .isInstanceOf(ExecutionFailedException.class);
        assertThatThrownBy(() -> executor.execute(gateway, request("bad"), 0, options))
                .isInstanceOf(ExecutionFailedException.class).hasMessageContaining("failed moments ago")
                .hasMessageContaining("remembered until " + rejected.plus(Duration.ofMinutes(10)));
        assertThat(gateway.calls()).isEqualTo(1);
    }

    @Test
    void should_call_again_when_a_rejection_is_older_than_the_failure_ttl() {
        // given a request the provider rejected, remembered for the default failure TTL of ten minutes
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai")
                .failingWith(new RequestRejectedException("openai", "400 context length exceeded", null));
        assertThatThrownBy(() -> executor.execute(gateway, request("long"), 0, options))
                .isInstanceOf(ExecutionFailedException.class);
        // when the provider changed its mind (a larger context window) and eleven minutes have passed
        time.advance(Duration.ofMinutes(11));
        Execution later = executor.execute(gateway, request("long"), 0, options);
        // then the call is made again, and its reply is kept for the cache TTL
        assertThat(later.replayed()).isFalse();
        assertThat(later.completion().text()).isEqualTo("reply to long");
        assertThat(gateway.calls()).isEqualTo(2);
        time.advance(Duration.ofDays(13));
        assertThat(executor.execute(gateway, request("long"), 0, options).replayed()).isTrue();
    }

    @Test
    void should_replace_a_remembered_rejection_with_the_reply_of_a_successful_no_cache_call() {
        // given a remembered rejection
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai")
                .failingWith(new RequestRejectedException("openai", "400 flagged by a moderation rule", null));
        assertThatThrownBy(() -> executor.execute(gateway, request("fixed"), 0, options))
                .isInstanceOf(ExecutionFailedException.class);
        // when --no-cache makes the call anyway, and it succeeds
        Execution fresh = executor.execute(gateway, request("fixed"), 0, options.withCache(false));
        Execution next = executor.execute(gateway, request("fixed"), 0, options);
        // then later runs replay the fresh reply instead of the rejection
        assertThat(fresh.replayed()).isFalse();
        assertThat(next.replayed()).isTrue();
        assertThat(next.completion()).isEqualTo(fresh.completion());
        assertThat(gateway.calls()).isEqualTo(2);
    }

    @Test
    void should_replace_a_stored_reply_with_the_reply_of_a_no_cache_call() {
        // given a stored reply
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai").replying(r -> "reply " + n.incrementAndGet());
        executor.execute(gateway, request("refresh"), 0, options);
        // when
        Execution fresh = executor.execute(gateway, request("refresh"), 0, options.withCache(false));
        // then
        assertThat(fresh.completion().text()).isEqualTo("reply 2");
        assertThat(executor.execute(gateway, request("refresh"), 0, options).completion().text()).isEqualTo("reply 2");
        assertThat(gateway.calls()).isEqualTo(2);
    }

    @Test
    void should_remember_no_rejection_when_the_failure_ttl_is_zero() {
        // given
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai")
                .failingWith(new RequestRejectedException("openai", "400", null));
        ExecutionOptions forgetful = options.withFailureTtl(Duration.ZERO);
        assertThatThrownBy(() -> executor.execute(gateway, request("once"), 0, forgetful))
                .isInstanceOf(ExecutionFailedException.class);
        // when / then
        assertThat(store.get(Fingerprint.of("openai", request("once"), 0))).isEmpty();
        assertThat(executor.execute(gateway, request("once"), 0, forgetful).replayed()).isFalse();
    }

    @Test
    void should_answer_at_once_without_waiting_when_another_run_holds_the_call() {
        // given
        ModelRequest req = request("held");
        store.claim(Fingerprint.of("openai", req, 0), "other-run", Duration.ofSeconds(15));
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        // when
        Optional<Execution> execution = executor.executeUnlessBusy(gateway, req, 0, options, time.instant());
        // then
        assertThat(execution).isEmpty();
        assertThat(gateway.calls()).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_give_up_on_a_held_call_after_the_retry_deadline_and_two_leases() {
        // given a call held by another run, and a caller that has waited longer than 1 min + 2 x 15 s for it
        ModelRequest req = request("held-too-long");
        Fingerprint fp = Fingerprint.of("openai", req, 0);
        store.claim(fp, "other-run", Duration.ofMinutes(5));
        Instant since = time.instant().minus(Duration.ofSeconds(91));
        // when / then
        assertThatThrownBy(() -> executor.executeUnlessBusy(new ScriptedModelGateway("openai"), req, 0, options, since))
                .isInstanceOf(ExecutionFailedException.class).hasMessageContaining("did not finish in 91 s");
    }

    @Test
    void should_give_back_the_claims_of_calls_in_flight_when_closed() throws Exception {
        // given a call in flight on another thread
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai").replying(r -> {
            inCall.countDown();
            await(answer);
            return "late";
        });
        IdempotentExecutor running = new IdempotentExecutor(store, Clock.systemUTC(), RandomSource.seeded(1),
                Sleeper.system(), "me", Duration.ofSeconds(15));
        Fingerprint fp = Fingerprint.of("openai", request("slow"), 0);
        Thread caller = new Thread(() -> running.execute(gateway, request("slow"), 0, options));
        caller.start();
        inCall.await();
        assertThat(store.get(fp)).hasValueSatisfying(r -> assertThat(r.owner()).isEqualTo("me"));
        // when the run is stopped
        running.close();
        // then the claim is gone at once, and the late reply is not stored
        assertThat(store.get(fp)).isEmpty();
        answer.countDown();
        caller.join();
        assertThat(store.get(fp)).isEmpty();
    }

    @Test
    void should_make_no_model_call_once_closed() {
        // given
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        executor.close();
        // when / then
        assertThatThrownBy(() -> executor.execute(gateway, request("after"), 0, options))
                .isInstanceOf(IllegalStateException.class);
        assertThat(gateway.calls()).isZero();
        assertThat(store.get(Fingerprint.of("openai", request("after"), 0))).isEmpty();
    }

    @Test
    void should_return_the_paid_reply_when_the_store_fails_as_it_is_stored() {
        // given a store that fails when the reply is written
        FailingExecutionStore failing = new FailingExecutionStore(store).failing(FailingExecutionStore.Operation.COMPLETE);
        IdempotentExecutor onFailing = new IdempotentExecutor(failing, time, RandomSource.seeded(7), fakeSleep,
                "test-owner", Duration.ofSeconds(15));
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        // when
        Execution execution = onFailing.execute(gateway, request("paid"), 0, options);
        // then the reply is the answer all the same, and the claim is given back when the run ends
        assertThat(execution.completion().text()).isEqualTo("reply to paid");
        assertThat(gateway.calls()).isEqualTo(1);
        onFailing.close();
        assertThat(store.get(Fingerprint.of("openai", request("paid"), 0))).isEmpty();
    }

    @Test
    @Timeout(20)
    void should_close_within_moments_when_the_store_hangs() throws Exception {
        // given a call in flight, and a store that keeps every release and the statistics waiting
        FailingExecutionStore hanging = new FailingExecutionStore(store)
                .hanging(FailingExecutionStore.Operation.RELEASE, FailingExecutionStore.Operation.RECORD_RUN);
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai").replying(r -> {
            inCall.countDown();
            await(answer);
            return "late";
        });
        IdempotentExecutor running = new IdempotentExecutor(hanging, Clock.systemUTC(), RandomSource.seeded(1),
                Sleeper.system(), "me", Duration.ofSeconds(15));
        Thread caller = new Thread(() -> running.execute(gateway, request("stuck"), 0, options));
        caller.setDaemon(true);
        caller.start();
        inCall.await();
        try {
            // when
            long start = System.nanoTime();
            running.close();
            // then it gives up on the release after a moment, rather than hang the end of the run
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            hanging.recover();
            answer.countDown();
        }
    }

    @Test
    @Timeout(20)
    void should_skip_the_statistics_at_close_when_the_store_failed_during_the_run() {
        // given a run whose store went away, and whose statistics would wait on it
        FailingExecutionStore failing = new FailingExecutionStore(store).downAfterClaims(1)
                .hanging(FailingExecutionStore.Operation.RECORD_RUN);
        IdempotentExecutor onFailing = new IdempotentExecutor(failing, time, RandomSource.seeded(7), fakeSleep,
                "test-owner", Duration.ofSeconds(15));
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        onFailing.execute(gateway, request("first"), 0, options);
        assertThatThrownBy(() -> onFailing.execute(gateway, request("second"), 0, options))
                .isInstanceOf(dev.idem.port.out.StoreUnavailableException.class);
        try {
            // when / then: close returns (the timeout fails the test if it hangs)
            onFailing.close();
        } finally {
            failing.recover();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void should_call_the_model_every_time_when_the_cache_is_off() {
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        executor.execute(gateway, request("hello"), 0, options);
        Execution again = executor.execute(gateway, request("hello"), 0, options.withCache(false));
        assertThat(again.replayed()).isFalse();
        assertThat(gateway.calls()).isEqualTo(2);
    }

    @Test
    void should_wait_for_another_process_holding_the_call_and_replay_its_reply() throws Exception {
        // given another owner holds the claim
        ModelRequest req = request("shared");
        Fingerprint fp = Fingerprint.of("openai", req, 0);
        Claim.Acquired other = (Claim.Acquired) store.claim(fp, "other-process", Duration.ofSeconds(15));
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        IdempotentExecutor waiting = new IdempotentExecutor(store, Clock.systemUTC(), RandomSource.seeded(1),
                Sleeper.system(), "me", Duration.ofSeconds(15));
        // when it completes while we wait
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.complete(fp, other.fencingToken(), new dev.idem.domain.execution.Completion("theirs", "gpt-4o",
                    null, null, "stop"), Duration.ofDays(1));
        });
        finisher.start();
        Execution execution = waiting.execute(gateway, req, 0, options);
        finisher.join();
        waiting.close();
        // then
        assertThat(execution.replayed()).isTrue();
        assertThat(execution.completion().text()).isEqualTo("theirs");
        assertThat(gateway.calls()).isZero();
    }

    @Test
    void should_take_over_a_call_whose_holder_died() {
        // given a claim by a process that was killed (no heartbeat, lease runs out)
        ModelRequest req = request("orphan");
        Fingerprint fp = Fingerprint.of("openai", req, 0);
        store.claim(fp, "killed-process", Duration.ofSeconds(15));
        Instant claimed = time.instant();
        ScriptedModelGateway gateway = new ScriptedModelGateway("openai");
        // when (the fake sleeper moves the clock while we poll)
        Execution execution = executor.execute(gateway, req, 0, options);
        // then
        assertThat(execution.replayed()).isFalse();
        assertThat(gateway.calls()).isEqualTo(1);
        assertThat(Duration.between(claimed, time.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    }
}
