package dev.idem.application;

import dev.idem.domain.evaluation.BuiltinJudgeSpec;
import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.evaluation.EvaluatorSpec;
import dev.idem.domain.evaluation.ExpectedCheck;
import dev.idem.domain.evaluation.LlmJudgeSpec;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.RenderedPrompt;
import dev.idem.domain.template.TemplateRenderer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every test row (times {@code repeat}) through the model and the evaluators that apply to it, with
 * {@code concurrency} cases in flight. Each model call is idempotent, so a rerun after a crash replays what
 * finished. A provider failure on one case is that case's error; the others go on.
 */
public final class EvaluateSpecService implements EvaluateSpecUseCase {

    private static final String BUILTIN = "builtin";

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
        List<CaseResult> results = runAll(work, spec, gateway, command, built);
        EvaluationSummary summary = summarise(results, executor.calls() - callsBefore,
                executor.replays() - replaysBefore, Duration.between(start, clock.instant()));
        String model = command.choice().model().orElse(spec.model());
        return new EvaluationResult(spec.name(), spec.description(), spec.source().name(), gateway.providerId(),
                model, gateway.answerKind(), results, summary);
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

    private List<CaseResult> runAll(List<Work> work, PromptSpec spec, ModelGateway gateway,
                                    EvaluateSpecCommand command, Map<EvaluatorSpec, Evaluator> built) {
        command.progress().started(work.size());
        if (work.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(command.concurrency(), work.size());
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "idem-eval-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CaseResult>> futures = new ArrayList<>(work.size());
            // Callers such as a progress bar need not be thread-safe: they are told one case at a time.
            Object progressLock = new Object();
            FirstFailuresBreaker breaker = new FirstFailuresBreaker();
            for (Work w : work) {
                futures.add(pool.submit(() -> {
                    CaseResult r = runOne(w, spec, gateway, command, built, breaker);
                    synchronized (progressLock) {
                        command.progress().caseFinished(r);
                    }
                    return r;
                }));
            }
            List<CaseResult> results = new ArrayList<>(work.size());
            for (Future<CaseResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                // an out-of-memory or stack overflow in a case is what it is, not an IllegalStateException
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private CaseResult runOne(Work w, PromptSpec spec, ModelGateway gateway, EvaluateSpecCommand command,
                              Map<EvaluatorSpec, Evaluator> built, FirstFailuresBreaker breaker) {
        TestCase row = w.row();
        RenderedPrompt prompt;
        try {
            prompt = TemplateRenderer.render(spec, row.variables());
        } catch (InvalidInputException e) {
            return error(w, e.getMessage(), List.of(), 0);
        }
        List<Map.Entry<String, String>> sent = new ArrayList<>();
        for (Message m : prompt.messages()) {
            sent.add(new AbstractMap.SimpleImmutableEntry<>(m.role().wireName(), m.content()));
        }
        ModelRequest request = RunPromptService.requestFor(spec, prompt, command.choice());
        Optional<String> open = breaker.openBecause();
        if (open.isPresent()) {
            return error(w, "not sent: the provider failed the first " + FirstFailuresBreaker.TRIP_AFTER
                    + " cases in a row, so the rest were not tried (" + open.get() + ")", sent, 0);
        }
        Execution execution;
        try {
            execution = executor.execute(gateway, request, w.sample(), command.options());
        } catch (ExecutionFailedException e) {
            breaker.failed(e.getMessage());
            return error(w, e.getMessage(), sent, e.attempts());
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
            return new CaseResult(row, w.sample(), CaseStatus.ERROR, output, Optional.of(e.getMessage()), outcomes,
                    latency, usage, execution.attempts(), execution.replayed(), sent,
                    execution.completion().finishReason());
        }
        if (ExpectedCheck.applies(row, applicable)) {
            Evaluator expected = ExpectedCheck.evaluator();
            outcomes.add(new EvaluatorOutcome(expected.name(), "expected", expected.evaluate(output, row)));
        }
        boolean passed = outcomes.stream().map(EvaluatorOutcome::verdict).allMatch(Verdict::passed);
        return new CaseResult(row, w.sample(), passed ? CaseStatus.PASSED : CaseStatus.FAILED, output,
                Optional.empty(), outcomes, latency, usage, execution.attempts(), execution.replayed(), sent,
                execution.completion().finishReason());
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
