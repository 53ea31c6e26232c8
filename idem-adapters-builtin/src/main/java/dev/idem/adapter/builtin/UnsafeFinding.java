package dev.idem.adapter.builtin;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Why the architect refused a request: which signal found unsafe intent and the words it found it in, so that
 * a user who disagrees knows what to rephrase.
 *
 * @param rule     the signal: a rule's id such as {@code accepted-harm}, or {@code word-evidence}
 * @param what     what it found, e.g. {@code accepts a corrupting outcome}
 * @param words    the sentence of the request it found it in, as written
 * @param evidence the learned word evidence for the request ({@link WordEvidence}), when it was weighed
 */
record UnsafeFinding(String rule, String what, String words, OptionalDouble evidence) {

    private static final int MAX_WORDS = 160;

    UnsafeFinding(String rule, String what, String words) {
        this(rule, what, words, OptionalDouble.empty());
    }

    UnsafeFinding withEvidence(double probability) {
        return new UnsafeFinding(rule, what, words, OptionalDouble.of(probability));
    }

    /**
     * One line, e.g. {@code refused as unsafe (rule accepted-harm; word evidence 0.93): accepts a corrupting
     * outcome, in "Double billing on retries is acceptable to us."}.
     */
    String explanation() {
        String quoted = words.replaceAll("\\s+", " ").strip();
        if (quoted.length() > MAX_WORDS) {
            int cut = quoted.lastIndexOf(' ', MAX_WORDS);
            quoted = quoted.substring(0, cut > 40 ? cut : MAX_WORDS) + " …";
        }
        String signal = rule.equals(WordEvidenceSignal.ID) ? "signal " + rule : "rule " + rule;
        String weighed = evidence.isPresent()
                ? String.format(Locale.ROOT, "; word evidence %.2f", evidence.getAsDouble()) : "";
        return "refused as unsafe (" + signal + weighed + "): " + what + ", in \"" + quoted + "\"";
    }
}
