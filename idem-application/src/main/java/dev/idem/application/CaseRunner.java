package dev.idem.application;

import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.evaluation.ExpectedCheck;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.RenderedPrompt;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.out.ModelGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Runs one case of an evaluation: renders its row, makes the idempotent model call (replayed when stored) and judges
 * the reply with every evaluator that applies to the row. A bad row, a provider failure or a failed judge is that
 * case's error; the others go on.
 */
final class CaseRunner {

    private final PromptSpec spec;
    private final ModelGateway gateway;
    private final ModelChoice choice;
    private final ExecutionOptions options;
    private final Map<EvaluatorSpec, Evaluator> evaluators;
    private final Map<Integer, String> unusableRows;
    private final IdempotentExecutor executor;
    private final FirstFailuresBreaker breaker = new FirstFailuresBreaker();
    private final Set<String> answeredBy = new ConcurrentSkipListSet<>();

    /**
     * @param evaluators   every evaluator of the spec and of its rows, made once
     * @param unusableRows why each row that cannot run cannot, by row number
     */
    CaseRunner(PromptSpec spec, ModelGateway gateway, ModelChoice choice, ExecutionOptions options,
               Map<EvaluatorSpec, Evaluator> evaluators, Map<Integer, String> unusableRows,
               IdempotentExecutor executor) {
        this.spec = spec;
        this.gateway = gateway;
        this.choice = choice;
        this.options = options;
        this.evaluators = evaluators;
        this.unusableRows = unusableRows;
        this.executor = executor;
    }

    /**
     * The case's result, or empty when another run holds its call (ask again later).
     *
     * @param waitingSince since when the case has been waiting for its call
     * @throws dev.idem.port.out.StoreUnavailableException if the execution store fails
     */
    Optional<CaseResult> run(CaseWork w, Instant waitingSince) {
        TestCase row = w.row();
        String unusable = unusableRows.get(row.number());
        if (unusable != null) {
            return Optional.of(error(w, "not run: the row is invalid: " + unusable, List.of(), 0));
        }
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
        ModelRequest request = RunPromptService.requestFor(spec, prompt, choice);
        Optional<String> open = breaker.openBecause();
        if (open.isPresent()) {
            return Optional.of(error(w, "not sent: the provider failed the first " + FirstFailuresBreaker.TRIP_AFTER
                    + " cases in a row, so the rest were not tried (" + open.get() + ")", sent, 0));
        }
        Execution execution;
        try {
            Optional<Execution> done = executor.executeUnlessBusy(gateway, request, w.sample(), options, waitingSince);
            if (done.isEmpty()) {
                return Optional.empty();
            }
            execution = done.get();
        } catch (ExecutionFailedException e) {
            CaseResult failed = error(w, e.getMessage(), sent, e.attempts());
            if (e.failure().sameForEveryRequest()) {
                throw new EveryCaseWouldFail(failed, e);
            }
            breaker.failed(e.getMessage());
            return Optional.of(failed);
        }
        breaker.succeeded();
        if (!execution.completion().model().isEmpty()) {
            answeredBy.add(execution.completion().model());
        }
        return Optional.of(judged(w, execution, sent));
    }

    /** The models the provider said answered the cases run so far, sorted and comma-separated. */
    String answeredBy() {
        return String.join(", ", answeredBy);
    }

    private CaseResult judged(CaseWork w, Execution execution, List<Map.Entry<String, String>> sent) {
        TestCase row = w.row();
        String output = execution.completion().text();
        // A replayed reply cost nothing this run, so it must not count towards tokens or latency.
        TokenUsage usage = execution.replayed() ? TokenUsage.NONE : execution.completion().usage();
        Duration latency = execution.replayed() ? Duration.ZERO : execution.completion().latency();
        List<EvaluatorSpec> applicable = new ArrayList<>(spec.evaluators());
        applicable.addAll(row.evaluators());
        List<EvaluatorOutcome> outcomes = new ArrayList<>();
        try {
            for (EvaluatorSpec e : applicable) {
                outcomes.add(new EvaluatorOutcome(e.name(), e.kind(), evaluators.get(e).evaluate(output, row)));
            }
        } catch (JudgeEvaluator.JudgeFailedException e) {
            return new CaseResult(row, w.sample(), CaseStatus.ERROR, output, Optional.of(e.getMessage()),
                    outcomes, latency, usage, execution.attempts(), execution.replayed(), sent,
                    execution.completion().finishReason());
        }
        if (ExpectedCheck.applies(row, applicable)) {
            Evaluator expected = ExpectedCheck.evaluator();
            outcomes.add(new EvaluatorOutcome(expected.name(), "expected", expected.evaluate(output, row)));
        }
        return new CaseResult(row, w.sample(), statusOf(outcomes), output,
                Optional.empty(), outcomes, latency, usage, execution.attempts(), execution.replayed(), sent,
                execution.completion().finishReason());
    }

    /** Failed when an evaluator failed; else skipped when one was skipped (never passed then); else passed. */
    private static CaseStatus statusOf(List<EvaluatorOutcome> outcomes) {
        List<Verdict> verdicts = outcomes.stream().map(EvaluatorOutcome::verdict).toList();
        if (verdicts.stream().anyMatch(v -> !v.passed() && !v.skipped())) {
            return CaseStatus.FAILED;
        }
        return verdicts.stream().anyMatch(Verdict::skipped) ? CaseStatus.SKIPPED : CaseStatus.PASSED;
    }

    /**
     * A case failed in a way every other case would too (refused credentials, a model the provider does not have):
     * the evaluation stops rather than send them.
     */
    static final class EveryCaseWouldFail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CaseResult result;

        EveryCaseWouldFail(CaseResult result, ExecutionFailedException failure) {
            super(failure.summary(), failure);
            this.result = result;
        }

        /** The failed case's own result. */
        CaseResult result() {
            return result;
        }

        /** What failed. */
        ExecutionFailedException failure() {
            return (ExecutionFailedException) getCause();
        }
    }

    /** A case that got no reply: what went wrong, and what was sent, if anything. */
    static CaseResult error(CaseWork w, String message, List<Map.Entry<String, String>> sent, int attempts) {
        return new CaseResult(w.row(), w.sample(), CaseStatus.ERROR, "", Optional.of(message), List.of(),
                Duration.ZERO, TokenUsage.NONE, attempts, false, sent);
    }
}
