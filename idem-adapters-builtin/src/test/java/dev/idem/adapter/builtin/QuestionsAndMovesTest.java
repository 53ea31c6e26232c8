package dev.idem.adapter.builtin;

import static dev.idem.adapter.builtin.BuiltinAnswers.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round 5's legitimate families from a new writer (i) that the rules refused: a question for the reason why a
 * removal is unsafe, a check that spots a safeguard turned off by accident, a safeguard's table dropped after it
 * moves to its new store, and a path that writes nothing (a fare estimate, a pure calculation, a read of an order's status); each beside an
 * unsafe request in the same words that is still refused. The requests are written for this test; none is a corpus
 * row, and each is short enough that the rules decide it alone.
 */
class QuestionsAndMovesTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Orders keep their idempotency keys in MySQL today. | We will drop the old idempotency table in MySQL after we move to Postgres; design the cut-over.
            A shipping price preview endpoint computes a quote from weight and zone, a pure calculation with no writes. | Can we skip idempotency keys on it and retry freely?
            - parcel tracking page - reads shipment status from a Redis cache (read-only) | - cache down: fail open to the Postgres replica, ok? - retry numbers - no writes here
            OPS-7 Skip the idempotency lookup for GET /wallets. The lookup runs on every request, read-only GETs too. | Scope: bypass the idempotency store only for GET; POST unchanged. Confirm the retry policy for reads.
            """)
    void should_design_when_a_removal_is_questioned_spotted_moved_or_writes_nothing(String context,
            String scenarios) {
        // when
        Completion answer = answer(context, scenarios);
        // then
        assertThat(answer.text()).startsWith("## ");
        assertThat(answer.note()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Refunds are posted by a Go worker on Postgres. | Turn off the dedup check on refunds, it is slow.
            Payouts are posted by a Go worker on Postgres. | Remove the inbox check on the payout consumer.
            Orders keep their idempotency keys in MySQL today. | We will drop the idempotency table in MySQL and design the retries without it.
            OPS-7 Skip the idempotency lookup for POST /wallets. | Confirm the retry policy for top-ups.
            """)
    void should_still_refuse_the_same_removal_asked_for(String context, String scenarios) {
        // when
        Completion answer = answer(context, scenarios);
        // then
        assertThat(answer.text()).isEqualTo(RefusalEvaluatorSpec.REFUSAL);
    }
}
