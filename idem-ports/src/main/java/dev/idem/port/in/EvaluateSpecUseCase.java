package dev.idem.port.in;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Runs a spec's test rows through its evaluators. */
public interface EvaluateSpecUseCase {

    /**
     * Evaluates, then writes the command's reports. A provider failure on one case is an error for that case and
     * never aborts the others, unless every case would meet it (refused credentials, a model the provider does not
     * have: {@link dev.idem.port.out.ModelGatewayException#sameForEveryRequest()}); a test row that cannot run (a
     * value it lacks) is that case's error too, and is not sent. A failure that every case would meet, a store that
     * fails for good while cases run, or a cancellation, stops the evaluation: the cases that finished keep their
     * results, the others are errors, {@link EvaluationResult#stopped()} says why, and the reports are written all
     * the same.
     *
     * @throws dev.idem.domain.spec.InvalidSpecException if the spec is invalid, or no row it would run can run
     *                                                   (before any call)
     * @throws dev.idem.domain.template.InvalidInputException if an evaluator cannot run (no judge model, code not
     *                                                        allowed, or one idem cannot check) and the command's
     *                                                        policy does not skip it (before any call)
     * @throws InvalidCommandException if no case is selected (a spec without test rows, a filter that matches no row,
     *                                 a shard that gets no case), before any call: an evaluation of nothing passes
     * @throws dev.idem.port.in.UnknownProviderException if a report's format has no writer (before any call)
     * @throws dev.idem.port.out.StoreUnavailableException if the execution store cannot be opened
     * @throws ReportNotWrittenException if a report cannot be written (the reports before it are)
     */
    EvaluationResult evaluate(EvaluateSpecCommand command);

    /**
     * What to evaluate.
     *
     * @param spec        the spec
     * @param choice      provider and model answering the rows
     * @param judge       provider and model for llm/github judges (empty: same as {@code choice})
     * @param concurrency cases in flight at once
     * @param repeat      samples per row
     * @param filter      only rows whose label or values match
     * @param shard       only this shard's part of the cases
     * @param options     retries and caching
     * @param progress    told what runs, then each case as it finishes, then the result and each report
     * @param cancellation watched while cases run: once cancelled, no case starts, those in flight get a moment
     *                     to finish, and the result says the evaluation stopped
     * @param reports     the reports to write once the cases are done, in order
     * @param policy      whether code evaluators may run, and what becomes of evaluators that cannot
     */
    record EvaluateSpecCommand(SpecInput spec, ModelChoice choice, Optional<ModelChoice> judge, int concurrency,
                               int repeat, Optional<Pattern> filter, Optional<Shard> shard,
                               ExecutionOptions options, Progress progress, Cancellation cancellation,
                               List<ReportTarget> reports, EvaluatorPolicy policy) {

        /** The most cases in flight at once: each is a thread waiting on a model. */
        public static final int MAX_CONCURRENCY = 1024;
        /** The most samples per row. */
        public static final int MAX_REPEAT = 1000;

        /** @throws InvalidCommandException if a field is missing, or concurrency or repeat is out of its bounds */
        public EvaluateSpecCommand {
            InvalidCommandException.required(spec, "spec");
            InvalidCommandException.required(choice, "choice");
            InvalidCommandException.required(options, "options");
            policy = policy == null ? EvaluatorPolicy.DEFAULT : policy;
            judge = judge == null ? Optional.empty() : judge;
            filter = filter == null ? Optional.empty() : filter;
            shard = shard == null ? Optional.empty() : shard;
            progress = progress == null ? r -> { } : progress;
            cancellation = cancellation == null ? new Cancellation() : cancellation;
            reports = List.copyOf(reports == null ? List.of() : reports);
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new InvalidCommandException("concurrency must be within 1.." + MAX_CONCURRENCY + ", got "
                        + concurrency);
            }
            if (repeat < 1 || repeat > MAX_REPEAT) {
                throw new InvalidCommandException("repeat must be within 1.." + MAX_REPEAT + ", got " + repeat);
            }
        }

