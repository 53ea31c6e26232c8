package dev.idem.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.DesignFormatEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignFormatEvaluatorTest {

    private static final TestCase ROW = TestCase.of(1, Map.of());
    private final Evaluator evaluator = new DesignFormatEvaluator(new DesignFormatEvaluatorSpec("format"));

    @Test
    void should_pass_a_compliant_design() {
        // when
        Verdict verdict = evaluator.evaluate(Designs.compliant(), ROW);

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.score()).isEqualTo(1.0);
        assertThat(evaluator.name()).isEqualTo("format");
    }

    @Test
    void should_fail_a_refusal_because_it_is_not_a_design() {
        // when
        Verdict verdict = evaluator.evaluate(" {\"error\": \"unsafe\"}\n", ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.score()).isZero();
        assertThat(verdict.details()).isEqualTo("refusal, not a design");
    }

    @Test
    void should_fail_with_the_broken_rules_and_a_partial_score() {
        // given
        String design = Designs.compliant().replace("## Concurrency control\n\n- A concurrent",
                "## Concurrency control\n\n1. A concurrent") + "\nIn summary, retries are safe.";

        // when
        Verdict verdict = evaluator.evaluate(design, ROW);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.score()).isEqualTo(0.5);
        assertThat(verdict.details()).startsWith("FMT-2: line ").contains("under '## Concurrency control' is a "
                + "numbered item").contains("; FMT-3: line ").contains("is a conclusion: 'In summary, retries are safe.'");
    }
}
