package dev.idem.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpectedCheckTest {

    private static TestCase rowExpecting(String expected) {
        return new TestCase(1, Map.of(), Optional.ofNullable(expected), List.of(), Optional.empty());
    }

    @Test
    void should_apply_when_the_row_has_expected_and_no_evaluator_refers_to_it() {
        assertThat(ExpectedCheck.applies(rowExpecting("Idempotency"),
                List.of(RegexEvaluatorSpec.of("r", "key"), new StringEvaluatorSpec("s", Operation.CONTAINS, "TTL"))))
                .isTrue();
        assertThat(ExpectedCheck.applies(rowExpecting("Idempotency"), List.of())).isTrue();
    }

    @Test
    void should_not_apply_when_an_evaluator_refers_to_expected() {
        assertThat(ExpectedCheck.applies(rowExpecting("Idempotency"),
                List.of(new StringEvaluatorSpec("s", Operation.EQUALS, "{{ expected }}")))).isFalse();
        assertThat(ExpectedCheck.applies(rowExpecting("x"), List.of(new BuiltinJudgeSpec("b", "github/similarity"))))
                .isFalse();
    }

    @Test
    void should_not_apply_when_the_row_has_no_expected_value() {
        assertThat(ExpectedCheck.applies(rowExpecting(null), List.of())).isFalse();
        assertThat(ExpectedCheck.applies(rowExpecting("  "), List.of())).isFalse();
    }

    @Test
    void should_pass_when_the_reply_contains_expected_ignoring_case() {
        // when
        Verdict verdict = ExpectedCheck.evaluator().evaluate("An IDEMPOTENCY key per request", rowExpecting("idempotency"));

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.details()).isEqualTo("expected output containing 'idempotency' (ignoring case)");
        assertThat(ExpectedCheck.evaluator().name()).isEqualTo("expected");
    }

    @Test
    void should_fail_with_an_excerpt_when_the_reply_lacks_expected() {
        // when
        Verdict verdict = ExpectedCheck.evaluator().evaluate("{\"error\": \"unsafe\"}", rowExpecting("Idempotency"));

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details())
                .isEqualTo("expected output containing 'Idempotency' (ignoring case), got '{\"error\": \"unsafe\"}'");
    }
}
