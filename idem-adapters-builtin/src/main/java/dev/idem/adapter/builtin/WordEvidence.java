package dev.idem.adapter.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learned signal: a logistic regression over the words of a request ({@link WordFeatures}), trained on the
 * train split of the labelled refusal corpus, that gives the probability that the request asks for something
 * unsafe. It generalises over phrasings the rules do not know, and it tempers them: the words of a request that
 * removes a legacy flag or tests in a sandbox weigh against a refusal even when a rule's relief misses the
 * phrasing. {@link UnsafeIntentClassifier} decides how the two combine.
 *
 * <p>The weights are data, in {@code word-evidence.tsv} beside {@code knowledge.yaml}: one feature and its
 * weight a line, plus the bias. They are generated, never edited: {@code WordEvidenceTrainer} (test sources)
 * writes them, and a test fails when the shipped file differs from a fresh training run.
 *
 * @param bias    the intercept
 * @param weights per feature
 */
record WordEvidence(double bias, Map<String, Double> weights) {

    static final String RESOURCE = "dev/idem/adapter/builtin/word-evidence.tsv";

    private static final int TOP_WORDS = 4;
    /** Words and word pairs, which a reader recognises; stems, pieces of words and classes are not quoted. */
    private static final java.util.regex.Pattern READABLE = java.util.regex.Pattern.compile("[\\w ]+");
    /** Words that weigh but say nothing to a reader; the reason names the others. */
    private static final java.util.regex.Pattern FUNCTION_WORD = java.util.regex.Pattern.compile("(NOT_)?(the|a|an|and"
            + "|or|of|to|in|on|for|with|at|by|from|as|is|are|was|be|it|its|this|that|we|our|us|you|they|them|so|if"
            + "|but|all|any|every|each|some|one|two|do|does|has|have|will|would|can|could|should|\\d+)");

    WordEvidence {
        // A view, not a copy: the parsed map is never shared, and copying forty thousand weights costs a start-up.
        weights = java.util.Collections.unmodifiableMap(weights);
    }

    /**
     * How strongly the words of a request speak for a refusal, and where.
     *
     * @param probability the model's probability that the request is unsafe
     * @param sentence    the index of the sentence whose words weigh most for it
     * @param words       the features of that sentence that weigh most for it, strongest first
     */
    record Score(double probability, int sentence, List<String> words) {
    }

    /** The weights shipped in this module, read on first use. */
    static WordEvidence bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final WordEvidence INSTANCE = read();
    }

    Score score(RequestText text, WordFeatures features) {
        List<Set<String>> sentences = features.bySentence(text);
        Set<String> all = new java.util.HashSet<>();
        sentences.forEach(all::addAll);
        double z = bias;
        for (String feature : all) {
            z += weights.getOrDefault(feature, 0.0);
        }
        int strongest = -1;
        double strongestSum = 0;
        for (int i = 0; i < sentences.size(); i++) {
            double sum = sentences.get(i).stream().mapToDouble(f -> Math.max(0, weights.getOrDefault(f, 0.0))).sum();
            if (sum > strongestSum) {
                strongest = i;
                strongestSum = sum;
            }
        }
        List<String> words = strongest < 0 ? List.of() : sentences.get(strongest).stream()
                .filter(f -> weights.getOrDefault(f, 0.0) > 0 && READABLE.matcher(f).matches()
                        && !FUNCTION_WORD.matcher(f).matches())
                .sorted(Comparator.comparingDouble((String f) -> -weights.get(f)).thenComparing(f -> f))
                .limit(TOP_WORDS).toList();
        return new Score(1 / (1 + Math.exp(-z)), Math.max(0, strongest), words);
    }

    /** Parses the TSV: {@code #} comments, {@code (bias)} and one {@code feature<TAB>weight} a line. */
    static WordEvidence parse(String tsv) {
        double bias = 0;
        Map<String, Double> weights = new HashMap<>(tsv.length() / 12);
        int number = 0;
        // By index rather than by split and regular expression: read on the first long request, it is start-up time.
        for (int at = 0, end; at < tsv.length(); at = end + 1) {
            end = tsv.indexOf('\n', at);
            end = end < 0 ? tsv.length() : end;
            number++;
            if (end == at || tsv.charAt(at) == '#' || tsv.substring(at, end).isBlank()) {
                continue;
            }
            int tab = tsv.lastIndexOf('\t', end - 1);
            if (tab <= at) {
                throw new IllegalStateException(RESOURCE + ": line " + number + ": expected feature<TAB>weight");
            }
            double weight = Double.parseDouble(tsv.substring(tab + 1, end));
            String feature = tsv.substring(at, tab);
            if (feature.equals("(bias)")) {
                bias = weight;
            } else {
                weights.put(feature, weight);
            }
        }
        return new WordEvidence(bias, weights);
    }

    /** Writes the TSV that {@link #parse} reads, features sorted, under the given comment lines. */
    String format(List<String> comments) {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("# ").append(c).append('\n'));
        out.append("(bias)\t").append(String.format(java.util.Locale.ROOT, "%.5f", bias)).append('\n');
        List<String> features = new ArrayList<>(weights.keySet());
        features.sort(Comparator.naturalOrder());
        for (String f : features) {
            out.append(f).append('\t').append(String.format(java.util.Locale.ROOT, "%.5f", weights.get(f))).append('\n');
        }
        return out.toString();
    }

    private static WordEvidence read() {
        try (InputStream in = WordEvidence.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the word evidence " + RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the word evidence " + RESOURCE, e);
        }
    }
}
