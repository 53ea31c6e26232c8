package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.SpecSource;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.Role;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.in.Cancellation;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluateSpecUseCase.Shard;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.InvalidCommandException;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.SpecInput;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import dev.idem.port.out.ReportWriter;
import dev.idem.port.out.RequestRejectedException;
import dev.idem.testkit.FailingExecutionStore;
import dev.idem.testkit.FixedGatewayProvider;
import dev.idem.testkit.InMemorySpecRepository;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.ScriptedModelGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvaluateSpecServiceTest {

    private static final String PROVIDER = "openai";
    private static final Providers<ReportWriter> NO_REPORT_WRITERS =
            Providers.of("report format", List.of(), w -> List.of(w.format()));

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final InMemoryExecutionStore store = new InMemoryExecutionStore(clock);
    private final IdempotentExecutor executor = new IdempotentExecutor(store, clock, RandomSource.seeded(3),
            clock::advance, "test-owner", Duration.ofSeconds(15));
    private final ScriptedModelGateway gateway = new ScriptedModelGateway(PROVIDER)
            .replying(r -> "answer to " + questionOf(r) + ".");
    private final InMemorySpecRepository repository = InMemorySpecRepository.empty();
    private final EvaluateSpecService service = new EvaluateSpecService(
            new SpecResolver(repository),
            new ModelGateways(List.of(new FixedGatewayProvider(PROVIDER, gateway)), GatewaySettings.of(Map.of())),
            executor, new EvaluatorFactory(() -> {
                throw new AssertionError("no rubric in these specs");
            }, (text, schema) -> Verdict.pass("json not used"), RegexBudget.of(clock),
            Vocabulary.commandLine()), NO_REPORT_WRITERS, clock);

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void should_pass_and_fail_rows_by_their_evaluators_in_order_with_the_implicit_expected_check() {
        // given
        gateway.replying(r -> Map.of("q1", "alpha and beta.", "q2", "delta.", "q3", "no idea").get(questionOf(r)));
        PromptSpec spec = spec("quiz", List.of(
                row(1, "q1", "alpha", new StringEvaluatorSpec("mentions-beta", Operation.CONTAINS, "beta")),
                row(2, "q2", "gamma", new StringEvaluatorSpec("mentions-expected", Operation.CONTAINS,
                        "{{expected}}")),
                row(3, "q3", "omega")));
        // when
        EvaluationResult result = service.evaluate(command(spec));
        // then
        List<CaseResult> cases = result.cases();
        assertThat(cases).extracting(CaseResult::status)
                .containsExactly(CaseStatus.PASSED, CaseStatus.FAILED, CaseStatus.FAILED);
        assertThat(cases.get(0).evaluations()).extracting(EvaluatorOutcome::name)
                .containsExactly("ends-with-period", "mentions-beta", "expected");
        assertThat(cases.get(0).evaluations()).extracting(EvaluatorOutcome::kind)
                .containsExactly("regex", "string", "expected");
        assertThat(cases.get(0).evaluations()).allMatch(o -> o.verdict().passed());
        // the row's own evaluator refers to {{expected}}, so the implicit check stays out
        assertThat(cases.get(1).evaluations()).extracting(EvaluatorOutcome::name)
                .containsExactly("ends-with-period", "mentions-expected");
        assertThat(cases.get(1).evaluations()).extracting(o -> o.verdict().passed()).containsExactly(true, false);
        assertThat(cases.get(2).evaluations()).extracting(EvaluatorOutcome::name)
                .containsExactly("ends-with-period", "expected");
        assertThat(cases.get(2).evaluations()).extracting(o -> o.verdict().passed()).containsExactly(false, false);
        assertThat(cases).extracting(CaseResult::output).containsExactly("alpha and beta.", "delta.", "no idea");
    }

    @Test
    void should_report_a_row_that_cannot_run_as_an_error_with_its_reason_and_evaluate_the_others() {
        // given: the spec loaded, with its second row lacking a value
        Path file = Path.of("prompts/quiz.prompt.yml");
        SpecIssue lacking = SpecIssue.rowError(SpecSource.named(file.toString()), 2, "testData[1]",
                "missing value for placeholder '{{question}}'");
        PromptSpec spec = spec("quiz", List.of(TestCase.of(1, Map.of("question", "q1")), TestCase.of(2, Map.of()),
                TestCase.of(3, Map.of("question", "q3"))));
        repository.with(file, new LoadedSpec(spec, List.of(), List.of(lacking)));
        EvaluateSpecCommand command = new EvaluateSpecCommand(SpecInput.file(file), ModelChoice.of(PROVIDER),
                Optional.empty(), 2, 1, Optional.empty(), Optional.empty(), ExecutionOptions.defaults(), null);

        // when
        EvaluationResult result = service.evaluate(command);

        // then
        assertThat(result.cases()).extracting(CaseResult::status)
                .containsExactly(CaseStatus.PASSED, CaseStatus.ERROR, CaseStatus.PASSED);
        assertThat(result.cases().get(1).error()).contains("not run: the row is invalid: prompts/quiz.prompt.yml: "
                + "testData[1]: missing value for placeholder '{{question}}'");
        assertThat(result.cases().get(1).renderedMessages()).isEmpty();
        assertThat(result.summary().errors()).isEqualTo(1);
        assertThat(result.summary().passed()).isEqualTo(2);
        assertThat(gateway.received()).hasSize(2);
    }

    @Test
    void should_refuse_the_spec_before_any_call_when_no_row_it_would_run_can_run() {
        // given
        Path file = Path.of("prompts/quiz.prompt.yml");
        SpecIssue lacking = SpecIssue.rowError(SpecSource.named(file.toString()), 2, "testData[1]",
                "missing value for placeholder '{{question}}'");
        PromptSpec spec = spec("quiz", List.of(TestCase.of(1, Map.of("question", "q1")), TestCase.of(2, Map.of())));
        repository.with(file, new LoadedSpec(spec, List.of(), List.of(lacking)));
        EvaluateSpecCommand onlyTheSecond = new EvaluateSpecCommand(SpecInput.file(file), ModelChoice.of(PROVIDER),
                Optional.empty(), 1, 1, Optional.of(Pattern.compile("case 2")), Optional.empty(),
                ExecutionOptions.defaults(), null);

        // when / then
        assertThatThrownBy(() -> service.evaluate(onlyTheSecond)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("prompts/quiz.prompt.yml: testData[1]: missing value for placeholder '{{question}}'");
        assertThat(gateway.received()).isEmpty();
    }

    @Test
    void should_report_an_error_for_one_row_and_evaluate_the_others_when_the_provider_rejects_that_row() {
        // given
        gateway.replying(r -> {
            if (questionOf(r).equals("q2")) {
                throw new RequestRejectedException(PROVIDER, "400 the prompt is too long", null);
            }
            return "answer to " + questionOf(r) + ".";
        });
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(3)));
        // then
        assertThat(result.cases()).extracting(CaseResult::status)
                .containsExactly(CaseStatus.PASSED, CaseStatus.ERROR, CaseStatus.PASSED);
        CaseResult failed = result.cases().get(1);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("400 the prompt is too long"));
        assertThat(failed.output()).isEmpty();
        assertThat(failed.evaluations()).isEmpty();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(result.cases().get(2).evaluations()).extracting(EvaluatorOutcome::name)
                .containsExactly("ends-with-period");
        assertThat(result.summary().errors()).isEqualTo(1);
        assertThat(gateway.calls()).isEqualTo(3);
    }

    @Test
    void should_stop_sending_cases_when_the_first_eight_all_fail() {
        // given a provider that refuses everything (a wrong deployment, a dead endpoint)
        gateway.replying(r -> {
            throw new RequestRejectedException(PROVIDER, "404 deployment not found", null);
        });
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(40), 4, 1, null, null, null));
        // then every case is an error, but only the first ones (and those already in flight) reached the provider
        assertThat(result.cases()).extracting(CaseResult::status).containsOnly(CaseStatus.ERROR);
        assertThat(gateway.calls()).isBetween(8, 8 + 4);
        assertThat(result.cases().get(39).error()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("not sent: the provider failed the first 8 cases in a row")
                .contains("404 deployment not found"));
    }

    @Test
    void should_try_every_case_when_the_provider_fails_only_after_a_success() {
        // given a provider that answers once, then fails for good
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        gateway.replying(r -> {
            if (seen.incrementAndGet() > 1) {
                throw new RequestRejectedException(PROVIDER, "400 flaky", null);
            }
            return "answer.";
        });
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(20)));
        // then
        assertThat(gateway.calls()).isEqualTo(20);
        assertThat(result.summary().errors()).isEqualTo(19);
    }

    @Test
    void should_stop_at_the_first_case_when_the_provider_refuses_the_credentials() {
        // given a key the provider refuses: every case would fail the same way
        gateway.replying(r -> {
            throw new AuthenticationFailedException(PROVIDER, "401 Incorrect API key provided", null);
        });
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(5)));
        // then one request, not five (nor the breaker's eight)
        assertThat(gateway.calls()).isEqualTo(1);
        assertThat(result.stopped()).hasValueSatisfying(stop -> {
            assertThat(stop.cause()).isEqualTo(EvaluationResult.Cause.PROVIDER_MISCONFIGURED);
            assertThat(stop.message()).isEqualTo("openai refused the credentials: 401 Incorrect API key provided");
            assertThat(stop.notRun()).isEqualTo(4);
            assertThat(stop.failure()).containsInstanceOf(ExecutionFailedException.class);
        });
        assertThat(result.cases()).extracting(CaseResult::status).containsOnly(CaseStatus.ERROR);
        assertThat(result.cases().get(0).error()).hasValue("401 Incorrect API key provided");
        assertThat(result.cases().subList(1, 5)).allSatisfy(c -> assertThat(c.error())
                .hasValue("not run: openai refused the credentials: 401 Incorrect API key provided"));
    }

    @Test
    void should_stop_at_the_first_case_when_the_provider_lacks_the_model() {
        // given
        gateway.replying(r -> {
            throw new ModelNotFoundException(PROVIDER, "gpt-4o-mini", List.of(),
                    "openai has no model 'gpt-4o-mini' (404)", null);
        });
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(5)));
        // then
        assertThat(gateway.calls()).isEqualTo(1);
        assertThat(result.stopped()).hasValueSatisfying(stop -> {
            assertThat(stop.cause()).isEqualTo(EvaluationResult.Cause.PROVIDER_MISCONFIGURED);
            assertThat(stop.message()).isEqualTo("openai has no model 'gpt-4o-mini' (404)");
            assertThat(stop.notRun()).isEqualTo(4);
        });
    }

    @Test
    void should_send_no_case_after_the_fatal_failure_when_cases_run_concurrently() {
        // given
        gateway.taking(Duration.ofMillis(20)).replying(r -> {
            throw new AuthenticationFailedException(PROVIDER, "403 access denied", null);
        });
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(40), 4, 1, null, null, null));
        // then at most the cases already in flight were sent
        assertThat(gateway.calls()).isBetween(1, 4);
        assertThat(result.stopped().map(EvaluationResult.Stop::notRun)).hasValue(40 - gateway.calls());
    }

    @Test
    void should_keep_going_after_a_failure_of_one_request() {
        // given a rejection of one request's content, which says nothing about the others
        gateway.failingWith(new RequestRejectedException(PROVIDER, "400 content too long", null));
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(3)));
        // then
        assertThat(result.stopped()).isEmpty();
        assertThat(result.cases()).extracting(CaseResult::status)
                .containsExactly(CaseStatus.ERROR, CaseStatus.PASSED, CaseStatus.PASSED);
    }

    @Test
    void should_make_one_call_per_sample_with_distinct_fingerprints_when_repeat_is_three() {
        // given
        PromptSpec spec = numberedSpec(2);
        // when
        EvaluationResult result = service.evaluate(command(spec, 1, 3, null, null, null));
        // then
        assertThat(result.summary().total()).isEqualTo(6);
        assertThat(result.cases()).extracting(CaseResult::label)
                .containsExactly("q1", "q1 #2", "q1 #3", "q2", "q2 #2", "q2 #3");
        assertThat(result.cases()).extracting(CaseResult::sample).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(result.cases()).noneMatch(CaseResult::replayed);
        assertThat(gateway.calls()).isEqualTo(6);
        for (String question : List.of("q1", "q2")) {
            List<ModelRequest> sent = gateway.received().stream().filter(r -> questionOf(r).equals(question))
                    .toList();
            assertThat(sent).hasSize(3);
            Set<Fingerprint> fingerprints = new HashSet<>();
            for (int sample = 0; sample < 3; sample++) {
                Fingerprint fingerprint = Fingerprint.of(PROVIDER, sent.get(sample), sample);
                assertThat(store.get(fingerprint)).as("stored sample %d of %s", sample, question).isPresent();
                fingerprints.add(fingerprint);
            }
            assertThat(fingerprints).hasSize(3);
        }
    }

    @Test
    void should_run_only_matching_rows_when_filtered_by_label() {
        // given
        PromptSpec spec = spec("labelled", List.of(named(1, "smoke: login"), named(2, "load: checkout"),
                named(3, "smoke: payment")));
        // when
        EvaluationResult result = service.evaluate(command(spec, 1, 1, Pattern.compile("^smoke"), null, null));
        // then
        assertThat(result.cases()).extracting(CaseResult::label).containsExactly("smoke: login", "smoke: payment");
        assertThat(result.summary().total()).isEqualTo(2);
        assertThat(gateway.calls()).isEqualTo(2);
    }

    @Test
    void should_run_only_matching_rows_when_filtered_by_value() {
        // given
        PromptSpec spec = numberedSpec(12);
        // when
        EvaluationResult result = service.evaluate(command(spec, 1, 1, Pattern.compile("q1\\d"), null, null));
        // then
        assertThat(result.cases()).extracting(c -> c.testCase().number()).containsExactly(10, 11, 12);
        assertThat(gateway.calls()).isEqualTo(3);
    }

    @Test
    void should_refuse_before_any_call_when_the_filter_matches_no_row() {
        // given
        PromptSpec spec = numberedSpec(3);
        // when / then: an evaluation of nothing would pass, and a typo in a CI filter would turn the gate green
        assertThatThrownBy(() -> service.evaluate(command(spec, 1, 1, Pattern.compile("nomatch"), null, null)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("nothing to evaluate: the filter /nomatch/ matches none of the 3 rows (by label or value)"
                        + " of " + spec.source().name());
        assertThat(gateway.calls()).isZero();
    }

    @Test
    void should_refuse_before_any_call_when_the_spec_has_no_test_rows() {
        // given
        PromptSpec spec = spec("empty", List.of());
        // when / then
        assertThatThrownBy(() -> service.evaluate(command(spec)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageStartingWith("nothing to evaluate: ").hasMessageEndingWith(" has no test rows (testData)");
        assertThat(gateway.calls()).isZero();
    }

    @Test
    void should_refuse_before_any_call_when_the_shard_gets_no_case() {
        // given two cases (one row, two samples) split four ways
        PromptSpec spec = numberedSpec(1);
        // when / then
        assertThatThrownBy(() -> service.evaluate(command(spec, 1, 2, null, new Shard(3, 4), null)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("nothing to evaluate: shard 3/4 gets none of the 2 cases (at most 2 shards can each get"
                        + " one)");
        assertThat(gateway.calls()).isZero();
    }

    @Test
    void should_partition_the_cases_exactly_when_split_into_two_shards() {
        // given
        PromptSpec spec = numberedSpec(5);
        // when
        EvaluationResult first = service.evaluate(command(spec, 1, 1, null, new Shard(1, 2), null));
        EvaluationResult second = service.evaluate(command(spec, 1, 1, null, new Shard(2, 2), null));
        // then
        List<Integer> firstRows = first.cases().stream().map(c -> c.testCase().number()).toList();
        List<Integer> secondRows = second.cases().stream().map(c -> c.testCase().number()).toList();
        assertThat(firstRows).containsExactly(1, 3, 5);
        assertThat(secondRows).containsExactly(2, 4);
        List<Integer> union = new ArrayList<>(firstRows);
        union.addAll(secondRows);
        assertThat(union).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(gateway.calls()).isEqualTo(5);
        assertThat(second.summary().replays()).isZero();
    }

    @Test
    void should_replay_every_case_without_a_model_call_when_the_same_spec_is_evaluated_again() {
        // given
        PromptSpec spec = numberedSpec(4);
        EvaluationResult first = service.evaluate(command(spec));
        // when
        EvaluationResult second = service.evaluate(command(spec));
        // then
        assertThat(gateway.calls()).isEqualTo(4);
        assertThat(first.summary().calls()).isEqualTo(4);
        assertThat(second.summary().calls()).isZero();
        assertThat(second.summary().replays()).isEqualTo(second.summary().total()).isEqualTo(4);
        assertThat(second.cases()).allMatch(CaseResult::replayed);
        assertThat(second.cases()).allMatch(c -> c.attempts() == 0);
        assertThat(second.cases()).extracting(CaseResult::output)
                .containsExactlyElementsOf(first.cases().stream().map(CaseResult::output).toList());
        assertThat(second.cases()).extracting(CaseResult::status).containsOnly(CaseStatus.PASSED);
        assertThat(second.summary().tokens()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void should_return_results_in_row_order_when_forty_rows_run_eight_at_a_time() {
        // given replies that take longer for earlier rows, so they finish out of order
        gateway.replying(r -> {
            int n = Integer.parseInt(questionOf(r).substring(1));
            sleep(Duration.ofMillis((40 - n) % 8 * 3L));
            return "answer to " + questionOf(r) + ".";
        });
        PromptSpec spec = numberedSpec(40);
        // when
        EvaluationResult result = service.evaluate(command(spec, 8, 1, null, null, null));
        // then
        assertThat(result.cases()).extracting(c -> c.testCase().number())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(result.cases()).extracting(CaseResult::output)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(n -> "answer to q" + n + ".")
                        .toList());
        assertThat(gateway.calls()).isEqualTo(40);
    }

    @Test
    void should_tell_progress_once_per_case() {
        // given
        List<CaseResult> told = new CopyOnWriteArrayList<>();
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(5), 3, 2, null, null, told::add));
        // then
        assertThat(told).hasSize(10);
        assertThat(told).containsExactlyInAnyOrderElementsOf(result.cases());
    }

    @Test
    void should_tell_progress_one_case_at_a_time_when_cases_run_concurrently() {
        // given a slow progress consumer that notices when it is entered twice at once
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger told = new AtomicInteger();
        EvaluateSpecUseCase.Progress progress = r -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            sleep(Duration.ofMillis(5));
            told.incrementAndGet();
            inside.decrementAndGet();
        };
        // when
        service.evaluate(command(numberedSpec(16), 8, 1, null, null, progress));
        // then
        assertThat(told).hasValue(16);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void should_report_the_row_of_a_spec_in_hand_that_lacks_a_value_as_an_error_and_run_the_others() {
        // given a spec built in code, whose second row would be an error of that row in a file too (B1, issue 10)
        PromptSpec spec = spec("gaps", List.of(TestCase.of(1, Map.of("question", "q1")),
                TestCase.of(2, Map.of("topic", "no question here"))));
        // when
        EvaluationResult result = service.evaluate(command(spec));
        // then
        assertThat(result.cases()).extracting(CaseResult::status).containsExactly(CaseStatus.PASSED, CaseStatus.ERROR);
        assertThat(result.cases().get(1).error()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("not run: the row is invalid: ").contains("testData[1]").contains("question"));
        assertThat(result.cases().get(1).attempts()).isZero();
        assertThat(gateway.calls()).isEqualTo(1);
    }

    @Test
    void should_refuse_a_spec_in_hand_before_any_model_call_when_none_of_its_rows_can_run() {
        // given
        PromptSpec spec = spec("gaps", List.of(TestCase.of(1, Map.of("topic", "no question here"))));
        // when / then
        assertThatThrownBy(() -> service.evaluate(command(spec)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("testData[0]").hasMessageContaining("question");
        assertThat(gateway.calls()).isZero();
    }

    @Test
    void should_count_passed_failed_errors_and_tokens_of_new_calls_only_in_the_summary() {
        // given a first run of two rows, then the same spec with two more rows
        gateway.replying(r -> switch (questionOf(r)) {
            case "q3" -> "no period";
            case "q4" -> throw new RequestRejectedException(PROVIDER, "rejected", null);
            default -> "answer to " + questionOf(r) + ".";
        });
        service.evaluate(command(numberedSpec(2)));
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(4)));
        // then
        var summary = result.summary();
        assertThat(summary.total()).isEqualTo(4);
        assertThat(summary.passed()).isEqualTo(2);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.passRate()).isEqualTo(0.5);
        assertThat(summary.replays()).isEqualTo(2);
        assertThat(summary.calls()).isEqualTo(2);
        // ScriptedModelGateway counts 3 input tokens and one output token per word; only q3 was answered anew
        assertThat(summary.tokens()).isEqualTo(new TokenUsage(3, 2));
    }

    @Test
    void should_describe_the_spec_provider_and_model_in_the_result() {
        // when
        EvaluationResult result = service.evaluate(new EvaluateSpecCommand(SpecInput.of(numberedSpec(1)),
                ModelChoice.of(PROVIDER, "gpt-override"), Optional.empty(), 1, 1, Optional.empty(),
                Optional.empty(), ExecutionOptions.defaults(), null));
        // then
        assertThat(result.specName()).isEqualTo("numbered");
        assertThat(result.provider()).isEqualTo(PROVIDER);
        assertThat(result.model()).isEqualTo("gpt-override");
        assertThat(result.answerKind()).isEqualTo("LLM");
        assertThat(gateway.received()).extracting(ModelRequest::model).containsExactly("gpt-override");
    }

    @Test
    void should_name_the_idem_version_the_start_and_the_model_that_answered_in_the_result() {
        // given a clock at a known instant
        Instant start = clock.instant();
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(2)));
        // then the version is the build's, filled in from the project's version
        assertThat(result.idemVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(result.startedAt()).isEqualTo(start);
        assertThat(result.answeringModel()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void should_name_no_model_as_the_answerer_when_no_case_got_a_reply() {
        // given
        gateway.replying(r -> {
            throw new RequestRejectedException(PROVIDER, "400 the prompt is too long", null);
        });
        // when
        EvaluationResult result = service.evaluate(command(numberedSpec(2)));
        // then
        assertThat(result.model()).isEqualTo("gpt-4o-mini");
        assertThat(result.answeringModel()).isEmpty();
    }

    @Test
    void should_fill_a_regex_placeholder_from_each_row_with_its_value_as_literal_text() {
        // given replies "answer to <question>." and a pattern that quotes each row's question
        PromptSpec spec = PromptSpec.builder("filled").model("gpt-4o-mini").message(Role.USER, "Question: {{question}}")
                .evaluator(RegexEvaluatorSpec.of("echoes", "(?i)^answer to \\Q{{question}}\\E\\.$"))
                .testData(List.of(TestCase.of(1, Map.of("question", "Kafka (KIP-98)?")),
                        TestCase.of(2, Map.of("question", "a.b*"))))
                .build();

        // when
        EvaluationResult result = service.evaluate(command(spec));

        // then
        assertThat(result.cases()).extracting(CaseResult::status).containsExactly(CaseStatus.PASSED, CaseStatus.PASSED);
    }

    @Test
    void should_run_the_free_cases_first_when_another_run_still_holds_some_calls() {
        // given a crashed run's live claims on the calls of rows 1 and 2 (their leases run for another 15 s)
        PromptSpec spec = numberedSpec(6);
        for (int n : List.of(1, 2)) {
            store.claim(fingerprintOf(spec, n), "crashed-run", Duration.ofSeconds(15));
        }
        // when one worker evaluates the six rows (with two, which row reaches the gateway first would depend on
        // thread scheduling: a worker that has taken row 4 may be overtaken by one that already waited out a lease)
        EvaluationResult result = service.evaluate(command(spec, 1, 1, null, null, null));
        // then rows 3 to 6 are asked first, and rows 1 and 2 once the crashed run's leases have run out
        List<String> asked = gateway.received().stream().map(EvaluateSpecServiceTest::questionOf).toList();
        assertThat(asked).hasSize(6);
        assertThat(asked.subList(0, 4)).containsExactlyInAnyOrder("q3", "q4", "q5", "q6");
        assertThat(asked.subList(4, 6)).containsExactlyInAnyOrder("q1", "q2");
        assertThat(result.cases()).extracting(c -> c.testCase().number()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(result.cases()).extracting(CaseResult::status).containsOnly(CaseStatus.PASSED);
        assertThat(result.stopped()).isEmpty();
    }

    @Test
    void should_keep_the_finished_cases_and_stop_when_the_store_fails_for_good() {
        // given a store that is gone after three claims
        FailingExecutionStore failing = new FailingExecutionStore(store).downAfterClaims(3);
        IdempotentExecutor onFailing = new IdempotentExecutor(failing, clock, RandomSource.seeded(3), clock::advance,
                "test-owner", Duration.ofSeconds(15));
        // when
        EvaluationResult result = serviceOn(onFailing).evaluate(command(numberedSpec(10)));
        onFailing.close();
        // then the three finished cases keep their results, the fourth says why, and the rest were not run
        assertThat(result.cases()).extracting(CaseResult::status).containsExactly(CaseStatus.PASSED,
                CaseStatus.PASSED, CaseStatus.PASSED, CaseStatus.ERROR, CaseStatus.ERROR, CaseStatus.ERROR,
                CaseStatus.ERROR, CaseStatus.ERROR, CaseStatus.ERROR, CaseStatus.ERROR);
        assertThat(result.cases().get(3).error()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("the execution store failed: store test:failing is gone"));
        assertThat(result.cases().get(9).error()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("not run: store test:failing is gone"));
        assertThat(result.stopped()).hasValueSatisfying(stop -> {
            assertThat(stop.cause()).isEqualTo(EvaluationResult.Cause.STORE_UNAVAILABLE);
            assertThat(stop.notRun()).isEqualTo(6);
        });
        assertThat(gateway.calls()).isEqualTo(3);
    }

    @Test
    void should_stop_when_cancelled_keep_what_finished_and_give_back_the_claims_of_cases_in_flight() {
        // given a provider that never answers row 1, and a cancellation once two cases have finished
        CountDownLatch never = new CountDownLatch(1);
        gateway.replying(r -> {
            if (questionOf(r).equals("q1")) {
                awaitQuietly(never);
            }
            return "answer to " + questionOf(r) + ".";
        });
        Cancellation cancellation = new Cancellation();
        AtomicInteger finished = new AtomicInteger();
        EvaluateSpecUseCase.Progress progress = r -> {
            if (finished.incrementAndGet() == 2) {
                cancellation.cancel("interrupted by SIGINT");
            }
        };
        PromptSpec spec = numberedSpec(5);
        try {
            // when two workers evaluate five rows
            EvaluationResult result = service.evaluate(new EvaluateSpecCommand(SpecInput.of(spec),
                    ModelChoice.of(PROVIDER), Optional.empty(), 2, 1, Optional.empty(), Optional.empty(),
                    ExecutionOptions.defaults(), progress, cancellation));
            // then rows 2 and 3 finished, row 1 was cut in flight, rows 4 and 5 never started
            assertThat(result.cases()).extracting(CaseResult::status).containsExactly(CaseStatus.ERROR,
                    CaseStatus.PASSED, CaseStatus.PASSED, CaseStatus.ERROR, CaseStatus.ERROR);
            assertThat(result.cases().get(0).error()).contains(
                    "stopped before its reply arrived: interrupted by SIGINT (its claim was given back)");
            assertThat(result.cases().get(4).error()).contains("not run: interrupted by SIGINT");
            assertThat(result.stopped()).hasValueSatisfying(stop -> {
                assertThat(stop.cause()).isEqualTo(EvaluationResult.Cause.CANCELLED);
                assertThat(stop.message()).isEqualTo("interrupted by SIGINT");
                assertThat(stop.notRun()).isEqualTo(3);
            });
            assertThat(gateway.calls()).isEqualTo(3);
            // and once the run is closed, the claim of the case in flight is free for the next run
            assertThat(store.get(fingerprintOf(spec, 1))).isPresent();
            executor.close();
            assertThat(store.get(fingerprintOf(spec, 1))).isEmpty();
        } finally {
            never.countDown();
        }
    }

    // --- fixtures

    private EvaluateSpecService serviceOn(IdempotentExecutor executor) {
        return new EvaluateSpecService(new SpecResolver(InMemorySpecRepository.empty()),
                new ModelGateways(List.of(new FixedGatewayProvider(PROVIDER, gateway)), GatewaySettings.of(Map.of())),
                executor, new EvaluatorFactory(() -> {
                    throw new AssertionError("no rubric in these specs");
                }, (text, schema) -> Verdict.pass("json not used"), RegexBudget.of(clock),
            Vocabulary.commandLine()), NO_REPORT_WRITERS, clock);
    }

    private static Fingerprint fingerprintOf(PromptSpec spec, int row) {
        TestCase testCase = spec.testData().get(row - 1);
        ModelRequest request = RunPromptService.requestFor(spec, PromptRenderer.render(spec, testCase.variables()),
                ModelChoice.of(PROVIDER));
        return Fingerprint.of(PROVIDER, request, 0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static EvaluateSpecCommand command(PromptSpec spec) {
        return command(spec, 1, 1, null, null, null);
    }

    private static EvaluateSpecCommand command(PromptSpec spec, int concurrency, int repeat, Pattern filter,
                                               Shard shard, EvaluateSpecUseCase.Progress progress) {
        return new EvaluateSpecCommand(SpecInput.of(spec), ModelChoice.of(PROVIDER), Optional.empty(), concurrency,
                repeat, Optional.ofNullable(filter), Optional.ofNullable(shard), ExecutionOptions.defaults(),
                progress);
    }

    private static PromptSpec spec(String name, List<TestCase> rows) {
        return PromptSpec.builder(name).model("gpt-4o-mini").message(Role.USER, "Question: {{question}}")
                .evaluator(RegexEvaluatorSpec.of("ends-with-period", "\\.$")).testData(rows).build();
    }

    private static PromptSpec numberedSpec(int rows) {
        return spec("numbered", IntStream.rangeClosed(1, rows)
                .mapToObj(n -> TestCase.of(n, Map.of("question", "q" + n))).toList());
    }

    private static TestCase row(int number, String question, String expected, EvaluatorSpec... own) {
        return new TestCase(number, Map.of("question", question), Optional.of(expected), List.of(own),
                Optional.empty());
    }

    private static TestCase named(int number, String label) {
        return new TestCase(number, Map.of("question", "q" + number), Optional.empty(), List.of(),
                Optional.of(label));
    }

    static String questionOf(ModelRequest request) {
        String content = request.messages().get(request.messages().size() - 1).content();
        return content.substring("Question: ".length());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
