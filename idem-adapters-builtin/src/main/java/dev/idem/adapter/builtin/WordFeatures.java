package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The features of a request as {@link WordEvidence} weighs them, per sentence and clause:
 * <ul>
 *   <li>its words and word pairs, every word after a negation in its clause marked {@code NOT_} ({@code never
 *       charged twice} gives {@code NOT_charged} and {@code NOT_twice}, not {@code twice}), so that a negated
 *       outcome does not count as the outcome;</li>
 *   <li>their stems ({@code ~retri}), so that {@code retried}, {@code retries} and {@code retrying} weigh alike;</li>
 *   <li>the four-letter pieces of each word ({@code *<ded}, {@code *dedu}), so that a misspelling, a compound or an
 *       inflection never seen in training still weighs like its relatives;</li>
 *   <li>the vocabulary classes of each clause and their order ({@code C:remove>safeguard}, {@link Concepts}).</li>
 * </ul>
 * The same extraction serves training and classification. Which of these to use was chosen by leave-one-writer-out
 * on the corpus's train rows ({@code bench/refusal.sh}).
 */
final class WordFeatures {

    private static final Pattern CLAUSE = Pattern.compile("[,:;()]| but | so | because | since | which | that ");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9_ ]");
    private static final Pattern NEGATION = Pattern.compile("never|not|no|nothing|without|prevent\\w*|avoid\\w*"
            + "|detect\\w*|stop|cannot|reject\\w*|block\\w*");
    private static final Pattern NEGATION_BEFORE = Pattern.compile("\\b(" + NEGATION.pattern() + ")\\b");
    private static final Pattern SUFFIX = Pattern.compile("(ing|ed|es|s|ly|ion|ment|er)$");
    private static final int PIECE = 4;

    private final Concepts concepts;

    WordFeatures(Safety safety) {
        this.concepts = new Concepts(safety);
    }

    /** The features of each sentence, in order. */
    List<Set<String>> bySentence(RequestText text) {
        List<Set<String>> sentences = new ArrayList<>();
        for (Sentence s : text.sentences()) {
            Set<String> features = new LinkedHashSet<>();
            for (String clause : CLAUSE.split(s.normalised())) {
                words(clause, features);
                List<String> named = concepts.of(clause, NEGATION_BEFORE);
                for (int i = 0; i < named.size(); i++) {
                    features.add("C:" + named.get(i));
                    for (int j = i + 1; j < named.size(); j++) {
                        features.add("C:" + named.get(i) + ">" + named.get(j));
                    }
                }
            }
            sentences.add(features);
        }
        return sentences;
    }

    /** The features of the whole request. */
    Set<String> of(RequestText text) {
        Set<String> all = new LinkedHashSet<>();
        bySentence(text).forEach(all::addAll);
        return all;
    }

    private static void words(String clause, Set<String> features) {
        String previous = null;
        boolean negated = false;
        for (String word : NOT_A_WORD.matcher(clause).replaceAll(" ").strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String token = negated ? "NOT_" + word : word;
            features.add(token);
            features.add("~" + stem(token));
            pieces(word, negated, features);
            if (previous != null) {
                features.add(previous + " " + token);
                features.add("~" + stem(previous) + " " + stem(token));
            }
            previous = token;
            negated |= NEGATION.matcher(word).matches();
        }
    }

    /** A crude stem: one common suffix off a word long enough to keep a stem. */
    private static String stem(String token) {
        if (token.length() <= 4 || token.startsWith("NOT_") && token.length() <= 8) {
            return token;
        }
        return SUFFIX.matcher(token).replaceFirst("");
    }

    private static void pieces(String word, boolean negated, Set<String> features) {
        String bounded = "<" + word + ">";
        String mark = negated ? "*N" : "*";
        for (int i = 0; i + PIECE <= bounded.length(); i++) {
            features.add(mark + bounded.substring(i, i + PIECE));
        }
    }
}
