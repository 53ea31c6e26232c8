package dev.idem.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RubricEvaluatorTest {

    private static final TestCase ROW = TestCase.of(1, Map.of());

    private static Evaluator rubric(double threshold) {
        return new RubricEvaluator(new RubricEvaluatorSpec("rubric", threshold), RubricFixture.full());
    }

    @Test
    void should_pass_a_design_covering_the_critical_items_above_the_threshold() {
        // when
        Verdict verdict = rubric(0.7).evaluate(Designs.compliant(), ROW);

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.score()).isEqualTo(1.0);
        assertThat(verdict.details()).isEqualTo("rubric score 1.00 (threshold 0.70); every critical item covered");
    }

    @Test
    void should_fail_naming_the_missing_critical_items() {
        // given: no fencing (CONC-3) and no retry amplification control (RETRY-4)
        String design = Designs.compliant()
                .replace("Every claim carries a fencing token, monotonically increasing, checked by the resource"
                        + " with compare-and-set.", "Claims are checked.")
                .replace("Retries happen in one layer only, behind a retry budget and a circuit breaker, so there is"
                        + " no retry storm.", "");

        // when
        Verdict verdict = rubric(0.5).evaluate(design, ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.score()).isLessThan(1.0).isGreaterThan(0.5);
        assertThat(verdict.details()).contains("missing critical: CONC-3, RETRY-4");
    }

    @Test
    void should_say_under_the_score_what_each_missed_item_asks_with_its_weight() {
        // given: no fencing (CONC-3), and nothing on key scope (KEY-3)
        String design = Designs.compliant()
                .replace("Every claim carries a fencing token, monotonically increasing, checked by the resource"
                        + " with compare-and-set.", "Claims are checked.");

        // when
        Verdict verdict = rubric(0.5).evaluate(design, ROW);

        // then the first line is the summary; an id alone gave the reader nothing to act on
        assertThat(verdict.details().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .startsWith("rubric score ").contains("missing critical: CONC-3"));
        assertThat(verdict.details().lines().skip(1)).contains("- CONC-3 (critical, weight 3): Fencing token or "
                + "optimistic version/CAS checked by the resource so paused/expired holders cannot commit");
        assertThat(verdict.details().lines().skip(1)).allMatch(l -> l.matches("- [A-Z]+-\\d+ \\((critical, )?weight "
                + "[13]\\): .+"));
    }

    @Test
    void should_fail_when_the_score_is_below_the_threshold_even_with_every_critical_item() {
        // given: the ten critical items and nothing else
        String design = """
                ## Keys
                - **Decision: UUIDv7 keys**, SHA-256 fingerprint, INSERT ON CONFLICT, same transaction.
                - 409 for duplicates, fencing token, TTL, full jitter, retry budget, unknown outcome.
                """;

        // when
        Verdict verdict = rubric(0.9).evaluate(design, ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).startsWith("rubric score ").contains("(threshold 0.90); every critical item covered");
    }

    @Test
    void should_fail_a_refusal_because_it_is_not_a_design() {
        // when
        Verdict verdict = rubric(0.0).evaluate("{\"error\": \"unsafe\"}", ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).isEqualTo("refusal, not a design");
    }
}
