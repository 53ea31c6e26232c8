package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.WordEvidence.Score;
import java.util.Optional;

/**
 * Signal {@code word-evidence}: the refusal that the learned {@link WordEvidence} makes. The reason names the
 * sentence whose features contribute most to the score and its phrases that contribute most.
 */
final class WordEvidenceSignal {

    static final String ID = "word-evidence";

    private WordEvidenceSignal() {
    }

    static Optional<UnsafeFinding> finding(RequestText text, Score score) {
        int telling = score.telling(text);
        if (telling < 0) {
            return Optional.of(new UnsafeFinding(ID, "", "").withEvidence(score.value(), score.threshold()));
        }
        String sentence = text.sentences().get(telling).written();
        return Optional.of(new UnsafeFinding(ID, String.join(", ", score.phrases(sentence)), sentence)
                .withEvidence(score.value(), score.threshold()));
    }
}
