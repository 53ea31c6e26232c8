package dev.idem.application;

import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.evaluation.ExpectedCheck;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.RenderedPrompt;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import dev.idem.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every test row (times {@code repeat}) through the model and the evaluators that apply to it, with
 * {@code concurrency} cases in flight. Each model call is idempotent, so a rerun after a crash replays what
 * finished; a case whose call another run still holds waits at the back while the free cases run. A provider
 * failure on one case is that case's error; the others go on. A store that fails for good, or a cancellation,
 * stops the evaluation cleanly: what finished is kept, the rest are errors, and the result says why.
 */
public final class EvaluateSpecService implements EvaluateSpecUseCase {

    private static final String BUILTIN = "builtin";
    /** After a cancellation, how long cases in flight may take to finish (and be stored) before they are cut. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(2);
    /** The longest an idle worker waits before it looks at the queue (and at a cancellation) again. */
    private static final Duration IDLE_LOOK = Duration.ofMillis(100);

    private final SpecResolver specs;
    private final ModelGateways gateways;
    private final IdempotentExecutor executor;
    private final EvaluatorFactory evaluators;
    private final Clock clock;

    public EvaluateSpecService(SpecResolver specs, ModelGateways gateways, IdempotentExecutor executor,
                               EvaluatorFactory evaluators, Clock clock) {
        this.specs = Objects.requireNonNull(specs, "specs");
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.evaluators = Objects.requireNonNull(evaluators, "evaluators");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public EvaluationResult evaluate(EvaluateSpecCommand command) {
        Instant start = clock.instant();
        long callsBefore = executor.calls();
        long replaysBefore = executor.replays();
        // Making a provider's client (its HTTP stack) takes about as long as reading a large spec; on a cold JVM
        // doing both at once shortens the start of every evaluation. The spec's errors still come first. A thread
        // of its own (not the common pool) inherits the caller's context class loader, which providers may use.
        CompletableFuture<ModelGateway> pendingGateway = CompletableFuture.supplyAsync(
                () -> gateways.gateway(command.choice().provider()), task -> {
                    Thread t = new Thread(task, "idem-gateway");
                    t.setDaemon(true);
                    t.start();
                });
        LoadedSpec loaded = specs.resolve(command.spec());
        PromptSpec spec = loaded.spec();
        ModelGateway gateway = joinGateway(pendingGateway);
        // A judge is only made (and its provider only has to be configured) when an evaluator needs one.
        boolean needsJudge = Stream.concat(spec.evaluators().stream(),
                        spec.testData().stream().flatMap(row -> row.evaluators().stream()))
                .anyMatch(e -> e instanceof LlmJudgeSpec || e instanceof BuiltinJudgeSpec);
        Optional<EvaluatorFactory.Judge> judge = needsJudge ? judgeFor(command, spec) : Optional.empty();
        Map<EvaluatorSpec, Evaluator> built = new LinkedHashMap<>();
        for (EvaluatorSpec e : spec.evaluators()) {
            built.put(e, evaluators.create(e, judge, executor, command.options()));
        }
        for (TestCase row : spec.testData()) {
            for (EvaluatorSpec e : row.evaluators()) {
                built.computeIfAbsent(e, k -> evaluators.create(k, judge, executor, command.options()));
            }
        }
        List<Work> work = plan(spec, command);
        CaseRun run = new CaseRun(work, spec, gateway, command, built);
        List<CaseResult> results = run.all();
        EvaluationSummary summary = summarise(results, executor.calls() - callsBefore,
                executor.replays() - replaysBefore, Duration.between(start, clock.instant()));
        String model = command.choice().model().orElse(spec.model());
        return new EvaluationResult(spec.name(), spec.description(), spec.source().name(), gateway.providerId(),
                model, gateway.answerKind(), results, summary, run.stop());
    }

    private static ModelGateway joinGateway(CompletableFuture<ModelGateway> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private Optional<EvaluatorFactory.Judge> judgeFor(EvaluateSpecCommand command, PromptSpec spec) {
        // The built-in architect answers the flagship spec only, so it never judges: not by default, not when a
        // judge model is named without a provider (which takes the evaluation's), not when asked by name. Without
        // a judge, a judged evaluator is a usage error naming --judge-provider, before any call is made.
        Optional<ModelChoice> choice = command.judge().or(() -> Optional.of(command.choice()))
                .filter(c -> !BUILTIN.equals(c.provider()));
        return choice.map(c -> new EvaluatorFactory.Judge(gateways.gateway(c.provider()),
                c.model().orElse(spec.model()), c.model().isEmpty()));
    }

    private static List<Work> plan(PromptSpec spec, EvaluateSpecCommand command) {
        List<Work> all = new ArrayList<>();
        int position = 0;
        for (TestCase row : spec.testData()) {
            if (command.filter().isPresent() && !matches(command.filter().get(), row)) {
                continue;
            }
            for (int sample = 0; sample < command.repeat(); sample++) {
                if (command.shard().isEmpty() || command.shard().get().owns(position)) {
                    all.add(new Work(row, sample));
                }
                position++;
            }
        }
        return all;
    }

    private static boolean matches(Pattern filter, TestCase row) {
        if (filter.matcher(row.label()).find()) {
            return true;
        }
        return row.variables().values().stream().anyMatch(v -> filter.matcher(v).find());
    }

    /**
     * One evaluation's cases on {@code concurrency} worker threads that take them from a {@link CaseQueue}. The
     * calling thread waits for the workers, watching the cancellation; once cancelled, workers start no case and
     * those in flight get {@link #CANCEL_GRACE} to finish.
     */
    private final class CaseRun {
        private final List<Work> work;
        private final PromptSpec spec;
        private final ModelGateway gateway;
        private final EvaluateSpecCommand command;
        private final Map<EvaluatorSpec, Evaluator> built;
        private final CaseQueue<Work> queue;
        private final AtomicReferenceArray<CaseResult> results;
        private final Set<Integer> running = ConcurrentHashMap.newKeySet();
        private final FirstFailuresBreaker breaker = new FirstFailuresBreaker();
        private final AtomicReference<EvaluationResult.Stop> stop = new AtomicReference<>();
        private final AtomicReference<Throwable> crash = new AtomicReference<>();
        // Callers such as a progress bar need not be thread-safe: they are told one case at a time, and never
        // after the evaluation has returned.
        private final Object progressLock = new Object();
        private boolean reported;
        private int notRun;

        CaseRun(List<Work> work, PromptSpec spec, ModelGateway gateway, EvaluateSpecCommand command,
                Map<EvaluatorSpec, Evaluator> built) {
            this.work = work;
            this.spec = spec;
            this.gateway = gateway;
            this.command = command;
            this.built = built;
            this.queue = new CaseQueue<>(work);
            this.results = new AtomicReferenceArray<>(work.size());
        }

        List<CaseResult> all() {
            command.progress().started(work.size());
            int threads = Math.min(command.concurrency(), work.size());
            CountDownLatch workersDone = new CountDownLatch(threads);
            for (int i = 1; i <= threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        work();
                    } finally {
                        workersDone.countDown();
                    }
                }, "idem-eval-" + i);
                t.setDaemon(true);
                t.start();
            }
            awaitWorkers(workersDone);
            synchronized (progressLock) {
                reported = true;
            }
            Throwable failure = crash.get();
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return collect();
        }

