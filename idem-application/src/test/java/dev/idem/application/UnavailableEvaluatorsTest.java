package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.spec.CodeEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.UnsupportedEvaluatorSpec;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Role;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluatorPolicy;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.SpecInput;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.CodeGateway;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ReportWriter;
import dev.idem.testkit.FixedGatewayProvider;
import dev.idem.testkit.InMemorySpecRepository;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.RecordingCodeGateway;
import dev.idem.testkit.ScriptedModelGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Evaluators that need a judge or code run only with it, stop the evaluation without it, or are skipped openly. */
class UnavailableEvaluatorsTest {

    private static final EvaluatorPolicy NO_CODE = EvaluatorPolicy.DEFAULT;
    private static final EvaluatorPolicy CODE = new EvaluatorPolicy(true, false);
    private static final EvaluatorPolicy SKIP = new EvaluatorPolicy(false, true);

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final IdempotentExecutor executor = new IdempotentExecutor(new InMemoryExecutionStore(clock), clock,
            RandomSource.seeded(7), clock::advance, "test-owner", Duration.ofSeconds(15));
    private final ScriptedModelGateway builtin = new ScriptedModelGateway("builtin").replying(r -> "Jane Roe, MRN 1.");
    private final ScriptedModelGateway openai = new ScriptedModelGateway("openai").replying(r -> "a design.");
    private final ScriptedModelGateway judge = new ScriptedModelGateway("judge").replying(r -> "Thinking...\npass");

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private EvaluateSpecService service(Optional<CodeGateway> code) {
        EvaluatorFactory factory = new EvaluatorFactory(() -> {
            throw new AssertionError("no rubric here");
        }, (text, schema) -> Verdict.pass("json not used"), RegexBudget.of(clock),
                Providers.of(EvaluatorFactory.CODE_RUNNER, code.stream().toList(), g -> List.of(g.language())),
                Vocabulary.commandLine());
        return new EvaluateSpecService(new SpecResolver(InMemorySpecRepository.empty()),
                new ModelGateways(List.of(new FixedGatewayProvider("builtin", builtin),
                        new FixedGatewayProvider("openai", openai), new FixedGatewayProvider("judge", judge)),
                        GatewaySettings.of(Map.of())), executor, factory,
                Providers.of("report format", List.<ReportWriter>of(), w -> List.of(w.format())), clock);
    }

    private static PromptSpec spec(EvaluatorSpec... evaluators) {
        PromptSpec.Builder spec = PromptSpec.builder("unavailable").model("m").message(Role.USER, "Summarise {{who}}")
                .testCase(TestCase.of(1, Map.of("who", "Jane \"'); __import__('os')")));
        for (EvaluatorSpec e : evaluators) {
            spec.evaluator(e);
        }
        return spec.build();
    }

    private static EvaluateSpecCommand command(PromptSpec spec, String provider, Optional<ModelChoice> judge,
                                               EvaluatorPolicy policy) {
        return new EvaluateSpecCommand(SpecInput.of(spec), ModelChoice.of(provider), judge, 1, 1, Optional.empty(),
                Optional.empty(), ExecutionOptions.defaults(), null, null, List.of(), policy);
    }

    private static final CodeEvaluatorSpec CODE_CHECK = new CodeEvaluatorSpec("no pii", "'MRN' not in output");
    private static final StringEvaluatorSpec ENDS = new StringEvaluatorSpec("ends", Operation.ENDS_WITH, ".");

