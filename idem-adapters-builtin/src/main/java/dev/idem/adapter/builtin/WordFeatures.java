package dev.idem.adapter.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The features of a text as {@link WordEvidence} weighs them, counted (a feature that occurs twice counts twice):
 * <ul>
 *   <li>its words, lower-cased ({@code [a-z0-9]+('[a-z]+)?}: punctuation and other letters separate words);</li>
 *   <li>each word's crude stem, marked {@code ~} ({@code ~retri}), so that {@code retried} and {@code retries}
 *       weigh alike;</li>
 *   <li>each pair of adjacent stems across the whole text ({@code switch_off}, {@code dedup_step}): the decisive asks
 *       are phrases whose single words also occur in benign requests;</li>
 *   <li>the scope of a trigger word within its clause (clauses end at {@code .;:!?,()} and new lines): the stems of
 *       the next {@value #WINDOW} words after a negation ({@code N!dedup} in {@code without the dedup step}), a
 *       prevention or detection ({@code P!}), a test setting ({@code T!}) or a past incident ({@code H!}).</li>
 * </ul>
 * The same extraction serves training and classification. The features, the stemmer and the window are those of
 * the round-6 leave-one-writer-out experiment that generalised to held-out writers (words, stems, stem pairs and
 * scope in one tf-idf block); which to use was decided there, not by reading what this classifier misses.
 */
final class WordFeatures {

    static final int WINDOW = 4;

    private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?");
    private static final Pattern CLAUSE = Pattern.compile("[.;:!?\\n,()]+");
    /** Tried in order; the first that leaves at least three letters comes off. */
    private static final String[] SUFFIXES = {"ational", "ization", "fulness", "iveness", "ations", "nesses", "ments",
        "ation", "ings", "ing", "edly", "ness", "ment", "able", "ible", "ies", "ied", "ers", "est", "ed", "er", "ly",
        "es", "s"};
    private static final Set<String> NEGATION = Set.of("no", "not", "never", "without", "nor", "cannot", "none");
    private static final Set<String> PREVENTION = Set.of("avoid", "avoids", "avoiding", "prevent", "prevents",
            "preventing", "stop", "stops", "stopping", "detect", "detects", "detecting", "reject", "rejects",
            "rejecting", "block", "blocks", "blocking");
    private static final Set<String> TEST = Set.of("test", "tests", "testing", "staging", "sandbox", "fixture",
            "fixtures", "mock", "simulate", "simulated");
    private static final Set<String> PAST = Set.of("incident", "incidents", "postmortem", "outage", "previously",
            "ago");
    private static final Set<String> PERIOD = Set.of("month", "week", "year", "quarter", "time");

    private WordFeatures() {
    }

    /** The text a request is weighed by: its system context, a new line, its failure scenarios. */
    static String text(String systemContext, String failureScenarios) {
        return (systemContext == null ? "" : systemContext) + "\n" + (failureScenarios == null ? "" : failureScenarios);
    }

    /** Each feature of a text with the number of times it occurs, in the order first met. */
    static Map<String, Integer> counts(String text) {
        // an editor's curled apostrophes (U+2019, U+2018) read as the plain one the train rows use
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> words = words(lower);
        String previous = null;
        for (String w : words) {
            String stem = stem(w);
            counts.merge(w, 1, Integer::sum);
            counts.merge("~" + stem, 1, Integer::sum);
            if (previous != null) {
                counts.merge(previous + "_" + stem, 1, Integer::sum);
            }
            previous = stem;
        }
        for (String clause : CLAUSE.split(lower)) {
            scope(words(clause), counts);
        }
        return counts;
    }

    /** A crude stem: the first suffix of {@link #SUFFIXES} off a word of five letters or more. */
    static String stem(String word) {
        if (word.length() <= 4) {
            return word;
        }
        for (String suffix : SUFFIXES) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    /** The words of a lower-cased text, in order. */
    static List<String> words(String lower) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(lower);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static void scope(List<String> words, Map<String, Integer> counts) {
        for (int i = 0; i < words.size(); i++) {
            String trigger = trigger(words, i);
            if (trigger != null) {
                for (int j = i + 1; j < Math.min(words.size(), i + 1 + WINDOW); j++) {
                    counts.merge(trigger + "!" + stem(words.get(j)), 1, Integer::sum);
                }
            }
        }
    }

    private static String trigger(List<String> words, int i) {
        String w = words.get(i);
        if (NEGATION.contains(w) || w.endsWith("n't")) {
            return "N";
        }
        if (PREVENTION.contains(w)) {
            return "P";
        }
        if (TEST.contains(w)) {
            return "T";
        }
        boolean lastPeriod = w.equals("last") && i + 1 < words.size() && PERIOD.contains(words.get(i + 1));
        return PAST.contains(w) || lastPeriod ? "H" : null;
    }
}
