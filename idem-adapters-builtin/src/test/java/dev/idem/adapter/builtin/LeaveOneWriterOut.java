package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.UnsafeIntentClassifier.Brevity;
import dev.idem.adapter.builtin.UnsafeIntentClassifier.Reading;
import dev.idem.adapter.builtin.UnsafeIntentClassifier.Relief;
import dev.idem.adapter.builtin.UnsafeIntentClassifier.Weighing;
import dev.idem.adapter.builtin.WordEvidence.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-writer-out over the corpus's writers, the development figure for requests written by someone else:
 * for each writer, the learned model is trained on every other writer's train rows and the own train rows (writer
 * {@code x}, always in training), its threshold chosen by that training's own writer-grouped cross-validation, and
 * the classifier answers the held-out writer's train rows. Nothing of the held-out writer reaches the model or its
 * threshold. The rules are the same in every fold and were written after reading every writer, so a weighing that
 * lets them refuse is flattered here.
 *
 * @param folds per held-out writer, its requests as the rules read them and the fold's model scored them
 */
record LeaveOneWriterOut(Map<String, List<Held>> folds) {

    /** The writer whose rows are always in training: this classifier's own, written while tuning it. */
    static final String OWN = "x";

    /** The writers held out in turn: every writer of a train row but the own, in order. */
    static List<String> writers(List<LabelledRequest> train) {
        return train.stream().map(LabelledRequest::writer).filter(w -> !w.equals(OWN)).distinct().sorted().toList();
    }

    /** One held-out request: what the rules made of it, and the fold's score for it. */
    record Held(LabelledRequest request, Reading reading, Score score) {

        RefusalOutcome outcome(Weighing weighing) {
            var finding = weighing.decide(reading, score);
            return new RefusalOutcome(request, finding.isPresent(),
                    finding.map(UnsafeFinding::explanation).orElse(""));
        }
    }

    /** Trains one model (and its threshold) per writer and reads every held-out request. */
    static LeaveOneWriterOut run() {
        List<LabelledRequest> train = WordEvidenceTrainer.trainingRows();
        Safety safety = Knowledge.bundled().safety();
        Map<String, List<Held>> folds = new LinkedHashMap<>();
        for (String writer : writers(train)) {
            List<LabelledRequest> fit = train.stream().filter(r -> !r.writer().equals(writer)).toList();
            UnsafeIntentClassifier fold = new UnsafeIntentClassifier(safety, WordEvidenceTrainer.train(fit));
            List<Held> held = new ArrayList<>();
            for (LabelledRequest r : train) {
                if (r.writer().equals(writer)) {
                    Reading reading = fold.read(r.systemContext(), r.failureScenarios());
                    held.add(new Held(r, reading, fold.score(r.systemContext(), r.failureScenarios())));
                }
            }
            folds.put(writer, held);
        }
        return new LeaveOneWriterOut(folds);
    }

    /** Each fold's figures under a weighing. */
    Map<String, RefusalFigures> figures(Weighing weighing) {
        Map<String, RefusalFigures> figures = new LinkedHashMap<>();
        folds.forEach((writer, held) -> figures.put(writer,
                RefusalFigures.of(held.stream().map(h -> h.outcome(weighing)).toList())));
        return figures;
    }

    /** Every held-out request's outcome under a weighing, pooled over the folds. */
    RefusalFigures pooled(Weighing weighing) {
        return RefusalFigures.of(folds.values().stream().flatMap(List::stream).map(h -> h.outcome(weighing))
                .toList());
    }

    /** The false-refusal rate a writer may reach before the table counts it: the 3% aimed at. */
    static final double WRITER_FALSE_REFUSAL_BUDGET = 0.03;

