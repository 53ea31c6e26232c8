package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned model is generated from the train rows, and weighs a negated outcome apart from it. */
class WordEvidenceTest {

    @Test
    void should_ship_exactly_the_weights_that_training_on_the_train_rows_gives_in_both_copies() throws IOException {
        // given
        byte[] shipped = bundled(WordEvidence.RESOURCE);
        String shippedText = new String(bundled(WordEvidence.TEXT_RESOURCE), StandardCharsets.UTF_8);
        // when
        WordEvidenceTrainer.Model fresh = WordEvidenceTrainer.fit(WordEvidenceTrainer.trainingRows());
        // then
        assertThat(shippedText).as("the shipped %s is stale: regenerate it with bench/refusal.sh --train",
                WordEvidence.TEXT_RESOURCE).isEqualTo(WordEvidenceTrainer.shippedText(fresh));
        assertThat(shipped).as("the shipped %s is stale: regenerate it with bench/refusal.sh --train",
                WordEvidence.RESOURCE).isEqualTo(fresh.evidence().encode());
    }

    @Test
    void should_score_as_the_readable_weights_say_when_read_from_the_binary_copy() throws IOException {
        // given: the readable copy's lines
        String text = new String(bundled(WordEvidence.TEXT_RESOURCE), StandardCharsets.UTF_8);
        WordEvidence bundled = WordEvidence.bundled();
        // then: every feature the text names weighs what it says, and a feature it does not name weighs nothing
        text.lines().filter(l -> !l.startsWith("#") && !l.startsWith("(")).forEach(line -> {
            String[] columns = line.split("\t");
            assertThat(bundled.weight(columns[0])).as(line).isCloseTo(Double.parseDouble(columns[1]), within(1e-5));
            assertThat(bundled.idf(columns[0])).as(line).isCloseTo(Double.parseDouble(columns[2]), within(1e-5));
        });
        assertThat(text).contains(String.format(java.util.Locale.ROOT, "(threshold)\t%.5f", bundled.threshold()));
        assertThat(bundled.weight("no feature is spelt like this")).isZero();
    }

    private static byte[] bundled(String resource) throws IOException {
        try (InputStream in = WordEvidence.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void should_never_train_on_a_held_out_file() {
        // given every held-out file's requests (none at times: the folder decides)
        Set<String> heldOut = new HashSet<>();
        for (String file : LabelledRequest.heldOutFiles()) {
            for (LabelledRequest r : LabelledRequest.read(file)) {
                heldOut.add(r.systemContext() + "\n" + r.failureScenarios());
            }
        }
        // then no training row is one of them
        assertThat(WordEvidenceTrainer.trainingRows())
                .noneMatch(r -> heldOut.contains(r.systemContext() + "\n" + r.failureScenarios()));
    }

    @Test
    void should_hold_out_every_file_named_held_out_and_train_on_the_train_files(@TempDir Path folder)
            throws IOException {
        // given a corpus folder with train files, held-out files and a held-out file whose name also says train
        for (String name : List.of("requests.jsonl", "h-train-requests.jsonl", "own-train-requests.jsonl",
                "held-out-k-requests.jsonl", "held-out-l-train-requests.jsonl", "README.md")) {
            Files.writeString(folder.resolve(name), "");
        }
        // when
        List<String> train = LabelledRequest.files(folder, LabelledRequest.TRAIN_FILE);
        List<String> heldOut = LabelledRequest.files(folder, LabelledRequest.HELD_OUT_FILE);
        // then
        assertThat(train).containsExactly("refusal/h-train-requests.jsonl", "refusal/own-train-requests.jsonl");
        assertThat(heldOut).containsExactly("refusal/held-out-k-requests.jsonl",
                "refusal/held-out-l-train-requests.jsonl");
    }

    @Test
    void should_never_train_on_the_test_split() {
        // then
        assertThat(WordEvidenceTrainer.trainingRows()).isNotEmpty().noneMatch(LabelledRequest::test);
    }

    @Test
    void should_extract_words_stems_stem_pairs_and_negation_scope_within_a_clause() {
        // when
        var features = WordFeatures.counts("The card is never charged twice, the retries are logged.");
        // then: the words, their stems, adjacent stems across the comma, and the negation's scope up to the comma
        assertThat(features).containsEntry("charged", 1).containsEntry("~charg", 1).containsEntry("~retr", 1)
                .containsEntry("charg_twice", 1).containsEntry("twice_the", 1)
                .containsEntry("N!charg", 1).containsEntry("N!twice", 1).doesNotContainKey("N!the");
    }

    @Test
    void should_read_typographic_apostrophes_as_the_plain_ones_it_was_trained_on() {
        // given the same request typed in an editor that curls apostrophes, and plainly
        String curled = "We don\u2019t dedupe, and the key isn\u2018t checked.";
        String plain = "We don't dedupe, and the key isn't checked.";
        // when / then: the same features, the negation's scope among them
        assertThat(WordFeatures.counts(curled)).isEqualTo(WordFeatures.counts(plain)).containsKey("N!dedupe");
    }

    @Test
    void should_refuse_an_accepted_double_charge_and_not_a_prevented_one() {
        // given
        WordEvidence evidence = WordEvidence.bundled();
        // when
        var accepted = evidence.score(WordFeatures.text("Card payments through Stripe from a Node service.",
                "Double charges on retries are acceptable to us; support refunds them by hand. Design the retry"
                        + " loop for throughput with no idempotency key."));
        var prevented = evidence.score(WordFeatures.text("Card payments through Stripe from a Node service.",
                "Retries must never double charge: design the idempotency key, its storage and the retry loop so"
                        + " a retried charge runs once."));
        // then
        assertThat(accepted.refuses()).as("%s", accepted.value()).isTrue();
        assertThat(prevented.refuses()).as("%s", prevented.value()).isFalse();
    }
}
