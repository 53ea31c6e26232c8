package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.evaluation.Excerpt;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.SpecInput;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ReportWriter;
import dev.idem.port.out.RequestRejectedException;
import dev.idem.testkit.FixedGatewayProvider;
import dev.idem.testkit.InMemorySpecRepository;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.ScriptedModelGateway;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JudgeEvaluatorTest {

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final IdempotentExecutor executor = new IdempotentExecutor(new InMemoryExecutionStore(clock), clock,
            RandomSource.seeded(5), clock::advance, "test-owner", Duration.ofSeconds(15));
    private final EvaluatorFactory factory = new EvaluatorFactory(() -> {
        throw new AssertionError("no rubric here");
    }, (text, schema) -> Verdict.pass("json not used"), RegexBudget.of(clock),
            Vocabulary.commandLine());
    private final ScriptedModelGateway judge = new ScriptedModelGateway("judge");
    private final TestCase row = new TestCase(1, Map.of("question", "What is 2+2?"), Optional.of("4"), List.of(),
            Optional.empty());
    private final TestCase inputRow = new TestCase(1, Map.of("input", "What is 2+2?"), Optional.of("4"), List.of(),
            Optional.empty());

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void should_choose_the_last_line_ignoring_case() {
        // given
        judge.replying(r -> "Reasoning: the reply is right.\nGOOD");
        // when
        Verdict verdict = qualityJudge().evaluate("four", row);
        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.score()).isEqualTo(1.0);
        assertThat(verdict.details()).contains("judge chose 'good'");
    }

    @Test
    void should_choose_a_choice_in_bold_with_a_final_period() {
        // given
        judge.replying(r -> "It misses the point.\n**bad**.");
        // when
        Verdict verdict = qualityJudge().evaluate("five", row);
        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.score()).isZero();
        assertThat(verdict.details()).contains("judge chose 'bad'");
    }

    @Test
    void should_choose_the_json_choice_field() {
        // given
        judge.replying(r -> "{\"choice\": \"good\"}");
        // when
        Verdict verdict = qualityJudge().evaluate("four", row);
        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.details()).contains("judge chose 'good'");
    }

    @Test
    void should_fail_with_no_choice_when_choice_words_appear_only_in_the_middle() {
        // given
        judge.replying(r -> "this is good but bad");
        // when
        Verdict verdict = qualityJudge().evaluate("four", row);
        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).contains("matched no choice").contains("this is good but bad");
    }

    @Test
    void should_quote_a_long_unmatched_answer_as_every_evaluator_quotes_a_reply() {
        // given
        String rambling = "I weighed it carefully.\n\n" + "It depends on the context. ".repeat(20);
        judge.replying(r -> rambling);
        // when
        Verdict verdict = qualityJudge().evaluate("four", row);
        // then
        assertThat(verdict.details()).endsWith(": " + Excerpt.of(rambling));
        assertThat(Excerpt.of(rambling)).hasSize(Excerpt.MAX).endsWith("…").doesNotContain("\n");
    }

    @Test
    void should_send_the_judge_prompt_filled_with_the_completion_and_the_row_values() {
        // given
        judge.replying(r -> "good");
        // when
        qualityJudge().evaluate("The answer is four", row);
        // then
        assertThat(judge.received()).hasSize(1);
        ModelRequest sent = judge.received().get(0);
        assertThat(sent.model()).isEqualTo("judge-model");
        assertThat(sent.messages()).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER);
        assertThat(sent.messages().get(0).content()).isEqualTo("You grade answers to What is 2+2?");
        assertThat(sent.messages().get(1).content())
                .isEqualTo("Question: What is 2+2?\nExpected: 4\nReply: The answer is four");
    }

    @Test
    void should_use_the_spec_judge_model_only_when_no_judge_model_was_chosen() {
        // given
        judge.replying(r -> "good");
        LlmJudgeSpec spec = new LlmJudgeSpec("quality", Optional.of("spec-judge"), "Reply: {{completion}}",
                choices(), Optional.empty());
        // when
        factory.create(spec, Optional.of(new EvaluatorFactory.Judge(judge, "default-judge", true)), executor,
                ExecutionOptions.defaults()).evaluate("one", row);
        factory.create(spec, Optional.of(new EvaluatorFactory.Judge(judge, "chosen-judge", false)), executor,
                ExecutionOptions.defaults()).evaluate("two", row);
        // then
        assertThat(judge.received()).extracting(ModelRequest::model).containsExactly("spec-judge", "chosen-judge");
    }

    @Test
    void should_score_a_similarity_rating_of_four_as_passed() {
        // given
        judge.replying(r -> "Same core meaning.\n4");
        // when
        Verdict verdict = similarity().evaluate("It is four.", inputRow);
        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.score()).isEqualTo(0.75);
        String prompt = judge.received().get(0).messages().get(1).content();
        assertThat(prompt).contains("QUESTION:\nWhat is 2+2?").contains("EXPECTED:\n4")
                .contains("REPLY:\nIt is four.");
    }

    @Test
    void should_score_a_similarity_rating_of_two_as_failed() {
        // given
        judge.replying(r -> "2");
        // when
        Verdict verdict = similarity().evaluate("It is five.", inputRow);
        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.score()).isEqualTo(0.25);
    }

    @Test
    void should_refuse_to_create_a_builtin_judge_without_a_judge_model() {
        // given
        BuiltinJudgeSpec spec = new BuiltinJudgeSpec("similar", "github/similarity");
        // when / then
        assertThatThrownBy(() -> factory.create(spec, Optional.empty(), executor, ExecutionOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("similar")
                .hasMessageContaining("--judge-provider");
    }

    @Test
    void should_fail_the_evaluation_naming_judge_provider_when_the_builtin_provider_answers_without_a_judge() {
        // given
        ScriptedModelGateway builtin = new ScriptedModelGateway("builtin");
        EvaluateSpecService service = service(new FixedGatewayProvider("builtin", builtin));
        PromptSpec spec = spec(new BuiltinJudgeSpec("similar", "github/similarity"));
        // when / then
        assertThatThrownBy(() -> service.evaluate(command(spec, ModelChoice.of("builtin"), Optional.empty())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--judge-provider");
        assertThat(builtin.calls()).isZero();
    }

    @Test
    void should_make_the_case_an_error_when_the_judge_fails() {
        // given
        ScriptedModelGateway answering = new ScriptedModelGateway("openai");
        judge.replying(r -> {
            throw new RequestRejectedException("judge", "judge refused", null);
        });
        EvaluateSpecService service = service(new FixedGatewayProvider("openai", answering),
                new FixedGatewayProvider("judge", judge));
        PromptSpec spec = spec(new LlmJudgeSpec("quality", Optional.empty(), "Reply: {{completion}}", choices(),
                Optional.empty()));
        // when
        EvaluationResult result = service.evaluate(command(spec, ModelChoice.of("openai"),
                Optional.of(ModelChoice.of("judge", "judge-model"))));
        // then
        CaseResult only = result.cases().get(0);
        assertThat(only.status()).isEqualTo(CaseStatus.ERROR);
        assertThat(only.error()).hasValueSatisfying(e -> assertThat(e)
                .contains("judge for 'quality' failed").contains("judge refused"));
        assertThat(result.summary().errors()).isEqualTo(1);
        assertThat(judge.calls()).isEqualTo(1);
    }

    @Test
    void should_count_no_tokens_for_a_replayed_reply_when_the_judge_fails_again() {
        // given a first evaluation whose judge failed
        ScriptedModelGateway answering = new ScriptedModelGateway("openai");
        judge.replying(r -> {
            throw new RequestRejectedException("judge", "judge refused", null);
        });
        EvaluateSpecService service = service(new FixedGatewayProvider("openai", answering),
                new FixedGatewayProvider("judge", judge));
        PromptSpec spec = spec(new LlmJudgeSpec("quality", Optional.empty(), "Reply: {{completion}}", choices(),
                Optional.empty()));
        EvaluateSpecCommand command = command(spec, ModelChoice.of("openai"),
                Optional.of(ModelChoice.of("judge", "judge-model")));
        service.evaluate(command);
        // when
        EvaluationResult again = service.evaluate(command);
        // then
        CaseResult only = again.cases().get(0);
        assertThat(only.status()).isEqualTo(CaseStatus.ERROR);
        assertThat(only.replayed()).isTrue();
        assertThat(only.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(again.summary().tokens()).isEqualTo(TokenUsage.NONE);
        assertThat(answering.calls()).isEqualTo(1);
    }

    // --- fixtures

    private Evaluator qualityJudge() {
        LlmJudgeSpec spec = new LlmJudgeSpec("quality", Optional.empty(),
                "Question: {{question}}\nExpected: {{expected}}\nReply: {{completion}}", choices(),
                Optional.of("You grade answers to {{question}}"));
        return factory.create(spec, Optional.of(new EvaluatorFactory.Judge(judge, "judge-model", true)), executor,
                ExecutionOptions.defaults());
    }

    private Evaluator similarity() {
        return factory.create(new BuiltinJudgeSpec("similar", "github/similarity"),
                Optional.of(new EvaluatorFactory.Judge(judge, "judge-model", true)), executor,
                ExecutionOptions.defaults());
    }

    private static Map<String, Double> choices() {
        Map<String, Double> choices = new LinkedHashMap<>();
        choices.put("good", 1.0);
        choices.put("bad", 0.0);
        return choices;
    }

    private EvaluateSpecService service(FixedGatewayProvider... providers) {
        return new EvaluateSpecService(new SpecResolver(InMemorySpecRepository.empty()),
                new ModelGateways(List.of(providers), GatewaySettings.of(Map.of())), executor, factory,
                Providers.of("report format", List.<ReportWriter>of(), w -> List.of(w.format())), clock);
    }

    private static PromptSpec spec(EvaluatorSpec evaluator) {
        return PromptSpec.builder("judged").model("gpt-4o-mini").message(Role.USER, "Question: {{question}}")
                .evaluator(evaluator).testCase(TestCase.of(1, Map.of("question", "What is 2+2?"))).build();
    }

    private static EvaluateSpecCommand command(PromptSpec spec, ModelChoice choice, Optional<ModelChoice> judge) {
        return new EvaluateSpecCommand(SpecInput.of(spec), choice, judge, 1, 1, Optional.empty(), Optional.empty(),
                ExecutionOptions.defaults(), null);
    }
}
