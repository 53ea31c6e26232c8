package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.WordEvidence.Score;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whether a request asks for a design that corrupts data or bypasses safe transactions, deduplication
 * or consistency, and says why. The intent decides, not the vocabulary: idempotency designs are full of
 * alarming words ("unsafe methods", "data corruption", "duplicate charges"), and a request that names a danger
 * in order to prevent, detect, test or remove it gets a design.
 *
 * <p>The request is read sentence by sentence ({@link RequestText}); each rule looks for one kind of unsafe
 * intent and asks {@link Mood} whether the words it found are asked for or only negated, described or reported,
 * and {@link RequestScope} whether a relief applies (an isolated test, a path that changes nothing of value).
 * The rules, in the order they are tried:
 * <ol>
 *   <li>{@link AcceptedHarmRule}: a corrupting outcome, accepted ({@code double billing is acceptable},
 *       {@code finance will reverse any duplicates});</li>
 *   <li>{@link SafeguardRemovalRule}: a safeguard the knowledge base names, removed or gone without, in any
 *       voice ({@code with the dedup step switched off}, {@code without any transaction or compensation});</li>
 *   <li>{@link AntiPatternRule}: a design the knowledge base warns against, asked for ({@code a new key on every
 *       retry}, {@code ack the message before processing it});</li>
 *   <li>{@link RetentionRule}: the same anti-pattern measured: records kept for less time than clients retry;</li>
 *   <li>{@link CorruptionRule}: corruption asked for in so many words.</li>
 * </ol>
 * The safeguards and anti-patterns are knowledge, read from {@code knowledge.yaml} ({@link Safety}); the rules
 * above are language and stay here.
 *
 * <p>The rules are weighed against a learned signal, {@link WordEvidence}: the probability, from the words of
 * the request, that it is unsafe. A rule's finding refuses when that probability is at least
 * {@link Weighing#confirm()} (below it, the words speak for a legitimate request whose phrasing escaped a relief:
 * a legacy flag removed, a test in a sandbox); the words alone refuse when it is at least
 * {@link Weighing#refuse()} (a phrasing no rule knows), unless the request is confined to a path that changes
 * nothing of value. A request shorter than {@link Weighing#minWords()} is left to the rules. The {@link #WEIGHING} was chosen by leave-one-writer-out on the corpus's train split
 * ({@code bench/refusal.sh}).
 * The reason is the rule's finding when there is one, else the sentence whose words weigh most.
 */
final class UnsafeIntentClassifier {

    /**
     * How the word evidence is weighed against the rules.
     *
     * @param refuse      the evidence from which the words alone refuse a request of at least {@code minWords}
     * @param confirm     the evidence below which a rule's finding on such a request is overruled
     * @param minWords    the words a request needs for its evidence to overrule a rule: a bag of words reads too
     *                    little of a short request to overrule a rule that read it whole
     * @param refuseShort the evidence from which the words alone refuse a shorter request (above 1: never)
     */
    record Weighing(double refuse, double confirm, int minWords, double refuseShort) {

        /** The decision on a request the rules have read; the evidence is asked for only when it counts. */
        Optional<UnsafeFinding> decide(Reading reading, Supplier<Score> evidence) {
            Optional<UnsafeFinding> finding = reading.finding();
            boolean isShort = reading.text().words() < minWords;
            if (finding.isPresent() && (isShort || !reading.overrulable()) || isShort && refuseShort > 1) {
                return finding;
            }
            Score score = evidence.get();
            if (finding.isPresent() && score.probability() >= confirm) {
                return Optional.of(finding.get().withEvidence(score.probability()));
            }
            return score.probability() >= (isShort ? refuseShort : refuse) && !vetoed(reading, score)
                    ? WordEvidenceSignal.finding(reading.text(), score) : Optional.empty();
        }

        /**
         * The words alone never refuse what the rules' reliefs cover: a path that changes nothing of value, the
         * removal of a dangerous flag, or a request whose most telling sentence reports the past (an incident
         * write-up, full of the words of the damage it wants prevented), sets a goal of protection ({@code each
         * purchase results in exactly one credit}) or confines itself to an isolated test. A refusal by the words
         * alone quotes that sentence as its reason, and none of these is a reason.
         */
        private static boolean vetoed(Reading reading, Score score) {
            List<RequestText.Sentence> sentences = reading.text().sentences();
            String telling = sentences.isEmpty() ? "" : sentences.get(score.sentence()).normalised();
            boolean reported = Mood.past(telling) && !AcceptedHarmRule.accepts(telling);
            return reading.scope().effectFree() || reading.scope().removesLegacyFlag() || reported
                    || Mood.protects(telling) || reading.scope().isolatedTest(telling);
        }
    }

    /**
     * What the rules make of a request, before the word evidence is weighed.
     *
     * @param text        the request, read
     * @param scope       its reliefs
     * @param finding     the first rule's finding
     * @param overrulable whether the word evidence may overrule that finding
     */
    record Reading(RequestText text, RequestScope scope, Optional<UnsafeFinding> finding, boolean overrulable) {
    }

    /** The weighing chosen by leave-one-writer-out on the train rows ({@code bench/refusal.sh weighing}). */
    static final Weighing WEIGHING = new Weighing(0.9, 0.1, 30, 0.9);

    private final List<IntentRule> rules;
    private final WordFeatures features;
    private final Supplier<WordEvidence> evidence;
    private final Weighing weighing;

    /**
     * Built on first use from the bundled knowledge, so that other providers never pay for it; the weights are
     * read only when a request is long enough to weigh its words.
     */
    private static final class Bundled {
        static final UnsafeIntentClassifier INSTANCE = new UnsafeIntentClassifier(Knowledge.bundled().safety(),
                WordEvidence::bundled, WEIGHING);
    }

    UnsafeIntentClassifier(Safety safety, WordEvidence evidence) {
        this(safety, () -> evidence, WEIGHING);
    }

    private UnsafeIntentClassifier(Safety safety, Supplier<WordEvidence> evidence, Weighing weighing) {
        this.rules = List.of(new AcceptedHarmRule(), new SafeguardRemovalRule(safety), new AntiPatternRule(safety),
                new RetentionRule(safety), new CorruptionRule());
        this.features = new WordFeatures(safety);
        this.evidence = evidence;
        this.weighing = weighing;
    }

    static UnsafeIntentClassifier bundled() {
        return Bundled.INSTANCE;
    }

    /** Why the request is unsafe, or empty when it deserves a design. */
    Optional<UnsafeFinding> classify(String systemContext, String failureScenarios) {
        Reading reading = read(systemContext, failureScenarios);
        return weighing.decide(reading, () -> score(reading.text()));
    }

    /** What the rules make of the request: the first rule's finding, and whether it may be overruled. */
    Reading read(String systemContext, String failureScenarios) {
        RequestText text = RequestText.of(systemContext, failureScenarios);
        RequestScope scope = RequestScope.of(text);
        for (IntentRule rule : rules) {
            Optional<UnsafeFinding> finding = rule.find(text, scope);
            if (finding.isPresent()) {
                return new Reading(text, scope, finding, rule.overrulable());
            }
        }
        return new Reading(text, scope, Optional.empty(), true);
    }

    /** The word evidence for a request. */
    Score score(RequestText text) {
        return evidence.get().score(text, features);
    }
}
