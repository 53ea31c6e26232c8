package dev.idem.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.DesignFormatEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluatorsTest {

    private static final TestCase ROW = new TestCase(1, Map.of("topic", "Kafka", "name", "Ada"),
            Optional.of("Idempotency"), List.of(), Optional.empty());

    private static final RegexBudget BUDGET = RegexBudget.of(Clock.systemUTC());

    private static Evaluator evaluator(EvaluatorSpec spec) {
        return Evaluators.of(spec, BUDGET).orElseThrow();
    }

    private static Verdict string(Operation operation, String value, String output) {
        return evaluator(new StringEvaluatorSpec("s", operation, value)).evaluate(output, ROW);
    }

    @Test
    void should_give_no_evaluator_for_kinds_that_need_more_than_the_domain() {
        assertThat(Evaluators.of(new JsonEvaluatorSpec("j", Optional.empty()), BUDGET)).isEmpty();
        assertThat(Evaluators.of(new LlmJudgeSpec("l", Optional.empty(), "{{completion}}", Map.of("good", 1.0),
                Optional.empty()), BUDGET)).isEmpty();
        assertThat(Evaluators.of(new BuiltinJudgeSpec("b", "github/coherence"), BUDGET)).isEmpty();
        assertThat(Evaluators.of(new RubricEvaluatorSpec("r", 0.7), BUDGET)).isEmpty();
    }

    @Test
    void should_keep_the_spec_name() {
        assertThat(evaluator(RegexEvaluatorSpec.of("Mentions keys", "key")).name()).isEqualTo("Mentions keys");
        assertThat(evaluator(new RefusalEvaluatorSpec("refuses", true)).name()).isEqualTo("refuses");
        assertThat(evaluator(new DesignFormatEvaluatorSpec("format")).name()).isEqualTo("format");
    }

    @Test
    void should_pass_a_regex_found_anywhere_in_the_reply() {
        // given
        Evaluator regex = evaluator(RegexEvaluatorSpec.of("r", "(TTL|lock|Redis)"));

        // when
        Verdict verdict = regex.evaluate("Use a Redis lock with a TTL.", ROW);

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.score()).isEqualTo(1.0);
        assertThat(verdict.details()).contains("/(TTL|lock|Redis)/").contains("'Redis'");
    }

    @Test
    void should_match_regex_case_sensitively_unless_the_pattern_has_inline_flags() {
        assertThat(evaluator(RegexEvaluatorSpec.of("r", "idempotency")).evaluate("IDEMPOTENCY", ROW).passed())
                .isFalse();
        assertThat(evaluator(RegexEvaluatorSpec.of("r", "(?i)idempotency")).evaluate("IDEMPOTENCY", ROW).passed())
                .isTrue();
    }

    @Test
    void should_match_bold_decisions_with_the_seed_pattern() {
        // given
        Evaluator bold = evaluator(RegexEvaluatorSpec.of("bold", "\\*\\*.*\\*\\*"));

        // when / then
        assertThat(bold.evaluate("- **IN_PROGRESS → COMPLETED**", ROW).passed()).isTrue();
        assertThat(bold.evaluate("no bold here", ROW).passed()).isFalse();
    }

    @Test
    void should_say_what_was_looked_for_and_quote_at_most_120_characters_when_a_regex_fails() {
        // given
        String longReply = "x".repeat(500);

        // when
        Verdict verdict = evaluator(RegexEvaluatorSpec.of("r", "needle")).evaluate(longReply, ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.score()).isZero();
        assertThat(verdict.details()).startsWith("pattern /needle/ not found in '");
        String quoted = verdict.details().substring(verdict.details().indexOf('\'') + 1, verdict.details().length() - 1);
        assertThat(quoted).hasSizeLessThanOrEqualTo(120).endsWith("…");
    }

    @Test
    void should_compare_equals_exactly_and_case_sensitively() {
        assertThat(string(Operation.EQUALS, "Paris", "Paris").passed()).isTrue();
        assertThat(string(Operation.EQUALS, "Paris", "paris").passed()).isFalse();
        assertThat(string(Operation.EQUALS, "Paris", "Paris.").passed()).isFalse();
    }

    @Test
    void should_compare_contains_starts_with_and_ends_with_ignoring_case() {
        assertThat(string(Operation.CONTAINS, "REDIS", "use redis here").passed()).isTrue();
        assertThat(string(Operation.CONTAINS, "kafka", "use redis here").passed()).isFalse();
        assertThat(string(Operation.STARTS_WITH, "USE", "use redis").passed()).isTrue();
        assertThat(string(Operation.STARTS_WITH, "redis", "use redis").passed()).isFalse();
        assertThat(string(Operation.ENDS_WITH, "REDIS", "use redis").passed()).isTrue();
        assertThat(string(Operation.ENDS_WITH, "use", "use redis").passed()).isFalse();
    }

    @Test
    void should_template_the_string_value_with_expected_and_the_row_variables() {
        // when
        Verdict verdict = string(Operation.CONTAINS, "{{ expected }} for {{topic}}", "idempotency for KAFKA consumers");

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.details()).contains("'Idempotency for Kafka'");
        assertThat(string(Operation.EQUALS, "Hello {{name}}", "Hello Ada").passed()).isTrue();
    }

    @Test
    void should_leave_an_unknown_placeholder_in_the_string_value_as_written() {
        assertThat(string(Operation.CONTAINS, "{{missing}}", "text with {{missing}} in it").passed()).isTrue();
        assertThat(string(Operation.CONTAINS, "{{missing}}", "text").passed()).isFalse();
    }

    @Test
    void should_quote_the_reply_when_a_string_check_fails() {
        // when
        Verdict verdict = string(Operation.CONTAINS, "kafka", "We use   Redis\nstreams.");

        // then
        assertThat(verdict.details()).isEqualTo(
                "expected output containing 'kafka' (ignoring case), got 'We use Redis streams.'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"error\": \"unsafe\"}", "{\"error\":\"unsafe\"}", "  {\"error\": \"unsafe\"}\n",
            "{ \"error\" : \"unsafe\" }"})
    void should_pass_an_expected_refusal_that_is_exactly_the_refusal(String reply) {
        assertThat(evaluator(new RefusalEvaluatorSpec("r", true)).evaluate(reply, ROW).passed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sorry. {\"error\": \"unsafe\"}", "{\"error\": \"unsafe\"} because it corrupts data",
            "{\"error\":  \"unsafe\"}", "{\"error\": \"Unsafe\"}", "I cannot help with that.", ""})
    void should_fail_an_expected_refusal_that_is_anything_else(String reply) {
        // when
        Verdict verdict = evaluator(new RefusalEvaluatorSpec("r", true)).evaluate(reply, ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).startsWith("expected exactly the refusal {\"error\": \"unsafe\"}, got '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"error\": \"unsafe\"}", "Design...\n{\"error\":\"unsafe\"}", "x \"error\" :  \"unsafe\" y"})
    void should_fail_a_safe_case_whose_reply_contains_the_refusal(String reply) {
        // when
        Verdict verdict = evaluator(new RefusalEvaluatorSpec("r", false)).evaluate(reply, ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).contains("expected no refusal");
    }

    @Test
    void should_pass_a_safe_case_whose_reply_does_not_refuse() {
        assertThat(evaluator(new RefusalEvaluatorSpec("r", false)).evaluate("an error is unsafe", ROW).passed())
                .isTrue();
    }

    @Test
    void should_pass_a_negated_string_check_only_when_the_comparison_fails() {
        // given
        Evaluator notContains = evaluator(new StringEvaluatorSpec("no name", Operation.CONTAINS, "{{name}}", true));

        // when
        Verdict leaked = notContains.evaluate("Dear ADA,", ROW);
        Verdict clean = notContains.evaluate("Dear customer,", ROW);

        // then
        assertThat(leaked.passed()).isFalse();
        assertThat(leaked.details()).startsWith("expected no output containing 'Ada' (ignoring case)");
        assertThat(clean.passed()).isTrue();
    }

    @Test
    void should_pass_contains_all_only_when_every_value_is_there_and_name_the_missing_ones() {
        // given
        Evaluator all = evaluator(new ContainsAllEvaluatorSpec("all", List.of("LTV", "{{topic}}", "arpa")));

        // when
        Verdict every = all.evaluate("LTV and ARPA for kafka", ROW);
        Verdict some = all.evaluate("LTV only", ROW);

        // then
        assertThat(every.passed()).isTrue();
        assertThat(some.passed()).isFalse();
        assertThat(some.details()).contains("missing 'Kafka', 'arpa'");
    }

    @Test
    void should_let_contains_all_refer_to_expected_instead_of_the_implicit_check() {
        // given
        ContainsAllEvaluatorSpec spec = new ContainsAllEvaluatorSpec("all", List.of("{{ expected }}", "x"));

        // when / then
        assertThat(spec.referencesExpected()).isTrue();
        assertThat(ExpectedCheck.applies(ROW, List.of(spec))).isFalse();
    }
}
