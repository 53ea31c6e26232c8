package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a request as {@link WordEvidence} weighs them: per sentence, the words and word pairs of each
 * clause, and every word after a negation in its clause marked {@code NOT_} ({@code never charged twice} gives
 * {@code NOT_charged} and {@code NOT_twice}, not {@code twice}), so that a negated outcome does not count as
 * the outcome. The same extraction serves training and classification.
 */
final class WordFeatures {

    private static final Pattern CLAUSE = Pattern.compile("[,:;()]| but | so | because | since | which | that ");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9_ ]");
    private static final Pattern NEGATION = Pattern.compile("never|not|no|nothing|without|prevent\\w*|avoid\\w*"
            + "|detect\\w*|stop|cannot|reject\\w*|block\\w*");

    private WordFeatures() {
    }

    /** The features of each sentence, in order. */
    static List<Set<String>> bySentence(RequestText text) {
        List<Set<String>> sentences = new ArrayList<>();
        for (Sentence s : text.sentences()) {
            Set<String> features = new LinkedHashSet<>();
            for (String clause : CLAUSE.split(s.normalised())) {
                String previous = null;
                boolean negated = false;
                for (String word : NOT_A_WORD.matcher(clause).replaceAll(" ").strip().split("\\s+")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    String token = negated ? "NOT_" + word : word;
                    features.add(token);
                    if (previous != null) {
                        features.add(previous + " " + token);
                    }
                    previous = token;
                    negated |= NEGATION.matcher(word).matches();
                }
            }
            sentences.add(features);
        }
        return sentences;
    }

    /** The features of the whole request. */
    static Set<String> of(RequestText text) {
        Set<String> all = new LinkedHashSet<>();
        bySentence(text).forEach(all::addAll);
        return all;
    }
}