    /**
     * The weighings compared: the model alone; a rule's finding refusing as well when the model's score is within
     * a margin under its threshold (a margin of infinity: every rule's finding refuses); the scope reliefs
     * overruling the model; both.
     */
    static List<Weighing> weighings() {
        double never = Double.NEGATIVE_INFINITY;
        List<Weighing> weighings = new ArrayList<>(List.of(Weighing.MODEL,
                new Weighing("model, scope reliefs overrule it", never, false, Relief.SCOPE),
                new Weighing("model, the readings' reliefs overrule it", never, false, Relief.READING),
                new Weighing("model, or a firm rule (corruption asked)", never, true, Relief.NONE),
                new Weighing("model with the readings' reliefs, or a firm rule", never, true, Relief.READING),
                new Weighing("model, a mere description overrules it", never, false, Relief.DESCRIPTION),
                new Weighing("model, a mere description overrules it, or a firm rule", never, true, Relief.DESCRIPTION),
                ROUND_7));
        for (double margin : new double[] {0.5, 1, 2, Double.POSITIVE_INFINITY}) {
            weighings.add(new Weighing("model, or a rule within " + margin + " under the threshold", margin, false,
                    Relief.NONE));
            weighings.add(new Weighing("model with the readings' reliefs, or a firm rule, or a rule within " + margin,
                    margin, true, Relief.READING));
        }
        weighings.addAll(brevities());
        return weighings;
    }

    /**
     * Round 7's weighing with short requests (under 15, 25 or 40 words) read apart: the model alone refuses them
     * only from its threshold plus 0.5, 1.0 or 2.0, or not at all (a rule's finding is needed); the readings' reliefs
     * overrule it on them; both a raise of 0.5 or 1.0 and the readings' reliefs; or a telling sentence that asks nothing
     * overrules it on them.
     */
    static List<Weighing> brevities() {
        List<Weighing> weighings = new ArrayList<>();
        for (int words : new int[] {15, 25, 40}) {
            for (double raise : new double[] {0.5, 1, 2, Double.POSITIVE_INFINITY}) {
                weighings.add(ROUND_7.brief("round 7; under " + words + " words the model alone refuses from "
                        + (raise == Double.POSITIVE_INFINITY ? "never" : "threshold +" + raise),
                        new Brevity(words, raise, Relief.NONE)));
            }
            weighings.add(ROUND_7.brief("round 7; under " + words + " words the readings' reliefs overrule the model",
                    new Brevity(words, 0, Relief.READING)));
            for (double raise : new double[] {0.5, 1}) {
                weighings.add(ROUND_7.brief("round 7; under " + words + " words threshold +" + raise
                        + " and the readings' reliefs", new Brevity(words, raise, Relief.READING)));
            }
            weighings.add(ROUND_7.brief("round 7; under " + words + " words a telling sentence that asks nothing"
                    + " overrules the model", new Brevity(words, 0, Relief.STATEMENT)));
        }
        return weighings;
    }

    /** The weighing shipped in round 7, before short requests were read apart. */
    static final Weighing ROUND_7 = new Weighing("model, a mere description overrules it, or a firm rule, or a rule"
            + " within 1.0 (round 7)", 1, true, Relief.DESCRIPTION);

    /** One line a weighing: pooled recall and false refusals, and the writers over the budget. */
    String summary(Weighing weighing) {
        Map<String, RefusalFigures> figures = figures(weighing);
        RefusalFigures pooled = pooled(weighing);
        List<String> over = figures.entrySet().stream()
                .filter(e -> e.getValue().falseRefusalRate() > WRITER_FALSE_REFUSAL_BUDGET).map(Map.Entry::getKey)
                .toList();
        return String.format(Locale.ROOT, "| %s | %d/%d (%.1f%%) | %d/%d (%.1f%%) | %d (%s) |", weighing.name(),
                pooled.refusedUnsafe(), pooled.unsafe(), 100 * pooled.recall(), pooled.refusedLegit(),
                pooled.legitimate(), 100 * pooled.falseRefusalRate(), over.size(), String.join("", over));
    }

    /** The per-writer table and the pooled figures, as the bench prints it. */
    static List<String> table(Map<String, RefusalFigures> figures, RefusalFigures pooled) {
        List<String> lines = new ArrayList<>();
        figures.forEach((writer, f) -> lines.add(String.format(Locale.ROOT, "  held out: writer %s  %s", writer,
                f.summary())));
        lines.add("  pooled            " + pooled.summary());
        return lines;
    }
}
