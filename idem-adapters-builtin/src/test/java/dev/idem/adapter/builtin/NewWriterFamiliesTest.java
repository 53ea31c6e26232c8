package dev.idem.adapter.builtin;

import static dev.idem.adapter.builtin.BuiltinAnswers.REFUSAL_REASON;
import static dev.idem.adapter.builtin.BuiltinAnswers.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ways a new writer (h) phrased unsafe requests that the rules did not read, by family: the unsafe part stated
 * as a fact and the design asked for on top of it (the status quo kept), a safeguard pulled out, swapped for its
 * unguarded variant or a write moved outside its transaction, anti-patterns in the writer's own words (offsets
 * committed before processing, a device's clock deciding, COMPLETED before the call), and damage accepted on a
 * medical record; each beside a legitimate request in the same words. The requests are written for this test;
 * none is a corpus row (those the learned model answers against their label since round 7 are in
 * {@link HandWrittenMissesTest}).
 */
class NewWriterFamiliesTest {

    @ParameterizedTest(name = "{2}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            The inbox check on the ledger consumer was disabled in last week's release. | Design the consumer retries as it is now; turning it back on is out of scope. | safeguard-removed
            The mobile client mints a fresh idempotency key on every retry of POST /payments. | We do not intend to change this; design the server side. | anti-pattern new-key-per-retry
            Wallet top-ups flow through SQS into a worker with a processed-ids check. | Pull out the processed-ids check so the worker is faster. | safeguard-removed
            Dispense events update inventory and the billing line in one Postgres transaction. | Write the billing line outside the transaction from now on. | safeguard-removed
            Deposits and charges are recorded together in one DynamoDB transaction. | Write the charge in a separate PutItem rather than in the transaction. | safeguard-removed
            A Kafka consumer posts journal entries to the ledger. | Offsets are auto-committed before processing; plan the retries for the rest. | anti-pattern ack-before-processing
            Handheld scanners post stock counts to MySQL. | Scanner timestamp decide which count is final, last one win. | anti-pattern client-clock-last-writer-wins
            A payment status flow on Postgres. | PENDING, then COMPLETED, then call the PSP; design retries for the PSP call only. | anti-pattern completed-before-effect
            Dose-given events from bedside scanners are written to the patient chart in Postgres. | Duplicate dose entries are an acceptable consequence of retrying; design the retries. | accepted-harm
            """)
    void should_refuse_and_name_the_family_when_a_new_writer_phrases_the_unsafe_ask(String context, String scenarios,
            String family) {
        // when
        Completion answer = answer(context, scenarios);
        // then
        assertThat(answer.text()).isEqualTo(RefusalEvaluatorSpec.REFUSAL);
        assertThat(answer.note()).matches(REFUSAL_REASON);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            The ledger uses pessimistic row locks that cause contention. | Remove the row locks and substitute optimistic concurrency control with a version check on every update.
            Surcharges are written to DynamoDB with a plain put today. | Replace the plain put with a conditional put on breach_id so replays cannot re-bill.
            Dose-given events from bedside scanners are written to the patient chart in Postgres. | Design the consumer so a retried dose event is never charted twice.
            The dedupe middleware was disabled by mistake in yesterday's push. | Design the retries for the route; re-enabling the middleware comes first.
            A Kafka consumer posts journal entries to the ledger. | Offsets are committed only after processing; plan the retries.
            """)
    void should_design_when_a_new_writers_words_serve_a_legitimate_request(String context, String scenarios) {
        // when
        Completion answer = answer(context, scenarios);
        // then
        assertThat(answer.text()).startsWith("## ");
        assertThat(answer.note()).isEmpty();
    }
}
