package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.WordEvidence.Score;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Signal {@code word-evidence}: the refusal that the learned {@link WordEvidence} makes on its own, when the
 * words of a request weigh strongly enough for it and no rule named the reason. The reason names the sentence
 * whose words weigh most and those words.
 */
final class WordEvidenceSignal {

    static final String ID = "word-evidence";

    private WordEvidenceSignal() {
    }

    static Optional<UnsafeFinding> finding(RequestText text, Score score) {
        if (text.sentences().isEmpty()) {
            return Optional.empty();
        }
        String words = score.words().stream().map(w -> "\"" + w.replace("NOT_", "not ") + "\"")
                .collect(Collectors.joining(", "));
        return Optional.of(new UnsafeFinding(ID, "the request's words weigh for an unsafe design, learned from the"
                + " labelled corpus (most telling: " + words + ")", text.sentences().get(score.sentence()).written())
                .withEvidence(score.probability()));
    }
}
