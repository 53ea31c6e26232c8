package dev.idem.application;

import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.TestCase;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluateSpecUseCase.Shard;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationStart;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.InvalidCommandException;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import dev.idem.port.out.ReportWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every test row (times {@code repeat}) through the model and the evaluators that apply to it, with
 * {@code concurrency} cases in flight ({@link CaseRun}, each case by a {@link CaseRunner}), then writes the reports.
 * Each model call is idempotent, so a rerun after a crash replays what finished; a case whose call another run still
 * holds waits at the back while the free cases run. A provider failure on one case is that case's error; the others
 * go on. A store that fails for good, or a cancellation, stops the evaluation cleanly: what finished is kept, the
 * rest are errors, the result says why, and the reports are written all the same.
 */
public final class EvaluateSpecService implements EvaluateSpecUseCase {

    private static final String BUILTIN = "builtin";
    private static final String VERSION = IdemVersion.current();

    private final SpecResolver specs;
    private final ModelGateways gateways;
    private final IdempotentExecutor executor;
    private final EvaluatorFactory evaluators;
    private final Providers<ReportWriter> reportWriters;
    private final Clock clock;

    /** @param reportWriters the writers of the report formats, by format */
    public EvaluateSpecService(SpecResolver specs, ModelGateways gateways, IdempotentExecutor executor,
                               EvaluatorFactory evaluators, Providers<ReportWriter> reportWriters, Clock clock) {
        this.specs = Objects.requireNonNull(specs, "specs");
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.evaluators = Objects.requireNonNull(evaluators, "evaluators");
        this.reportWriters = Objects.requireNonNull(reportWriters, "reportWriters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public EvaluationResult evaluate(EvaluateSpecCommand command) {
        EvaluationReports reports = EvaluationReports.plan(command.reports(), reportWriters);
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
        List<CaseWork> work = plan(spec, command);
        Map<Integer, String> unusableRows = unusableRows(loaded);
        if (work.stream().allMatch(w -> unusableRows.containsKey(w.row().number()))) {
            // with no row left to run, the rows' errors are the spec's: nothing is called, as for any invalid spec
            throw new InvalidSpecException(loaded.rowErrors());
        }
        ModelGateway gateway = joinGateway(pendingGateway);
        CaseRunner runner = new CaseRunner(spec, gateway, command.choice(), command.options(),
                evaluatorsOf(spec, command), unusableRows, executor);
        CaseRun run = new CaseRun(work, runner, command, executor, clock);
        String model = RunPromptService.shownModel(gateway, command.choice().model().orElse(spec.model()));
        command.progress().started(new EvaluationStart(spec.name(), spec.source().name(), gateway.providerId(), model,
                gateway.answerKind(), work.size()));
        List<CaseResult> results = run.all();
        EvaluationSummary summary = summarise(results, executor.calls() - callsBefore,
                executor.replays() - replaysBefore, Duration.between(start, clock.instant()));
        EvaluationResult result = new EvaluationResult(spec.name(), spec.description(), spec.source().name(),
                gateway.providerId(), model, gateway.answerKind(), results, summary, run.stop(), runner.answeredBy(),
                VERSION, start);
        command.progress().finished(result);
        reports.write(result, command.progress());
        return result;
    }

    /** Why each row that cannot run cannot, by row number: the spec loaded, so its other rows run. */
    private static Map<Integer, String> unusableRows(LoadedSpec loaded) {
        Map<Integer, String> why = new LinkedHashMap<>();
        for (SpecIssue issue : loaded.rowErrors()) {
            why.merge(issue.testCase().orElseThrow(), issue.toString(), (a, b) -> a + "; " + b);
        }
        return why;
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

    /** Every evaluator of the spec and of its rows, made once; a judge only when one of them needs it. */
    private Map<EvaluatorSpec, Evaluator> evaluatorsOf(PromptSpec spec, EvaluateSpecCommand command) {
        boolean needsJudge = Stream.concat(spec.evaluators().stream(),
                        spec.testData().stream().flatMap(row -> row.evaluators().stream()))
                .anyMatch(e -> e instanceof LlmJudgeSpec || e instanceof BuiltinJudgeSpec);
        Optional<EvaluatorFactory.Judge> judge = needsJudge ? judgeFor(command, spec) : Optional.empty();
        Map<EvaluatorSpec, Evaluator> built = new LinkedHashMap<>();
        for (EvaluatorSpec e : spec.evaluators()) {
            built.put(e, evaluators.create(e, judge, executor, command.options(), command.policy()));
        }
        for (TestCase row : spec.testData()) {
            for (EvaluatorSpec e : row.evaluators()) {
                built.computeIfAbsent(e, k -> evaluators.create(k, judge, executor, command.options(),
                        command.policy()));
            }
        }
        return built;
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

    /**
     * The cases to run, in order.
     *
     * @throws InvalidCommandException when none is selected: an evaluation of nothing would pass, so a filter with a
     *                                 typo, a spec without rows or a shard too many must not turn a CI gate green
     */
    private static List<CaseWork> plan(PromptSpec spec, EvaluateSpecCommand command) {
        List<CaseWork> all = new ArrayList<>();
        int position = 0;
        for (TestCase row : spec.testData()) {
            if (command.filter().isPresent() && !matches(command.filter().get(), row)) {
                continue;
            }
            for (int sample = 0; sample < command.repeat(); sample++) {
                if (command.shard().isEmpty() || command.shard().get().owns(position)) {
                    all.add(new CaseWork(row, sample));
                }
                position++;
            }
        }
        if (all.isEmpty()) {
            throw new InvalidCommandException(nothingSelected(spec, command, position));
        }
        return all;
    }

    private static String nothingSelected(PromptSpec spec, EvaluateSpecCommand command, int filtered) {
        int rows = spec.testData().size();
        if (rows == 0) {
            return "nothing to evaluate: " + spec.source().name() + " has no test rows (testData)";
        }
        if (filtered == 0) {
            return "nothing to evaluate: the filter /" + command.filter().orElseThrow().pattern() + "/ matches none of"
                    + " the " + rows + (rows == 1 ? " row" : " rows") + " (by label or value) of "
                    + spec.source().name();
        }
        Shard shard = command.shard().orElseThrow();
        return "nothing to evaluate: shard " + shard.index() + "/" + shard.count() + " gets none of the " + filtered
                + (filtered == 1 ? " case" : " cases") + " (at most " + filtered + " shards can each get one)";
    }

    private static boolean matches(Pattern filter, TestCase row) {
        if (filter.matcher(row.label()).find()) {
            return true;
        }
        return row.variables().values().stream().anyMatch(v -> filter.matcher(v).find());
    }

    private static EvaluationSummary summarise(List<CaseResult> results, long calls, long replays, Duration wall) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        TokenUsage tokens = TokenUsage.NONE;
        for (CaseResult r : results) {
            switch (r.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ERROR -> errors++;
                case SKIPPED -> skipped++;
                default -> throw new IllegalStateException("unknown status " + r.status());
            }
            tokens = tokens.plus(r.usage());
        }
        return new EvaluationSummary(results.size(), passed, failed, errors, skipped, tokens, calls, replays, wall);
    }
}
