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
 * Leave-one-writer-out over the corpus's seven writers, the development figure for requests written by someone
 * else: for each writer, the word evidence is trained on every other writer's train rows and the own train rows
 * (writer {@code x}, always in training), and the classifier answers the held-out writer's train rows. The rules
 * are the same in every fold; a rule written after reading a writer's rows leaks into that writer's fold, which
 * is why the bench names the folds whose rows were read for the rules.
 *
 * @param folds per held-out writer, its requests as the rules read them and the fold's word evidence scored them
 */
record LeaveOneWriterOut(Map<String, List<Held>> folds) {

    static final List<String> WRITERS = List.of("a", "b", "c", "d", "e", "f", "g");

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
        for (String writer : WRITERS) {
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
