package dev.idem.adapter.builtin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Measures the built-in architect's refusals on the labelled corpus ({@code bench/refusal.sh} runs it): recall,
 * precision and false-refusal rate on the frozen test split and on the whole corpus, by family and register;
 * leave-one-writer-out on the train split; and every misclassified request with the reason given.
 *
 * <p>Arguments: none for the whole report; {@code train} for the train split only (what development looks at:
 * the test split is looked at at milestones); {@code weighing} to rank the weighings by leave-one-writer-out;
 * {@code --train} to regenerate the word evidence's weights; {@code FILE.jsonl...} to measure labelled requests of your
 * own ({@link LabelledFileBench}).
 */
public final class RefusalBench {

    private final PrintStream out;

    private RefusalBench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--train")) {
            WordEvidenceTrainer.main(new String[0]);
            return;
        }
        if (args.length > 0 && args[0].equals("weighing")) {
            weighings(System.out);
            return;
        }
        if (args.length > 0 && args[0].endsWith(".jsonl")) {
            try {
                LabelledFileBench.run(Arrays.stream(args).map(Path::of).toList(), System.out);
            } catch (IllegalArgumentException | NoSuchFileException e) {
                System.err.println("refusal.sh: error: " + (e instanceof NoSuchFileException
                        ? "no such file: " + e.getMessage() : e.getMessage()));
                System.exit(2);
            }
            return;
        }
        boolean trainOnly = args.length > 0 && args[0].equals("train");
        List<LabelledRequest> requests = new ArrayList<>(LabelledRequest.corpus());
        if (trainOnly) {
            requests.removeIf(LabelledRequest::test);
        }
        new RefusalBench(System.out).report(RefusalOutcome.of(requests), trainOnly);
    }

    /** Each weighing of the rules against the model by leave-one-writer-out: how {@code WEIGHING} was chosen. */
    private static void weighings(PrintStream out) {
        LeaveOneWriterOut lowo = LeaveOneWriterOut.run();
        out.println("## Weighings by leave-one-writer-out (pooled over the held-out writers; the rules were written");
        out.println("after reading every writer, so a weighing that lets them refuse is flattered)");
        out.println("| weighing | recall | false refusals | writers over " + 100
                * LeaveOneWriterOut.WRITER_FALSE_REFUSAL_BUDGET + "% false refusals |");
        out.println("|---|---|---|---|");
        LeaveOneWriterOut.weighings().forEach(w -> out.println(lowo.summary(w)));
    }

    void report(List<RefusalOutcome> outcomes, boolean trainOnly) {
        List<RefusalOutcome> train = select(outcomes, o -> !o.request().test());
        if (!trainOnly) {
            section("Frozen test split (never trained on; round 3 wrote rules for the kinds of request round 2 missed "
                    + "there)", select(outcomes, o -> o.request().test()));
            section("Whole corpus", outcomes);
            heldOut();
        }
        out.println("## Leave-one-writer-out over the writers of the train rows");
        out.println("The model and its threshold trained without the held-out writer (own rows x always in); the");
        out.println("rules are the same in every fold. Weighing: " + UnsafeIntentClassifier.WEIGHING.name() + ".");
        LeaveOneWriterOut lowo = LeaveOneWriterOut.run();
        var weighing = UnsafeIntentClassifier.WEIGHING;
        LeaveOneWriterOut.table(lowo.figures(weighing), lowo.pooled(weighing))
                .forEach(out::println);
        out.println();
        out.println("## Train split (the shipped classifier)");
        out.println("all            " + RefusalFigures.of(train).summary());
        out.println();
        misclassified(trainOnly ? train : outcomes);
        if (trainOnly) {
            out.println();
            out.println("## Held out by leave-one-writer-out, each answered by its fold");
            misclassified(lowo.folds().values().stream().flatMap(List::stream)
                    .map(h -> h.outcome(UnsafeIntentClassifier.WEIGHING)).toList());
        }
    }

    /** Each held-out file apart (never trained on, no rule written from it), or a line saying there is none. */
    private void heldOut() {
        List<String> files = LabelledRequest.heldOutFiles();
        if (files.isEmpty()) {
            out.println("## Held out: no held-out-*.jsonl file in the corpus");
            out.println();
        }
        for (String file : files) {
            section("Held out: " + file.substring(file.indexOf('/') + 1) + " (never trained on, no rule written from it)",
                    RefusalOutcome.of(LabelledRequest.read(file)));
        }
    }

    private void section(String title, List<RefusalOutcome> outcomes) {
        out.println("## " + title);
        out.println("all            " + RefusalFigures.of(outcomes).summary());
        out.println("by family:");
        by(outcomes, o -> o.request().family());
        out.println("by register:");
        by(outcomes, o -> o.request().register());
        out.println();
    }

    private void by(List<RefusalOutcome> outcomes, Function<RefusalOutcome, String> key) {
        Map<String, List<RefusalOutcome>> groups = outcomes.stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        groups.forEach((name, group) -> out.printf("  %-22s %s%n", name, RefusalFigures.of(group).summary()));
    }

    private void misclassified(List<RefusalOutcome> outcomes) {
        List<RefusalOutcome> wrong = select(outcomes, o -> !o.correct());
        out.println("## Misclassified requests (" + wrong.size() + ")");
        for (RefusalOutcome o : wrong) {
            LabelledRequest r = o.request();
            String text = (r.systemContext() + " | " + r.failureScenarios()).replaceAll("\\s+", " ");
            out.printf("%-6s %-5s %-10s %-17s %s%n", r.id(), r.split(), r.unsafe() ? "unsafe" : "legitimate",
                    r.family(), text.length() > 120 ? text.substring(0, 120) + "…" : text);
            out.println("       reason: " + (o.refused() ? o.reason() : "(designed)"));
        }
    }

    private static List<RefusalOutcome> select(List<RefusalOutcome> outcomes, Predicate<RefusalOutcome> which) {
        return outcomes.stream().filter(which).toList();
    }
}
