package dev.idem.adapter.builtin;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The learned signal: a logistic regression over the words of a request ({@link WordFeatures}), trained on the
 * train split of the labelled refusal corpus, that gives the probability that the request asks for something
 * unsafe. It generalises over phrasings the rules do not know, and it tempers them: the words of a request that
 * removes a legacy flag or tests in a sandbox weigh against a refusal even when a rule's relief misses the
 * phrasing. {@link UnsafeIntentClassifier} decides how the two combine.
 *
 * <p>The weights are data, generated, never edited: {@code WordEvidenceTrainer} (test sources) writes them twice,
 * as {@code word-evidence.tsv} beside {@code knowledge.yaml} (one feature and its weight a line, plus the bias:
 * the copy a reader reviews and diffs) and as {@code word-evidence.bin}, the copy a run reads: each feature's
 * 64-bit hash, sorted, then the weights as floats, read in one bulk copy instead of parsing sixteen thousand
 * lines and filling a map on a CLI run's start. A test fails when either differs from a fresh training run. A
 * request's own features are hashed to look their weights up, so the reason still quotes its words.
 */
final class WordEvidence {

    static final String TEXT_RESOURCE = "dev/idem/adapter/builtin/word-evidence.tsv";
    static final String RESOURCE = "dev/idem/adapter/builtin/word-evidence.bin";

    private static final int MAGIC = 0x49445745; // "IDWE"
    private static final int TOP_WORDS = 4;
    /** Words and word pairs, which a reader recognises; stems, pieces of words and classes are not quoted. */
    private static final Pattern READABLE = Pattern.compile("[\\w ]+");
    /** Words that weigh but say nothing to a reader; the reason names the others. */
    private static final Pattern FUNCTION_WORD = Pattern.compile("(NOT_)?(the|a|an|and"
            + "|or|of|to|in|on|for|with|at|by|from|as|is|are|was|be|it|its|this|that|we|our|us|you|they|them|so|if"
            + "|but|all|any|every|each|some|one|two|do|does|has|have|will|would|can|could|should|\\d+)");

    private final double bias;
    /** The features' hashes, ascending; {@link #weights} in the same order. */
    private final long[] keys;
    private final float[] weights;

    private WordEvidence(double bias, long[] keys, float[] weights) {
        this.bias = bias;
        this.keys = keys;
        this.weights = weights;
    }

    /**
     * The model with these weights, each rounded as the shipped files keep it (five decimals, then a float), so
     * that a model trained in memory scores exactly like the shipped one.
     *
     * @throws IllegalStateException when two features share a hash (the model could not tell them apart)
     */
    static WordEvidence of(double bias, Map<String, Double> byFeature) {
        long[] keys = new long[byFeature.size()];
        Map<Long, Float> byKey = new HashMap<>();
        for (Map.Entry<String, Double> e : byFeature.entrySet()) {
            if (byKey.put(hash(e.getKey()), (float) round(e.getValue())) != null) {
                throw new IllegalStateException("two features of the word evidence share a hash: " + e.getKey());
            }
        }
        int i = 0;
        for (long k : byKey.keySet()) {
            keys[i++] = k;
        }
        Arrays.sort(keys);
        float[] weights = new float[keys.length];
        for (i = 0; i < keys.length; i++) {
            weights[i] = byKey.get(keys[i]);
        }
        return new WordEvidence(round(bias), keys, weights);
    }

    /**
     * How strongly the words of a request speak for a refusal, and where.
     *
     * @param probability the model's probability that the request is unsafe
     * @param sentence    the index of the sentence whose words weigh most for it
     * @param telling     that sentence's features
     * @param evidence    the model that weighed them
     */
    record Score(double probability, int sentence, Set<String> telling, WordEvidence evidence) {

        /**
         * The features of the telling sentence that weigh most for a refusal, strongest first: only a refusal
         * quotes them, so they are sorted only when asked for.
         */
        List<String> words() {
            return telling.stream()
                    .filter(f -> evidence.weight(f) > 0 && READABLE.matcher(f).matches()
                            && !FUNCTION_WORD.matcher(f).matches())
                    .sorted(Comparator.comparingDouble((String f) -> -evidence.weight(f)).thenComparing(f -> f))
                    .limit(TOP_WORDS).toList();
        }
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
        // Plain loops: a short request is weighed once per CLI run, in a cold JVM, where streams cost start-up.
        Set<String> counted = new HashSet<>();
        double z = bias;
        int strongest = -1;
        double strongestSum = 0;
        for (int i = 0; i < sentences.size(); i++) {
            double sum = 0;
            for (String feature : sentences.get(i)) {
                double weight = weight(feature);
                if (counted.add(feature)) {
                    z += weight;
                }
                sum += Math.max(0, weight);
            }
            if (sum > strongestSum) {
                strongest = i;
                strongestSum = sum;
            }
        }
        Set<String> telling = strongest < 0 ? Set.of() : sentences.get(strongest);
        return new Score(1 / (1 + Math.exp(-z)), Math.max(0, strongest), telling, this);
    }

    /** The weight of a feature, 0 when the model has none. */
    double weight(String feature) {
        int at = Arrays.binarySearch(keys, hash(feature));
        return at < 0 ? 0 : weights[at];
    }

    /** The bytes of {@code word-evidence.bin}: magic, bias, count, the hashes ascending, then the weights. */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + keys.length * 12);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeDouble(bias);
            out.writeInt(keys.length);
            for (long k : keys) {
                out.writeLong(k);
            }
            for (float w : weights) {
                out.writeFloat(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote. */
    static WordEvidence decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 16 || in.getInt() != MAGIC) {
            throw new IllegalStateException(RESOURCE + " is not a word evidence file");
        }
        double bias = in.getDouble();
        int n = in.getInt();
        if (n < 0 || bytes.length != 16 + 12L * n) {
            throw new IllegalStateException(RESOURCE + " is truncated: " + n + " weights in " + bytes.length + " bytes");
        }
        long[] keys = new long[n];
        float[] weights = new float[n];
        in.asLongBuffer().get(keys);
        in.position(in.position() + 8 * n);
        in.asFloatBuffer().get(weights);
        return new WordEvidence(bias, keys, weights);
    }

    /**
     * The readable copy, {@code word-evidence.tsv}: the comment lines, the bias and one {@code feature<TAB>weight}
     * a line, sorted; the weights as the binary copy keeps them.
     */
    String format(List<String> comments, Collection<String> features) {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("# ").append(c).append('\n'));
        out.append("(bias)\t").append(String.format(Locale.ROOT, "%.5f", bias)).append('\n');
        for (String f : features.stream().sorted().toList()) {
            out.append(f).append('\t').append(String.format(Locale.ROOT, "%.5f", weight(f))).append('\n');
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

    private static double round(double weight) {
        return Math.round(weight * 1e5) / 1e5;
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
