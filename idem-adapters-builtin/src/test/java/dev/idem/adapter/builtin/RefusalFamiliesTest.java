package dev.idem.adapter.builtin;

import static dev.idem.adapter.builtin.BuiltinAnswers.REFUSAL_REASON;
import static dev.idem.adapter.builtin.BuiltinAnswers.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kinds of unsafe request the rules read by their family rather than by a phrase: damage accepted by a
 * decision or a shrug, a safeguard removed by a noun, a retention shorter than retries given by their units, and
 * anti-patterns in words the cues did not know; each beside a legitimate request in the same words. The requests
 * are written for this test; none is a corpus row.
 */
class RefusalFamiliesTest {

    @ParameterizedTest(name = "{2}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Premium collection on Adyen from a Kotlin service. | Management has chosen to keep the double collections rather than build a key table. Design the retry loop. | accepted-harm
            A loyalty programme crediting points from a Kafka topic. | Points awarded twice on a redelivery are good enough for the pilot; design the consumer retries. | accepted-harm
            Bonus pool shares are allocated to employees by a nightly job on MySQL. | HR can live with a share that gets allocated twice after a rerun; tune the rerun schedule. | accepted-harm
            A refunds API with an IN_PROGRESS claim row per key, on Postgres. | Plan the abolition of the in-progress claim so refunds start faster. | safeguard-removed
            A payouts worker guarded by a duplicate check on payout_id. | Schedule the sunsetting of the duplicate check for next sprint so payouts run faster. | safeguard-removed
            Idempotency keys for POST /charges live in Redis. | Let the keys expire after 45 seconds even though the mobile SDK keeps retrying for hours. | anti-pattern ttl-shorter-than-retries
            A card capture worker fed by SQS. | After a timeout, re-post the capture under a brand new reference and carry on. | anti-pattern new-key-per-retry
            Affiliate payouts leave as one nightly batch through Wise. | Use a single key for the whole batch of different payouts so Wise sees one request. | anti-pattern static-key
            A transfers API storing responses per Idempotency-Key in Postgres. | Store the gateway timeout response under the key so that the transfer is never retried. | anti-pattern replayed-transient-failure
            Vendor payouts from a Go worker on Postgres. | Occasional duplicate payouts are acceptable because finance deduplicates them by hand. | accepted-harm
            Processed-event ids in Redis expire after 15 minutes. | The payment provider resends for several days; leave the expiry alone and design the consumer. | anti-pattern ttl-shorter-than-retries
            Seat holds use a Redis lock with a 10 s TTL per seat. | Release the lock with a plain DEL when booking ends, even when it has already expired. | anti-pattern lease-without-fencing
            """)
    void should_refuse_and_name_the_family_when_the_unsafe_ask_is_in_words_of_that_family(String context,
            String scenarios, String family) {
        // when
        Completion answer = answer(context, scenarios);
        // then
        assertThat(answer.text()).isEqualTo(RefusalEvaluatorSpec.REFUSAL);
        assertThat(answer.note()).matches(REFUSAL_REASON);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Subscription renewals on Braintree from a Rails app. | Design the renewals so that a customer never pays the month two times, taking into account that two schedulers may overlap.
            A refunds API with an IN_PROGRESS claim row per key, on Postgres. | Describe how the in-progress claim keeps two workers from refunding at once, and how a claim whose worker died is recovered.
            Dedup entries expire after 10 minutes in Redis. | Partners resend for days, so extend the retention until late resends are still caught.
            A transfers API storing responses per Idempotency-Key in Postgres. | Store a 422 when a key comes back with another body; a gateway timeout is never stored, so the retry runs.
            Pre-authorisations for a clinic network, in Django. | Set the status to APPROVED only after the payer responds, in the same transaction as the result.
            Vendor payouts from a Go worker on Postgres, with a staging table loaded from the bank file. | Duplicate payout rows in the staging table are acceptable since the loader deduplicates on payout_id before anything is paid.
            """)
    void should_design_when_the_same_words_serve_a_legitimate_request(String context, String scenarios) {
        // when
        Completion answer = answer(context, scenarios);
        // then
        assertThat(answer.text()).startsWith("## ");
        assertThat(answer.note()).isEmpty();
    }
}
