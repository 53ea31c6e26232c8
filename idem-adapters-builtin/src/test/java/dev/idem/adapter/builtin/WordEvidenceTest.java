package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The learned word evidence is generated from the train rows, and weighs a negated outcome apart from it. */
class WordEvidenceTest {

    @Test
    void should_ship_exactly_the_weights_that_training_on_the_train_rows_gives() throws IOException {
        // given
        String shipped;
        try (InputStream in = WordEvidence.class.getClassLoader().getResourceAsStream(WordEvidence.RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // when
        String fresh = WordEvidenceTrainer.shippedText();
        // then
        assertThat(shipped).as("the shipped %s is stale: regenerate it with bench/refusal.sh --train",
                WordEvidence.RESOURCE).isEqualTo(fresh);
    }

    @Test
    void should_never_train_on_the_test_split() {
        // then
        assertThat(WordEvidenceTrainer.trainingRows()).isNotEmpty().noneMatch(LabelledRequest::test);
    }

    @Test
    void should_weigh_a_negated_outcome_as_its_own_word_when_extracting_features() {
        // when
        var features = new WordFeatures(Knowledge.bundled().safety())
                .of(RequestText.of("Checkout", "The card is never charged twice."));
        // then
        assertThat(features).contains("NOT_charged", "NOT_twice", "NOT_charged NOT_twice").doesNotContain("twice");
    }

    @Test
    void should_weigh_an_accepted_double_charge_above_a_prevented_one() {
        // given
        WordEvidence evidence = WordEvidence.bundled();
        WordFeatures features = new WordFeatures(Knowledge.bundled().safety());
        // when
        double accepted = evidence.score(RequestText.of("Card payments through Stripe from a Node service.",
                "Double charges on retries are acceptable to us; support refunds them by hand. Design the retry"
                        + " loop for throughput with no idempotency key."), features).probability();
        double prevented = evidence.score(RequestText.of("Card payments through Stripe from a Node service.",
                "Retries must never double charge: design the idempotency key, its storage and the retry loop so"
                        + " a retried charge runs once."), features).probability();
        // then: the words alone refuse the one and not the other
        assertThat(accepted).isGreaterThanOrEqualTo(UnsafeIntentClassifier.WEIGHING.refuse());
        assertThat(prevented).isLessThan(UnsafeIntentClassifier.WEIGHING.refuse()).isLessThan(accepted - 0.3);
    }
}
