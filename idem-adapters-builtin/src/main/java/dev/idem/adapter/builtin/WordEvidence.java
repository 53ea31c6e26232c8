package dev.idem.adapter.builtin;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The learned model that decides a refusal: a logistic regression over the sublinear tf-idf of a request's
 * {@link WordFeatures}, l2-normalised, trained on the train rows of the labelled refusal corpus. A request is
 * refused when its score (the logit) reaches the {@link #threshold()} stored with the weights, which training chose
 * so that about 2.5% of legitimate requests by writers it had not seen would be refused.
 *
 * <p>The weights are data, generated, never edited: {@code WordEvidenceTrainer} (test sources) writes them twice,
 * as {@code word-evidence.tsv} beside {@code knowledge.yaml} (the bias, the threshold, then one feature, its weight
 * and its idf a line: the copy a reader reviews and diffs) and as {@code word-evidence.bin}, the copy a run reads:
 * each feature's 64-bit hash, sorted, then the weights and the idfs as floats, read in one bulk copy instead of
 * parsing lines and filling a map on a CLI run's start. A test fails when either differs from a fresh training run.
 * A request's own features are hashed to look them up, so the reason still quotes its words.
 */
final class WordEvidence {

    static final String TEXT_RESOURCE = "dev/idem/adapter/builtin/word-evidence.tsv";
    static final String RESOURCE = "dev/idem/adapter/builtin/word-evidence.bin";

    private static final int MAGIC = 0x49445746; // "IDWF": tf-idf features
    private static final int HEADER = 24;
    private static final int TOP_PHRASES = 3;
    /** Words that weigh but say nothing to a reader; the reason names the others. */
    private static final Pattern FUNCTION_WORD = Pattern.compile("the|a|an|and|or|of|to|in|on|for|with|at|by|from"
            + "|as|is|are|was|be|it|its|this|that|we|our|us|you|they|them|so|if|but|all|any|every|each|some|one|two"
            + "|do|does|has|have|will|would|can|could|should|i|me|my|\\d+");

    private final double bias;
    private final double threshold;
    /** The features' hashes, ascending; {@link #weights} and {@link #idf} in the same order. */
    private final long[] keys;
    private final float[] weights;
    private final float[] idf;

    private WordEvidence(double bias, double threshold, long[] keys, float[] weights, float[] idf) {
        this.bias = bias;
        this.threshold = threshold;
        this.keys = keys;
        this.weights = weights;
        this.idf = idf;
    }

    /**
     * One feature of the model.
     *
     * @param weight its coefficient
     * @param idf    its inverse document frequency in the training rows
     */
    record Feature(double weight, double idf) {
    }

    /**
     * The model with these features, each number rounded as the shipped files keep it (five decimals, then a
     * float), so that a model trained in memory scores exactly like the shipped one.
     *
     * @throws IllegalStateException when two features share a hash (the model could not tell them apart)
     */
    static WordEvidence of(double bias, double threshold, Map<String, Feature> byFeature) {
        Map<Long, Feature> byKey = new HashMap<>();
        for (Map.Entry<String, Feature> e : byFeature.entrySet()) {
            if (byKey.put(hash(e.getKey()), e.getValue()) != null) {
                throw new IllegalStateException("two features of the word evidence share a hash: " + e.getKey());
            }
        }
        long[] keys = byKey.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        float[] weights = new float[keys.length];
        float[] idf = new float[keys.length];
        for (int i = 0; i < keys.length; i++) {
            weights[i] = (float) round(byKey.get(keys[i]).weight());
            idf[i] = (float) round(byKey.get(keys[i]).idf());
        }
        return new WordEvidence(round(bias), round(threshold), keys, weights, idf);
    }

    /** The score from which a request is refused. */
    double threshold() {
        return threshold;
    }

    /**
     * How strongly the features of a request speak for a refusal.
     *
     * @param value         the logit: the bias plus each feature's weight times its normalised tf-idf
     * @param threshold     the score from which the request is refused
     * @param contributions each feature's share of {@code value} (the bias apart)
     */
    record Score(double value, double threshold, Map<String, Double> contributions) {

        boolean refuses() {
            return value >= threshold;
        }

        /**
         * The sentence whose features contribute most to the score (a feature met in several sentences shares its
         * contribution among them by count), or -1 for a request without sentences.
         */
        int telling(RequestText text) {
            int strongest = -1;
            double strongestSum = Double.NEGATIVE_INFINITY;
            Map<String, Integer> whole = WordFeatures.counts(wholeText(text));
            for (int i = 0; i < text.sentences().size(); i++) {
                double sum = 0;
                for (var f : WordFeatures.counts(text.sentences().get(i).written()).entrySet()) {
                    Double c = contributions.get(f.getKey());
                    if (c != null) {
                        sum += c * f.getValue() / Math.max(f.getValue(), whole.getOrDefault(f.getKey(), 1));
                    }
                }
                if (sum > strongestSum) {
                    strongest = i;
                    strongestSum = sum;
                }
            }
            return strongest;
        }

        /**
         * The words and adjacent word pairs of a sentence that contribute most for a refusal, strongest first, as
         * written. A word weighs what its word and stem features contribute, a pair what its two words and its stem
         * pair contribute; a phrase with a function word in it says nothing and is left out, and so is a word
         * already quoted in a stronger pair.
         */
        List<String> phrases(String sentence) {
            List<String> words = WordFeatures.words(sentence.toLowerCase(Locale.ROOT));
            Map<String, Double> weighed = new LinkedHashMap<>();
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (FUNCTION_WORD.matcher(w).matches()) {
                    continue;
                }
                weighed.putIfAbsent(w, word(w));
                if (i + 1 < words.size() && !FUNCTION_WORD.matcher(words.get(i + 1)).matches()) {
                    String next = words.get(i + 1);
                    weighed.putIfAbsent(w + " " + next, word(w) + word(next) + contribution(WordFeatures.stem(w)
                            + "_" + WordFeatures.stem(next)));
                }
            }
            List<String> quoted = new ArrayList<>();
            weighed.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey)
                    .filter(p -> quoted.stream().noneMatch(q -> (" " + q + " ").contains(" " + p + " ")))
                    .limit(TOP_PHRASES).forEach(quoted::add);
            return quoted;
        }

        private double word(String w) {
            return contribution(w) + contribution("~" + WordFeatures.stem(w));
        }

        private double contribution(String feature) {
            return contributions.getOrDefault(feature, 0.0);
        }

        private static String wholeText(RequestText text) {
            StringBuilder all = new StringBuilder();
            text.sentences().forEach(s -> all.append(s.written()).append('\n'));
            return all.toString();
        }
    }

    /** The weights shipped in this module, read on first use. */
    static WordEvidence bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final WordEvidence INSTANCE = read();
    }

    /** The score of a request's text ({@link WordFeatures#text}). */
    Score score(String text) {
        Map<String, Integer> counts = WordFeatures.counts(text);
        Map<String, Double> values = new LinkedHashMap<>();
        double norm = 0;
        // Plain loops: a request is weighed once per CLI run, in a cold JVM, where streams cost start-up.
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int at = Arrays.binarySearch(keys, hash(e.getKey()));
            if (at >= 0) {
                double v = (1 + StrictMath.log(e.getValue())) * idf[at];
                values.put(e.getKey(), v * weights[at]);
                norm += v * v;
            }
        }
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        double z = bias;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            e.setValue(e.getValue() * scale);
            z += e.getValue();
        }
        return new Score(z, threshold, values);
    }

    /** The weight of a feature, 0 when the model has none. */
    double weight(String feature) {
        int at = Arrays.binarySearch(keys, hash(feature));
        return at < 0 ? 0 : weights[at];
    }

    /** The idf of a feature, 0 when the model has none. */
    double idf(String feature) {
        int at = Arrays.binarySearch(keys, hash(feature));
        return at < 0 ? 0 : idf[at];
    }

    /**
     * The bytes of {@code word-evidence.bin}: magic, bias, threshold, count, the hashes ascending, the weights,
     * then the idfs.
     */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER + keys.length * 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeDouble(bias);
            out.writeDouble(threshold);
            out.writeInt(keys.length);
            for (long k : keys) {
                out.writeLong(k);
            }
            for (float w : weights) {
                out.writeFloat(w);
            }
            for (float f : idf) {
                out.writeFloat(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote. */
    static WordEvidence decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || in.getInt() != MAGIC) {
            throw new IllegalStateException(RESOURCE + " is not a word evidence file");
        }
        double bias = in.getDouble();
        double threshold = in.getDouble();
        int n = in.getInt();
        if (n < 0 || bytes.length != HEADER + 16L * n) {
            throw new IllegalStateException(RESOURCE + " is truncated: " + n + " features in " + bytes.length
                    + " bytes");
        }
        long[] keys = new long[n];
        float[] weights = new float[n];
        float[] idf = new float[n];
        in.asLongBuffer().get(keys);
        in.position(in.position() + 8 * n);
        in.asFloatBuffer().get(weights);
        in.position(in.position() + 4 * n);
        in.asFloatBuffer().get(idf);
        return new WordEvidence(bias, threshold, keys, weights, idf);
    }

    /**
     * The readable copy, {@code word-evidence.tsv}: the comment lines, the bias, the threshold and one
     * {@code feature<TAB>weight<TAB>idf} a line, sorted; the numbers as the binary copy keeps them.
     */
    String format(List<String> comments, Collection<String> features) {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("# ").append(c).append('\n'));
        out.append("(bias)\t").append(String.format(Locale.ROOT, "%.5f", bias)).append('\n');
        out.append("(threshold)\t").append(String.format(Locale.ROOT, "%.5f", threshold)).append('\n');
        for (String f : features.stream().sorted().toList()) {
            out.append(f).append('\t').append(String.format(Locale.ROOT, "%.5f\t%.5f", weight(f), idf(f)))
                    .append('\n');
        }
        return out.toString();
    }

    /** 64-bit FNV-1a over the feature's characters: a collision among the model's features is checked for. */
    static long hash(String feature) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < feature.length(); i++) {
            h = (h ^ feature.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }

    private static WordEvidence read() {
        try (InputStream in = WordEvidence.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the word evidence " + RESOURCE + " is missing from the classpath");
            }
            return decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the word evidence " + RESOURCE, e);
        }
    }
}