        /** Why the run stopped early, if it did, with the number of cases {@link #all} found without a result. */
        Optional<EvaluationResult.Stop> stop() {
            return Optional.ofNullable(stop.get()).map(s -> new EvaluationResult.Stop(s.cause(), s.message(), notRun));
        }

        private void awaitWorkers(CountDownLatch workersDone) {
            try {
                while (!workersDone.await(IDLE_LOOK.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (command.cancellation().isCancelled()) {
                        stopBecause(EvaluationResult.Cause.CANCELLED, command.cancellation().reason().orElseThrow());
                        // Cases that end within the grace keep their result (and their stored reply); the rest
                        // are cut, and closing the executor gives their claims back.
                        workersDone.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopBecause(EvaluationResult.Cause.CANCELLED, "interrupted");
            }
        }

        private void work() {
            while (stop.get() == null && crash.get() == null) {
                if (command.cancellation().isCancelled()) {
                    stopBecause(EvaluationResult.Cause.CANCELLED, command.cancellation().reason().orElseThrow());
                    return;
                }
                CaseQueue.Next<Work> next = queue.next(clock.instant());
                if (next.allFinished()) {
                    return;
                }
                if (next.pending().isEmpty()) {
                    executor.pause(next.pause().compareTo(IDLE_LOOK) < 0 ? next.pause() : IDLE_LOOK);
                    continue;
                }
                runCase(next.pending().get());
            }
        }

        private void runCase(CaseQueue.Pending<Work> pending) {
            int index = pending.index();
            running.add(index);
            try {
                Optional<CaseResult> result = runOne(pending.work(), pending.waitingSince(clock.instant()), spec,
                        gateway, command, built, breaker);
                if (result.isEmpty()) {
                    queue.busy(pending, clock.instant());
                    return;
                }
                finish(index, result.get());
            } catch (StoreUnavailableException e) {
                stopBecause(EvaluationResult.Cause.STORE_UNAVAILABLE, e.getMessage());
                finish(index, error(pending.work(), "the execution store failed: " + e.getMessage(), List.of(), 0));
            } catch (RuntimeException | Error e) {
                crash.compareAndSet(null, e);
            } finally {
                running.remove(index);
            }
        }

        private void finish(int index, CaseResult result) {
            results.set(index, result);
            queue.finished();
            synchronized (progressLock) {
                if (!reported) {
                    command.progress().caseFinished(result);
                }
            }
        }

        private void stopBecause(EvaluationResult.Cause cause, String message) {
            stop.compareAndSet(null, new EvaluationResult.Stop(cause, message, 0));
        }

        private List<CaseResult> collect() {
            EvaluationResult.Stop s = stop.get();
            List<CaseResult> all = new ArrayList<>(work.size());
            for (int i = 0; i < work.size(); i++) {
                CaseResult r = results.get(i);
                if (r == null) {
                    notRun++;
                    String why = s == null ? "not run" : s.message();
                    r = error(work.get(i), running.contains(i)
                            ? "stopped before its reply arrived: " + why + " (its claim was given back)"
                            : "not run: " + why, List.of(), 0);
                }
                all.add(r);
            }
            return all;
        }
    }

    /** The case's result, or empty when another run holds its call (ask again later). */
    private Optional<CaseResult> runOne(Work w, Instant waitingSince, PromptSpec spec, ModelGateway gateway,
                                        EvaluateSpecCommand command, Map<EvaluatorSpec, Evaluator> built,
                                        FirstFailuresBreaker breaker) {
        TestCase row = w.row();
        RenderedPrompt prompt;
        try {
            prompt = PromptRenderer.render(spec, row.variables());
        } catch (InvalidInputException e) {
            return Optional.of(error(w, e.getMessage(), List.of(), 0));
        }
        List<Map.Entry<String, String>> sent = new ArrayList<>();
        for (Message m : prompt.messages()) {
            sent.add(new AbstractMap.SimpleImmutableEntry<>(m.role().wireName(), m.content()));
        }
        ModelRequest request = RunPromptService.requestFor(spec, prompt, command.choice());
        Optional<String> open = breaker.openBecause();
        if (open.isPresent()) {
            return Optional.of(error(w, "not sent: the provider failed the first " + FirstFailuresBreaker.TRIP_AFTER
                    + " cases in a row, so the rest were not tried (" + open.get() + ")", sent, 0));
        }
        Execution execution;
        try {
            Optional<Execution> done = executor.executeUnlessBusy(gateway, request, w.sample(), command.options(),
                    waitingSince);
            if (done.isEmpty()) {
                return Optional.empty();
            }
            execution = done.get();
        } catch (ExecutionFailedException e) {
            breaker.failed(e.getMessage());
            return Optional.of(error(w, e.getMessage(), sent, e.attempts()));
        }
        breaker.succeeded();
        String output = execution.completion().text();
        // A replayed reply cost nothing this run, so it must not count towards tokens or latency.
        TokenUsage usage = execution.replayed() ? TokenUsage.NONE : execution.completion().usage();
        Duration latency = execution.replayed() ? Duration.ZERO : execution.completion().latency();
        List<EvaluatorSpec> applicable = new ArrayList<>(spec.evaluators());
        applicable.addAll(row.evaluators());
        List<EvaluatorOutcome> outcomes = new ArrayList<>();
        try {
            for (EvaluatorSpec e : applicable) {
                outcomes.add(new EvaluatorOutcome(e.name(), e.kind(), built.get(e).evaluate(output, row)));
            }
        } catch (JudgeEvaluator.JudgeFailedException e) {
            return Optional.of(new CaseResult(row, w.sample(), CaseStatus.ERROR, output, Optional.of(e.getMessage()),
                    outcomes, latency, usage, execution.attempts(), execution.replayed(), sent,
                    execution.completion().finishReason()));
        }
        if (ExpectedCheck.applies(row, applicable)) {
            Evaluator expected = ExpectedCheck.evaluator();
            outcomes.add(new EvaluatorOutcome(expected.name(), "expected", expected.evaluate(output, row)));
        }
        boolean passed = outcomes.stream().map(EvaluatorOutcome::verdict).allMatch(Verdict::passed);
        return Optional.of(new CaseResult(row, w.sample(), passed ? CaseStatus.PASSED : CaseStatus.FAILED, output,
                Optional.empty(), outcomes, latency, usage, execution.attempts(), execution.replayed(), sent,
                    execution.completion().finishReason()));
    }

    private static CaseResult error(Work w, String message, List<Map.Entry<String, String>> sent, int attempts) {
        return new CaseResult(w.row(), w.sample(), CaseStatus.ERROR, "", Optional.of(message), List.of(),
                Duration.ZERO, TokenUsage.NONE, attempts, false, sent);
    }

    private static EvaluationSummary summarise(List<CaseResult> results, long calls, long replays, Duration wall) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        TokenUsage tokens = TokenUsage.NONE;
        for (CaseResult r : results) {
            switch (r.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ERROR -> errors++;
                default -> throw new IllegalStateException("unknown status " + r.status());
            }
            tokens = tokens.plus(r.usage());
        }
        return new EvaluationSummary(results.size(), passed, failed, errors, tokens, calls, replays, wall);
    }

    private record Work(TestCase row, int sample) {
    }

    /**
     * A circuit breaker for a provider that is down or misconfigured: when the first {@value #TRIP_AFTER} cases
     * all fail (after their own retries) and none has succeeded, the remaining cases are not sent, so a run of
     * 1000 cases against a dead server ends in seconds rather than after 1000 rounds of backoff. Once any case
     * succeeds, failures are the provider's flakiness and every case is tried.
     */
    private static final class FirstFailuresBreaker {
        static final int TRIP_AFTER = 8;
        private int failuresInRow;
        private boolean anySuccess;
        private volatile String openBecause;

        synchronized void succeeded() {
            anySuccess = true;
            failuresInRow = 0;
        }

        synchronized void failed(String why) {
            if (!anySuccess && ++failuresInRow >= TRIP_AFTER && openBecause == null) {
                openBecause = why;
            }
        }

        Optional<String> openBecause() {
            return Optional.ofNullable(openBecause);
        }
    }
}