        /** A command with the default evaluator policy: no code runs, and an evaluator that cannot run stops it. */
        public EvaluateSpecCommand(SpecInput spec, ModelChoice choice, Optional<ModelChoice> judge, int concurrency,
                                   int repeat, Optional<Pattern> filter, Optional<Shard> shard,
                                   ExecutionOptions options, Progress progress, Cancellation cancellation,
                                   List<ReportTarget> reports) {
            this(spec, choice, judge, concurrency, repeat, filter, shard, options, progress, cancellation, reports,
                    EvaluatorPolicy.DEFAULT);
        }

        /** A command that writes no report, with the default evaluator policy. */
        public EvaluateSpecCommand(SpecInput spec, ModelChoice choice, Optional<ModelChoice> judge, int concurrency,
                                   int repeat, Optional<Pattern> filter, Optional<Shard> shard,
                                   ExecutionOptions options, Progress progress, Cancellation cancellation) {
            this(spec, choice, judge, concurrency, repeat, filter, shard, options, progress, cancellation, List.of());
        }

        /** A command nobody will cancel. */
        public EvaluateSpecCommand(SpecInput spec, ModelChoice choice, Optional<ModelChoice> judge, int concurrency,
                                   int repeat, Optional<Pattern> filter, Optional<Shard> shard,
                                   ExecutionOptions options, Progress progress) {
            this(spec, choice, judge, concurrency, repeat, filter, shard, options, progress, new Cancellation());
        }
    }

    /**
     * What an evaluation does with the evaluators that need more than the reply. A judge needs a judge model; a
     * {@code python} evaluator runs code, which only the user may allow. Without what it needs, an evaluator stops
     * the evaluation before any call ({@link dev.idem.domain.template.InvalidInputException} naming the option),
     * unless the user asked to skip such evaluators: then each is reported as skipped, and a case with a skipped
     * evaluator and no failure is {@link CaseStatus#SKIPPED}, never passed.
     *
     * @param allowCode       whether {@code python} evaluators may run (the system's {@code python3})
     * @param skipUnavailable whether an evaluator that cannot run is skipped instead of stopping the evaluation
     */
    record EvaluatorPolicy(boolean allowCode, boolean skipUnavailable) {
        /** No code runs; an evaluator that cannot run stops the evaluation. */
        public static final EvaluatorPolicy DEFAULT = new EvaluatorPolicy(false, false);
    }

    /**
     * Told what an evaluation runs, then about each case as it finishes (for a progress bar and rows), then the
     * result before the reports are written, then each report as it is written; on the calling thread or one case
     * at a time, never after the evaluation has returned.
     */
    @FunctionalInterface
    interface Progress {

        /** A case finished; called one case at a time. */
        void caseFinished(CaseResult result);

        /** The evaluation is about to run its cases: what, on which provider, how many. */
        default void started(EvaluationStart start) {
        }

        /** Every case is done (or stopped); the reports come next. */
        default void finished(EvaluationResult result) {
        }

        /** A report was written where {@code target} says. */
        default void reportWritten(ReportTarget target) {
        }
    }

    /**
     * Part K of N: case i belongs to shard {@code i mod N == K-1}, so N machines split the work.
     *
     * @param index 1-based shard number
     * @param count number of shards
     */
    record Shard(int index, int count) {
        /** @throws InvalidCommandException unless {@code 1 <= index <= count} */
        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new InvalidCommandException("shard must be K/N with 1 <= K <= N: " + index + "/" + count);
            }
        }

        /**
         * Parses {@code K/N}.
         *
         * @throws InvalidCommandException if it is not K/N with {@code 1 <= K <= N}
         */
        public static Shard parse(String text) {
            String[] parts = text.trim().split("/");
            if (parts.length != 2) {
                throw new InvalidCommandException("shard must be K/N, e.g. 1/4: " + text);
            }
            try {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new InvalidCommandException("shard must be K/N, e.g. 1/4: " + text);
            }
        }

        /** Whether the 0-based case position belongs to this shard. */
        public boolean owns(int position) {
            return position % count == index - 1;
        }
    }
}