    @Test
    void should_stop_before_any_call_naming_allow_code_when_code_is_not_allowed() {
        // given
        RecordingCodeGateway python = RecordingCodeGateway.passingWhen(output -> true);
        EvaluateSpecService service = service(Optional.of(python));

        // when / then
        assertThatThrownBy(() -> service.evaluate(command(spec(ENDS, CODE_CHECK), "builtin", Optional.empty(),
                NO_CODE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("evaluator 'no pii' runs Python code")
                .hasMessageContaining("--allow-code")
                .hasMessageContaining("--skip-unavailable-evaluators");
        assertThat(builtin.calls()).isZero();
        assertThat(python.runs()).isEmpty();
    }

    @Test
    void should_stop_naming_allow_code_when_no_interpreter_can_run_it() {
        // given
        EvaluateSpecService service = service(Optional.of(RecordingCodeGateway.unavailable("python3 was not found")));

        // when / then
        assertThatThrownBy(() -> service.evaluate(command(spec(CODE_CHECK), "builtin", Optional.empty(), CODE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot run its Python code: python3 was not found");
        assertThat(builtin.calls()).isZero();
    }

    @Test
    void should_run_allowed_code_on_the_reply_with_the_row_values_handed_over_as_they_are() {
        // given
        RecordingCodeGateway python = RecordingCodeGateway.passingWhen(output -> !output.contains("MRN"));
        EvaluateSpecService service = service(Optional.of(python));

        // when
        EvaluationResult result = service.evaluate(command(spec(CODE_CHECK), "builtin", Optional.empty(), CODE));

        // then
        assertThat(result.cases()).extracting(CaseResult::status).containsExactly(CaseStatus.FAILED);
        assertThat(python.runs()).containsExactly(new RecordingCodeGateway.Run("'MRN' not in output",
                "Jane Roe, MRN 1.", Map.of("who", "Jane \"'); __import__('os')")));
    }

    @Test
    void should_report_skipped_evaluators_and_never_count_their_case_as_passed() {
        // given a judge with no judge model (the built-in provider answers) and code not allowed, both skipped
        LlmJudgeSpec criterion = LlmJudgeSpec.ofCriterion("covers retries", Optional.empty(),
                "The design covers retries.", LlmJudgeSpec.PASS_FAIL, ModelParameters.DEFAULTS);
        EvaluateSpecService service = service(Optional.of(RecordingCodeGateway.passingWhen(output -> true)));

        // when
        EvaluationResult result = service.evaluate(command(spec(ENDS, criterion, CODE_CHECK), "builtin",
                Optional.empty(), SKIP));

        // then the evaluator that ran passed, the others are skipped, and the case is skipped, not passed
        CaseResult only = result.cases().get(0);
        assertThat(only.status()).isEqualTo(CaseStatus.SKIPPED);
        assertThat(only.evaluations()).extracting(o -> o.verdict().skipped()).containsExactly(false, true, true);
        assertThat(only.evaluations().get(0).verdict().passed()).isTrue();
        assertThat(only.evaluations()).extracting(EvaluatorOutcome::name)
                .containsExactly("ends", "covers retries", "no pii");
        assertThat(only.evaluations().get(2).verdict().details()).contains("--allow-code");
        assertThat(result.summary().skipped()).isEqualTo(1);
        assertThat(result.summary().passed()).isZero();
        assertThat(result.summary().passRate()).isZero();
    }

    @Test
    void should_stop_before_any_call_naming_the_skip_option_when_an_evaluator_cannot_be_checked_at_all() {
        // given an evaluator idem has no honest check for, beside one it can run
        UnsupportedEvaluatorSpec latex = new UnsupportedEvaluatorSpec("formulas", "type 'latex'",
                "idem has no LaTeX checker");

        // when / then no option runs it, and nothing is sent
        assertThatThrownBy(() -> service(Optional.empty()).evaluate(command(spec(ENDS, latex), "builtin",
                Optional.empty(), CODE)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("evaluator 'formulas': type 'latex' cannot be checked: idem has no LaTeX checker; "
                                + "remove it, or pass --skip-unavailable-evaluators to report it as skipped"));
        assertThat(builtin.calls()).isZero();
    }

    @Test
    void should_skip_an_evaluator_it_cannot_check_when_asked_and_never_pass_a_case_it_alone_judges() {
        // given
        UnsupportedEvaluatorSpec bare = new UnsupportedEvaluatorSpec("sudo", "the bare string 'sudo'",
                "idem cannot tell whether the reply must contain it or must not");

        // when
        EvaluationResult result = service(Optional.empty()).evaluate(command(spec(bare), "builtin",
                Optional.empty(), SKIP));

        // then
        CaseResult only = result.cases().get(0);
        assertThat(only.status()).isEqualTo(CaseStatus.SKIPPED);
        assertThat(only.evaluations()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo("unsupported");
            assertThat(o.verdict().skipped()).isTrue();
            assertThat(o.verdict().details()).isEqualTo("skipped: the bare string 'sudo' cannot be checked: idem "
                    + "cannot tell whether the reply must contain it or must not");
        });
        assertThat(result.summary().skipped()).isEqualTo(1);
        assertThat(result.summary().passed()).isZero();
    }

    @Test
    void should_fail_a_case_whose_evaluator_failed_even_when_another_was_skipped() {
        // given
        StringEvaluatorSpec absent = new StringEvaluatorSpec("absent", Operation.CONTAINS, "retries");

        // when
        EvaluationResult result = service(Optional.empty()).evaluate(command(spec(absent, CODE_CHECK), "builtin",
                Optional.empty(), SKIP));

        // then
        assertThat(result.cases().get(0).status()).isEqualTo(CaseStatus.FAILED);
        assertThat(result.summary().failed()).isEqualTo(1);
        assertThat(result.summary().skipped()).isZero();
    }

    @Test
    void should_ask_a_criterion_judge_for_one_of_its_choices_and_pass_on_that_answer() {
        // given
        LlmJudgeSpec criterion = LlmJudgeSpec.ofCriterion("covers retries", Optional.empty(),
                "The design covers retries for {{who}}.", LlmJudgeSpec.PASS_FAIL,
                ModelParameters.DEFAULTS.toBuilder().temperature(0.15).build());

        // when
        EvaluationResult result = service(Optional.empty()).evaluate(command(spec(criterion), "openai",
                Optional.of(ModelChoice.of("judge", "judge-model")), NO_CODE));

        // then
        assertThat(result.cases().get(0).status()).isEqualTo(CaseStatus.PASSED);
        ModelRequest asked = judge.received().get(0);
        assertThat(asked.messages().get(0).content())
                .contains("CRITERION:\nThe design covers retries for Jane \"'); __import__('os').")
                .contains("REPLY:\na design.")
                .endsWith("Answer with exactly one of: pass, fail. Write that answer alone on the last line.");
        assertThat(asked.parameters().temperature()).contains(0.15);
    }

    @Test
    void should_judge_at_temperature_zero_unless_the_spec_says_otherwise() {
        // given
        LlmJudgeSpec criterion = LlmJudgeSpec.ofCriterion("covers retries", Optional.empty(), "It covers retries.",
                LlmJudgeSpec.PASS_FAIL, ModelParameters.DEFAULTS);

        // when
        service(Optional.empty()).evaluate(command(spec(criterion), "openai",
                Optional.of(ModelChoice.of("judge", "judge-model")), NO_CODE));

        // then
        assertThat(judge.received().get(0).parameters().temperature()).contains(0.0);
    }
}
