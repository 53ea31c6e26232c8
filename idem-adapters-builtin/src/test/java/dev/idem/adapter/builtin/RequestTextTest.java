package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules read a request normalised: spellings that would hide a word from a pattern are undone. */
class RequestTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            We don't want a dedup-free, lock-free rewrite.          | we do not want a free of dedup, free of lock rewrite
            Drop the idempotency-key validation w/o a replacement.  | drop the idempotency key validation without a replacement
            Call Stripe sans retries, minus the Idempotency-Key.    | call stripe without retries, without the idempotency key
            Remove the `--skip-dedup` flag and dedupe.disabled=true. | remove the __skip_dedup flag and dedupe_disabled=true
            Kafka's transactional.id and `kill-stale-locks` job     | kafka's transactional_id and kill_stale_locks job
            **Ask:** keyless POSTs, INSERT IGNORE on *test* db      | ask: without key posts, insert_ignore on test db
            """)
    void should_normalise_what_hides_a_word_from_the_rules(String written, String read) {
        // when
        String normalised = RequestText.normalise(written);
        // then
        assertThat(normalised).isEqualTo(read);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            One. Two; three! - four\\n- five | 5
            ## Context\\nA | B                 | 3
            """)
    void should_cut_bullets_lines_sentences_and_ticket_fields_into_sentences(String context, int sentences) {
        // when
        RequestText text = RequestText.of(context.replace("\\n", "\n"), "");
        // then
        assertThat(text.sentences()).hasSize(sentences);
    }
}
