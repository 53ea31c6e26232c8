package dev.idem.api;

import dev.idem.port.in.Cancellation;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluatorPolicy;
import dev.idem.port.in.EvaluateSpecUseCase.Progress;
import dev.idem.port.in.EvaluateSpecUseCase.Shard;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.InvalidCommandException;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.ReportTarget;
import dev.idem.port.in.SpecInput;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One evaluation of a spec's test rows, set up option by option, then {@link #run()}: what {@code idem eval} does,
 * from Java. Every option has the CLI's default (4 cases in flight, one sample per row, every row, no report).
 *
 * <pre>{@code
 * EvaluationResult result = idem.evaluation(idem.flagship())
 *         .concurrency(8)
 *         .repeat(3)
 *         .filter("kafka")
 *         .jsonReport(Path.of("target/idem.json"))
 *         .run();
 * }</pre>
 */
public final class Evaluation {

    private final EvaluateSpecUseCase evaluator;
    private final SpecInput spec;
    private final ModelChoice choice;
    private ExecutionOptions options;
    private Optional<ModelChoice> judge = Optional.empty();
    private int concurrency = 4;
    private int repeat = 1;
    private Optional<Pattern> filter = Optional.empty();
    private Optional<Shard> shard = Optional.empty();
    private Progress progress = r -> { };
    private Cancellation cancellation = new Cancellation();
    private boolean allowCode;
    private boolean skipUnavailable;
    private final List<ReportTarget> reports = new ArrayList<>();

    Evaluation(EvaluateSpecUseCase evaluator, SpecInput spec, ModelChoice choice, ExecutionOptions options) {
        this.evaluator = evaluator;
        this.spec = spec;
        this.choice = choice;
        this.options = options;
    }

    /**
     * How many cases are in flight at once (default 4).
     *
     * @throws InvalidCommandException unless it is within 1..{@value EvaluateSpecCommand#MAX_CONCURRENCY}
     */
    public Evaluation concurrency(int cases) {
        this.concurrency = within("concurrency", cases, EvaluateSpecCommand.MAX_CONCURRENCY);
        return this;
    }

    /**
     * How many samples of each row (default 1).
     *
     * @throws InvalidCommandException unless it is within 1..{@value EvaluateSpecCommand#MAX_REPEAT}
     */
    public Evaluation repeat(int samples) {
        this.repeat = within("repeat", samples, EvaluateSpecCommand.MAX_REPEAT);
        return this;
    }

    /**
     * Only the rows whose label or values a regular expression finds (Java syntax, e.g. {@code (?i)kafka}).
     *
     * @throws InvalidCommandException if it is not a regular expression
     */
    public Evaluation filter(String regex) {
        try {
            return filter(Pattern.compile(Objects.requireNonNull(regex, "regex")));
        } catch (PatternSyntaxException e) {
            throw new InvalidCommandException("filter: not a regular expression: " + e.getDescription() + " in '"
                    + regex + "'");
        }
    }

    /** Only the rows whose label or values the pattern finds. */
    public Evaluation filter(Pattern pattern) {
        this.filter = Optional.of(Objects.requireNonNull(pattern, "pattern"));
        return this;
    }

    /**
     * Only part {@code index} of {@code count} of the cases, so that several machines split the work.
     *
     * @throws InvalidCommandException unless {@code 1 <= index <= count}
     */
    public Evaluation shard(int index, int count) {
        this.shard = Optional.of(new Shard(index, count));
        return this;
    }

    /**
     * The provider and model that judge the spec's {@code llm} and {@code uses: github/...} evaluators (default: the
     * evaluation's own provider, which the built-in architect cannot be).
     */
    public Evaluation judge(String provider, String model) {
        this.judge = Optional.of(ModelChoice.of(provider, model));
        return this;
    }

    /** Whether identical calls are replayed from the store (default: as the {@link Idem} was built). */
    public Evaluation cache(boolean use) {
        this.options = options.withCache(use);
        return this;
    }

    /**
     * Whether the spec's {@code python} evaluators may run (default: no, and such a spec stops before any call unless
     * {@link #skipUnavailableEvaluators(boolean) skipped}): the system's {@code python3} runs each one, with the reply
     * and the row's values as data, through idem-adapters-python (which idem-api brings).
     */
    public Evaluation allowCode(boolean allow) {
        this.allowCode = allow;
        return this;
    }

    /**
     * Whether an evaluator that cannot run (python code not allowed, a judge missing, a kind idem cannot check) is
     * reported as skipped on every case instead of stopping the evaluation before any call (default: it stops).
     */
    public Evaluation skipUnavailableEvaluators(boolean skip) {
        this.skipUnavailable = skip;
        return this;
    }

    /** The JSON report (a superset of {@code gh models eval --json}), written to a file. */
    public Evaluation jsonReport(Path file) {
        return report("json", file);
    }

    /** The JUnit XML report, written to a file. */
    public Evaluation junitReport(Path file) {
        return report("junit", file);
    }

    /** The Markdown report, written to a file. */
    public Evaluation markdownReport(Path file) {
        return report("md", file);
    }

    /** The self-contained HTML report, written to a file. */
    public Evaluation htmlReport(Path file) {
        return report("html", file);
    }

    /**
     * A report in a format by its name ({@code json}, {@code junit}, {@code md}, {@code html}, or one a report
     * writer on the class path adds), written to a file: replaced atomically, a symbolic link keeps being a link.
     *
     * @throws InvalidCommandException if the path is a directory
     */
    public Evaluation report(String format, Path file) {
        reports.add(ReportTarget.file(format, file));
        return this;
    }

    /** A report written to a stream (flushed, never closed), e.g. {@code System.out}. */
    public Evaluation report(String format, OutputStream stream) {
        reports.add(ReportTarget.stream(format, stream));
        return this;
    }

    /** Told of the number of cases, then each case as it finishes, then the result and each report. */
    public Evaluation progress(Progress listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Watched while cases run: once cancelled, no case starts, and the result says the evaluation stopped. */
    public Evaluation cancellation(Cancellation watched) {
        this.cancellation = Objects.requireNonNull(watched, "watched");
        return this;
    }

    /**
     * Runs the cases, then writes the reports. A provider failure on one case is an error for that case only.
     *
     * @throws dev.idem.domain.spec.InvalidSpecException if the spec is invalid
     * @throws dev.idem.port.out.StoreUnavailableException if the execution store cannot be opened
     * @throws dev.idem.port.in.ReportNotWrittenException if a report cannot be written
     * @see EvaluateSpecUseCase#evaluate
     */
    public EvaluationResult run() {
        return evaluator.evaluate(new EvaluateSpecCommand(spec, choice, judge, concurrency, repeat, filter, shard,
                options, progress, cancellation, reports, new EvaluatorPolicy(allowCode, skipUnavailable)));
    }

    private static int within(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidCommandException(name + " must be within 1.." + max + ", got " + value);
        }
        return value;
    }
}
