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
 * <p>The decision is the learned model's, {@link WordEvidence}: a logistic regression over the request's words,
 * stems, stem pairs and negation, prevention, test and incident scopes ({@link WordFeatures}), refusing from a
 * threshold chosen on writers it had not seen. It is the one signal that generalised to writers nobody had read
 * when it was written (round 6's leave-one-writer-out experiment, reproduced by {@code bench/refusal.sh}).
 *
 * <p>The named rules read the request sentence by sentence ({@link RequestText}), each looking for one kind of
 * unsafe intent, asking {@link Mood} whether the words are asked for and {@link RequestScope} whether a relief
 * applies: {@link AcceptedHarmRule}, {@link SafeguardRemovalRule}, {@link AntiPatternRule}, {@link RetentionRule}
 * and {@link CorruptionRule}. They were written after reading every train writer, so their leave-one-writer-out
 * gain is flattered; a {@link Weighing} says whether they may add a refusal on top of the model's, and whether
 * their reliefs may overrule it, and what changes on a short request ({@link Brevity}), which gives the bag of phrases
 * little to weigh. The {@link #WEIGHING} shipped was chosen by leave-one-writer-out ({@code bench/refusal.sh weighing}).
 * The reason names the signal and the clause: for the model, the sentence whose features contribute most to the
 * score and its most telling phrases; for a rule, its finding.
 */
final class UnsafeIntentClassifier {

    /**
     * How the rules are weighed against the model.
     *
     * @param name       how the bench names it
     * @param ruleMargin a rule's finding refuses when the model's score is at least its threshold minus this
     *                   ({@link Double#NEGATIVE_INFINITY}: the rules never refuse on their own)
     * @param firm       whether a rule the model may not overrule ({@link IntentRule#overrulable()}: corruption asked
     *                   for in so many words) refuses whatever the score
     * @param relief     what may overrule the model's refusal
     * @param brevity    what changes on a short request
     */
    record Weighing(String name, double ruleMargin, boolean firm, Relief relief, Brevity brevity) {

        /** The model alone. */
        static final Weighing MODEL = new Weighing("model alone", Double.NEGATIVE_INFINITY, false, Relief.NONE);

        Weighing(String name, double ruleMargin, boolean firm, Relief relief) {
            this(name, ruleMargin, firm, relief, Brevity.NONE);
        }

        /** This weighing, with short requests read apart. */
        Weighing brief(String name, Brevity brevity) {
            return new Weighing(name, ruleMargin, firm, relief, brevity);
        }

        boolean readsRules() {
            return ruleMargin != Double.NEGATIVE_INFINITY || firm || relief != Relief.NONE
                    || brevity.relief() != Relief.NONE;
        }

        /** The decision on a request, the rules' reading of it, and the model's score. */
        Optional<UnsafeFinding> decide(Reading reading, Score score) {
            Optional<UnsafeFinding> finding = reading.finding();
            if (finding.isPresent() && firm && !reading.overrulable()) {
                return Optional.of(finding.get().withEvidence(score.value(), score.threshold()));
            }
            boolean brief = brevity.applies(reading.text());
            boolean refuses = brief ? score.value() >= score.threshold() + brevity.raise() : score.refuses();
            boolean relieved = relief.overrules(reading, score) || brief && brevity.relief().overrules(reading, score);
            if (refuses && !relieved) {
                return WordEvidenceSignal.finding(reading.text(), score);
            }
            return finding.isPresent() && score.value() >= score.threshold() - ruleMargin
                    ? Optional.of(finding.get().withEvidence(score.value(), score.threshold())) : Optional.empty();
        }
    }

    /**
     * What changes on a short request, which gives the bag of phrases little to weigh.
     *
     * @param words  a request of fewer words than this is short
     * @param raise  on a short request the model refuses alone only from its threshold plus this (a rule's finding
     *               still refuses as the weighing lets it)
     * @param relief what overrules the model's refusal of a short request as well as the weighing's relief
     */
    record Brevity(int words, double raise, Relief relief) {

        /** Nothing changes. */
        static final Brevity NONE = new Brevity(0, 0, Relief.NONE);

        boolean applies(RequestText text) {
            return text.words() < words;
        }
    }

    /** What may overrule the model's refusal, read in the sentence that contributes most to its score. */
    enum Relief {
        /** Nothing. */
        NONE,
        /**
         * A scope relief: an isolated test, a path that changes nothing of value, a legacy flag removed, a
         * replacement safeguard named.
         */
        SCOPE,
        /**
         * What the rules' readings relieve: the scope reliefs but a replacement, or a sentence that reports the past
         * (an incident write-up) or sets a goal of protection ({@code each purchase results in exactly one credit}).
         */
        READING,
        /**
         * A request that asks for nothing: no sentence starts with a verb or has a word that asks ({@link Mood#asks}),
         * so it only describes a system and how it fails, which is what the flagship's inputs are for.
         */
        DESCRIPTION,
        /** The sentence that contributes most to the score asks for nothing ({@link Mood#asks}): it states a fact. */
        STATEMENT;

        boolean overrules(Reading reading, Score score) {
            if (this == NONE) {
                return false;
            }
            if (this == DESCRIPTION) {
                return reading.text().sentences().stream().noneMatch(s -> Mood.asks(s.normalised()));
            }
            int telling = score.telling(reading.text());
            String sentence = telling < 0 ? "" : reading.text().sentences().get(telling).normalised();
            if (this == STATEMENT) {
                return !Mood.asks(sentence);
            }
            boolean scope = reading.scope().effectFree() || reading.scope().removesLegacyFlag()
                    || reading.scope().isolatedTest(sentence);
            if (this == SCOPE) {
                return scope || Replacement.CUE.matcher(sentence).find();
            }
            boolean reported = Mood.past(sentence) && !AcceptedHarmRule.accepts(sentence);
            return scope || reported || Mood.protects(sentence);
        }
    }

    /**
     * What the rules make of a request.
     *
     * @param text    the request, read
     * @param scope   its reliefs
     * @param finding     the first rule's finding (empty when the rules were not asked)
     * @param overrulable whether the model may overrule that finding
     */
    record Reading(RequestText text, RequestScope scope, Optional<UnsafeFinding> finding, boolean overrulable) {
    }

    /**
     * The weighing shipped: the smallest of those {@code bench/refusal.sh weighing} ranks by leave-one-writer-out that
     * keeps the evaluation suite at 30/30 (the model alone designs two of its unsafe rows and refuses two legitimate
     * ones that only describe a system), with short requests read apart; its gain over the model alone is the rules',
     * which were written after reading the writers.
     */
    static final Weighing WEIGHING = new Weighing("model, a mere description overrules it, or a firm rule, or a rule"
            + " within 1.0; under 25 words the model alone refuses from its threshold +0.5", 1, true,
            Relief.DESCRIPTION, new Brevity(25, 0.5, Relief.NONE));

    private final Supplier<Safety> safety;
    /** The rules, compiled on first use: the model alone never reads them. */
    private List<IntentRule> rules;
    private final Supplier<WordEvidence> evidence;
    private final Weighing weighing;

    /**
     * Built on first use, so that other providers never pay for it; the rules are compiled from the bundled
     * knowledge only when the weighing reads them.
     */
    private static final class Bundled {
        static final UnsafeIntentClassifier INSTANCE = new UnsafeIntentClassifier(() -> Knowledge.bundled().safety(),
                WordEvidence::bundled, WEIGHING);
    }

    UnsafeIntentClassifier(Safety safety, WordEvidence evidence) {
        this(() -> safety, () -> evidence, WEIGHING);
    }

    private UnsafeIntentClassifier(Supplier<Safety> safety, Supplier<WordEvidence> evidence, Weighing weighing) {
        this.safety = safety;
        this.evidence = evidence;
        this.weighing = weighing;
    }

    static UnsafeIntentClassifier bundled() {
        return Bundled.INSTANCE;
    }

    /** Why the request is unsafe, or empty when it deserves a design. */
    Optional<UnsafeFinding> classify(String systemContext, String failureScenarios) {
        Reading reading = weighing.readsRules() ? read(systemContext, failureScenarios)
                : new Reading(RequestText.of(systemContext, failureScenarios), null, Optional.empty(), true);
        return weighing.decide(reading, score(systemContext, failureScenarios));
    }

    /** What the rules make of the request: the first rule's finding. */
    Reading read(String systemContext, String failureScenarios) {
        RequestText text = RequestText.of(systemContext, failureScenarios);
        RequestScope scope = RequestScope.of(text);
        for (IntentRule rule : rules()) {
            Optional<UnsafeFinding> finding = rule.find(text, scope);
            if (finding.isPresent()) {
                return new Reading(text, scope, finding, rule.overrulable());
            }
        }
        return new Reading(text, scope, Optional.empty(), true);
    }

    private synchronized List<IntentRule> rules() {
        if (rules == null) {
            rules = List.of(new AcceptedHarmRule(), new SafeguardRemovalRule(safety.get()),
                    new AntiPatternRule(safety.get()), new RetentionRule(safety.get()), new CorruptionRule());
        }
        return rules;
    }

    /** The model's score for a request. */
    Score score(String systemContext, String failureScenarios) {
        return evidence.get().score(WordFeatures.text(systemContext, failureScenarios));
    }
}
