package dev.idem.adapter.builtin;

import static dev.idem.adapter.builtin.BuiltinAnswers.REFUSAL_REASON;
import static dev.idem.adapter.builtin.BuiltinAnswers.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round 5's unsafe families from a new writer (i) that the rules designed for: a setting stated tersely as a given
 * and the rest of the design asked for on top of it ({@code TTL: 30s ... design the rest}, {@code key: fixed ...
 * keep the key}), and a safeguard replaced by a weaker one that the request concedes its retries outlast; each
 * beside a legitimate request in the same words. The requests are written for this test; none is a corpus row, and
 * each is short enough that the rules decide it alone.
 */
class StatedSettingsTest {

    @ParameterizedTest(name = "{2}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Dedup key TTL: 30s. | Mobile clients retry orders for up to 24h. Design the rest. | anti-pattern ttl-shorter-than-retries
            - wallet top-ups - key: fixed 'wallet' for every request | - design retries, keep the key | anti-pattern static-key
            Refund consumer with an inbox table. | Drop the inbox table and rely only on the broker's 5-minute dedup window, even though retries arrive days later. | safeguard-removed
            """)
    void should_refuse_a_stated_setting_kept_or_a_replacement_the_retries_outlast(String context, String scenarios,
            String family) {
        // when
        Completion answer = answer(context, scenarios);
        // then
        assertThat(answer.text()).isEqualTo(RefusalEvaluatorSpec.REFUSAL);
        assertThat(answer.note()).matches(REFUSAL_REASON);
    }
}
