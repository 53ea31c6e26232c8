package dev.idem.adapter.builtin;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Why the architect refused a request: which signal found unsafe intent and the words it found it in, so that
 * a user who disagrees knows what to rephrase.
 *
 * @param rule      the signal: a rule's id such as {@code accepted-harm}, or {@code word-evidence}
 * @param what      what it found: for a rule e.g. {@code accepts a corrupting outcome}; for the learned model the
 *                  telling sentence's phrases that weigh most, e.g. {@code switch off, dedup step}
 * @param words     the sentence of the request it found it in, as written
 * @param score     the learned model's score for the request ({@link WordEvidence}), when it was weighed
 * @param threshold the score from which the model refuses
 */
record UnsafeFinding(String rule, String what, String words, OptionalDouble score, double threshold) {

    private static final int MAX_WORDS = 160;

    UnsafeFinding(String rule, String what, String words) {
        this(rule, what, words, OptionalDouble.empty(), 0);
    }

    UnsafeFinding withEvidence(double score, double threshold) {
        return new UnsafeFinding(rule, what, words, OptionalDouble.of(score), threshold);
    }

    /**
     * One line: for the learned model, e.g. {@code refused as unsafe (signal word-evidence, score 2.10 over 0.32):
     * "Design the payout worker with the dedup step switched off." (switch off, dedup step)}; for a rule, e.g.
     * {@code refused as unsafe (rule accepted-harm, score 0.12 over 0.32): accepts a corrupting outcome, in "Double
     * billing on retries is acceptable to us."}.
     */
    String explanation() {
        String quoted = words.replaceAll("\\s+", " ").strip();
        if (quoted.length() > MAX_WORDS) {
            int cut = quoted.lastIndexOf(' ', MAX_WORDS);
            quoted = quoted.substring(0, cut > 40 ? cut : MAX_WORDS) + " …";
        }
        boolean model = rule.equals(WordEvidenceSignal.ID);
        String weighed = score.isPresent()
                ? String.format(Locale.ROOT, ", score %.2f over %.2f", score.getAsDouble(), threshold) : "";
        return "refused as unsafe (" + (model ? "signal " : "rule ") + rule + weighed + "): "
                + (model ? "\"" + quoted + "\"" + (what.isEmpty() ? "" : " (" + what + ")")
                        : what + ", in \"" + quoted + "\"");
    }
}
