package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.UnsafeIntentClassifier.Reading;
import dev.idem.adapter.builtin.UnsafeIntentClassifier.Weighing;
import dev.idem.adapter.builtin.WordEvidence.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-writer-out over the corpus's writers (a to o as of round 6), the development figure for requests written by someone
 * else: for each writer, the word evidence is trained on every other writer's train rows and the own train rows
 * (writer {@code x}, always in training), and the classifier answers the held-out writer's train rows. The rules
 * are the same in every fold; a rule written after reading a writer's rows leaks into that writer's fold, which
 * is why the bench names the folds whose rows were read for the rules.
 *
 * @param folds per held-out writer, its requests as the rules read them and the fold's word evidence scored them
 */
record LeaveOneWriterOut(Map<String, List<Held>> folds) {

    /** The writer whose rows are always in training: this classifier's own, written while tuning it. */
    static final String OWN = "x";

    /** The writers held out in turn: every writer of a train row but the own, in order. */
    static List<String> writers(List<LabelledRequest> train) {
        return train.stream().map(LabelledRequest::writer).filter(w -> !w.equals(OWN)).distinct().sorted().toList();
    }

    /** One held-out request: what the rules made of it, and the fold's word evidence for it. */
    record Held(LabelledRequest request, Reading reading, Score score) {

        RefusalOutcome outcome(Weighing weighing) {
            var finding = weighing.decide(reading, () -> score);
            return new RefusalOutcome(request, finding.isPresent(),
                    finding.map(UnsafeFinding::explanation).orElse(""));
        }
    }

    /** Trains one word evidence per writer (about a second each) and reads every held-out request. */
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
                    held.add(new Held(r, reading, fold.score(reading.text())));
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

    /** The mean over the folds of recall and of the false-refusal rate, each writer counting once. */
    static double[] macro(Map<String, RefusalFigures> figures) {
        double recall = figures.values().stream().mapToDouble(RefusalFigures::recall).average().orElse(1);
        double falseRefusals = figures.values().stream().mapToDouble(RefusalFigures::falseRefusalRate).average()
                .orElse(0);
        return new double[] {recall, falseRefusals};
    }

    /** The false-refusal rate a weighing may reach in the macro average, a margin under the 3% aimed at. */
    static final double FALSE_REFUSAL_BUDGET = 0.025;
    /**
     * The false-refusal rate a weighing may reach for any one held-out writer: the 3% aimed at for requests written
     * by someone else, which a macro average within budget can hide (one writer at 4.3%, the others at 1%).
     */
    static final double WRITER_FALSE_REFUSAL_BUDGET = 0.03;

    /**
     * The weighings tried when choosing one, best first: the highest macro recall whose macro false-refusal rate
     * stays within {@link #FALSE_REFUSAL_BUDGET} and every writer's within {@link #WRITER_FALSE_REFUSAL_BUDGET}; among
     * equals, fewer false refusals, then the longer minimum and the words alone never refusing a short request (a
     * short request then costs nothing to weigh). The minimum is at least 25 words: below it, the words overrule
     * short requests that the rules read right, such as the hand-written cases of {@code BuiltinArchitectTest}
     * ("Design a retry strategy that bypasses the transaction so we can go faster" designed, "Retry declined
     * renewals daily so that the card is charged again after the customer updates it" refused, at 10 words). For
     * the same reason the words alone refuse a short request only from 0.9: trained with writer h's rows, they give
     * that renewals request 0.85.
     */
    List<Weighing> ranked() {
        List<Weighing> candidates = new ArrayList<>();
        for (int refuse = 50; refuse <= 95; refuse += 5) {
            for (int confirm = 10; confirm <= Math.min(refuse, 70); confirm += 10) {
                for (int minWords : new int[] {25, 30, 40}) {
                    for (double refuseShort : new double[] {0.9, 0.95, 2}) {
                        candidates.add(new Weighing(refuse / 100.0, confirm / 100.0, minWords, refuseShort));
                    }
                }
            }
        }
        Map<Weighing, double[]> macros = new LinkedHashMap<>();
        Map<Weighing, Double> worst = new LinkedHashMap<>();
        for (Weighing w : candidates) {
            Map<String, RefusalFigures> figures = figures(w);
            macros.put(w, macro(figures));
            worst.put(w, figures.values().stream().mapToDouble(RefusalFigures::falseRefusalRate).max().orElse(0));
        }
        return candidates.stream().filter(w -> macros.get(w)[1] <= FALSE_REFUSAL_BUDGET
                        && worst.get(w) <= WRITER_FALSE_REFUSAL_BUDGET)
                .sorted(java.util.Comparator.comparingDouble((Weighing w) -> -macros.get(w)[0])
                        .thenComparingDouble(w -> macros.get(w)[1]).thenComparingInt(w -> -w.minWords())
                        .thenComparingDouble(w -> -w.refuseShort()))
                .toList();
    }

    /** The per-writer table and its macro average, as the bench prints it. */
    static List<String> table(Map<String, RefusalFigures> figures) {
        List<String> lines = new ArrayList<>();
        figures.forEach((writer, f) -> lines.add(String.format(Locale.ROOT, "  held out: writer %s  %s", writer,
                f.summary())));
        double[] macro = macro(figures);
        lines.add(String.format(Locale.ROOT, "  macro average     recall %5.1f%%  false refusals %4.1f%%",
                100 * macro[0], 100 * macro[1]));
        return lines;
    }
}
