package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluateSpecUseCase.Shard;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.SpecInput;
import dev.idem.port.out.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem eval SPEC}: every test row through its evaluators; exit 0 all passed, 1 otherwise. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Evaluate a spec's testData with its evaluators; write reports.")
final class EvalCommand implements Callable<Integer> {

    /** Most cases in flight: each is a thread waiting on a model. */
    static final int MAX_JOBS = 1024;
    /** Most samples per row. */
    static final int MAX_REPEAT = 1000;

    private final IdemFactory factory;

    @Parameters(paramLabel = "SPEC", description = "Spec file.")
    String specFile;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "4",
            description = "Cases in flight (default 4, at most 1024).")
    int jobs;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Samples per row (default 1, at most 1000).")
    int repeat;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Only rows whose label or values match.")
    String filter;

    @Option(names = "--shard", paramLabel = "K/N", description = "Run only part K of N (for parallel CI machines).")
    String shard;

    @Option(names = "--judge-provider", paramLabel = "P", description = "Provider of the llm/github judges.")
    String judgeProvider;

    @Option(names = "--judge-model", paramLabel = "M", description = "Model of the llm/github judges.")
    String judgeModel;

    @Option(names = "--min-pass-rate", paramLabel = "X",
            description = "Exit 0 when the pass rate is at least X (0..1) instead of requiring every case to pass.")
    Double minPassRate;

    @Option(names = "--report-json", paramLabel = "FILE", description = "JSON report (a superset of gh models eval --json).")
    String reportJson;

    @Option(names = "--report-junit", paramLabel = "FILE", description = "JUnit XML report.")
    String reportJunit;

    @Option(names = "--report-md", paramLabel = "FILE", description = "Markdown report.")
    String reportMd;

    @Option(names = "--report-html", paramLabel = "FILE", description = "Self-contained HTML report.")
    String reportHtml;

    @Option(names = "--quiet", description = "No per-case rows; only the summary.")
    boolean quiet;

    @Mixin
    ProviderOptions provider = new ProviderOptions();

    @Mixin
    StoreOptions store = new StoreOptions();

    @Spec
    CommandSpec spec;

    EvalCommand(IdemFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new UsageException("-j must be within 1.." + MAX_JOBS);
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new UsageException("--repeat must be within 1.." + MAX_REPEAT);
        }
        // written so that NaN, which fails every comparison, is refused too
        if (minPassRate != null && !(minPassRate >= 0 && minPassRate <= 1)) {
            throw new UsageException("--min-pass-rate must be a number within 0..1, e.g. 0.9");
        }
        Optional<Pattern> filterPattern = Optional.empty();
        if (filter != null) {
            try {
                filterPattern = Optional.of(Pattern.compile(filter));
            } catch (PatternSyntaxException e) {
                throw new UsageException("--filter: invalid regex: " + Cli.oneLine(e.getDescription()));
            }
        }
        Optional<Shard> shardPart;
        try {
            shardPart = Optional.ofNullable(shard).map(Shard::parse);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard: " + e.getMessage());
        }
        Map<String, ReportTarget> reports = reportTargets();
        Console console = Console.of(spec, factory.environment());
        // A report on stdout is data a program reads: the console output moves to stderr so as not to corrupt it.
        PrintWriter out = reports.values().stream().anyMatch(ReportTarget::toStdout) ? console.err() : console.out();
        PrintWriter err = console.err();
        try (Idem idem = factory.open(provider, store)) {
            Map<String, ReportWriter> writers = idem.reportWriters();
            for (String format : reports.keySet()) {
                if (!writers.containsKey(format)) {
                    throw new UsageException("no " + format + " report writer on the class path");
                }
            }
            Optional<ModelChoice> judge = judgeProvider == null && judgeModel == null ? Optional.empty()
                    : Optional.of(new ModelChoice(judgeProvider == null ? idem.choice().provider() : judgeProvider,
                    Optional.ofNullable(judgeModel)));
            Path specPath = factory.environment().resolve(specFile);
            EvaluationResult result;
            Interrupts interrupts = factory.interrupts();
            try (CaseProgress progress = new CaseProgress(factory.environment().interactive())) {
                EvaluateSpecCommand command = new EvaluateSpecCommand(SpecInput.file(specPath), idem.choice(), judge,
                        jobs, repeat, filterPattern, shardPart, idem.options(), progress, interrupts.cancellation());
                result = interrupts.cooperatively(() -> idem.evaluator().evaluate(command));
            }
            printHeader(out, result, specFile);
            if (!quiet) {
                for (CaseResult r : result.cases()) {
                    out.println(row(r));
                }
            }
            printSummary(out, result.summary());
            out.flush();
            for (Map.Entry<String, ReportTarget> e : reports.entrySet()) {
                e.getValue().write(writers.get(e.getKey()), result, console.data());
                err.println("idem: wrote " + e.getKey() + " report " + e.getValue().describe());
            }
            out.flush();
            err.flush();
            return exitCode(result.summary(), result, err);
        }
    }

    private int exitCode(EvaluationSummary s, EvaluationResult result, PrintWriter err) {
        Optional<Interrupts.Received> signal = factory.interrupts().received();
        if (signal.isPresent()) {
            int notRun = result.stopped().map(EvaluationResult.Stop::notRun).orElse(0);
            err.println("idem: interrupted by " + signal.get().name() + ": " + notRun + " of " + s.total()
                    + " cases not run (claims on calls in flight were given back; a rerun replays what finished)");
            return signal.get().exitCode();
        }
        if (result.stopped().isPresent()) {
            EvaluationResult.Stop stop = result.stopped().get();
            err.println("idem: error: " + Cli.oneLine(stop.message()) + "; stopped with " + stop.notRun() + " of "
                    + s.total() + " cases not run (the summary and reports show the cases that finished)");
            return ExitCode.UNAVAILABLE;
        }
        if (s.total() > 0 && s.errors() == s.total()) {
            String first = result.cases().get(0).error().orElse("unknown error");
            err.println("idem: error: every case failed to get a reply: " + Cli.oneLine(first));
            return ExitCode.UNAVAILABLE;
        }
        if (minPassRate != null) {
            boolean ok = s.passRate() + 1e-9 >= minPassRate;
            if (!ok) {
                err.printf("idem: pass rate %.1f%% is below --min-pass-rate %.1f%%%n", 100 * s.passRate(),
                        100 * minPassRate);
            }
            return ok ? ExitCode.OK : ExitCode.EVALUATIONS_FAILED;
        }
        return s.passed() == s.total() ? ExitCode.OK : ExitCode.EVALUATIONS_FAILED;
    }

    /** Where each report goes, checked before any call: a directory, or two reports on stdout, is a usage error. */
    private Map<String, ReportTarget> reportTargets() {
        Map<String, ReportTarget> targets = new LinkedHashMap<>();
        put(targets, "json", "--report-json", reportJson);
        put(targets, "junit", "--report-junit", reportJunit);
        put(targets, "md", "--report-md", reportMd);
        put(targets, "html", "--report-html", reportHtml);
        if (targets.values().stream().filter(ReportTarget::toStdout).count() > 1) {
            throw new UsageException("only one report can go to stdout ('-'); name a file for the others");
        }
        return targets;
    }

    private void put(Map<String, ReportTarget> targets, String format, String option, String file) {
        if (file == null) {
            return;
        }
        ReportTarget target = ReportTarget.of(file, factory.environment());
        target.file().filter(Files::isDirectory).ifPresent(directory -> {
            throw new UsageException(option + ": " + directory + " is a directory (name a file, or '-' for stdout)");
        });
        targets.put(format, target);
    }

    /** A live bar on stderr when it is a terminal; nothing when piped. */
    private static final class CaseProgress implements EvaluateSpecUseCase.Progress, AutoCloseable {
        private final boolean interactive;
        private ProgressBar bar;

        CaseProgress(boolean interactive) {
            this.interactive = interactive;
        }

        @Override
        public void started(int cases) {
            if (interactive && cases > 0) {
                bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(cases)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(200).continuousUpdate().showSpeed().build();
            }
        }

        @Override
        public void caseFinished(CaseResult result) {
            if (bar != null) {
                bar.step();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static void printHeader(PrintWriter out, EvaluationResult r, String shown) {
        out.println("spec      " + r.specName() + " (" + shown + ")");
        out.println("provider  " + r.provider() + ", model " + r.model() + " (" + r.answerKind() + ")");
        out.println("cases     " + r.cases().size());
        out.println();
    }

    private static String row(CaseResult r) {
        String status = switch (r.status()) {
            case PASSED -> "PASS ";
            case FAILED -> "FAIL ";
            case ERROR -> "ERROR";
        };
        StringBuilder sb = new StringBuilder(String.format("%s  %-28s", status, clip(r.label(), 28)));
        sb.append(r.replayed() ? "   replayed" : String.format(" %6d ms", r.latency().toMillis()));
        if (r.status() == CaseStatus.ERROR) {
            sb.append("  ").append(clip(Cli.oneLine(r.error().orElse("")), 140));
        } else {
            for (EvaluatorOutcome o : r.evaluations()) {
                sb.append(o.verdict().passed() ? "  ✓ " : "  ✗ ").append(o.name());
                if (!o.verdict().passed()) {
                    sb.append(" (").append(clip(Cli.oneLine(o.verdict().details()), 90)).append(')');
                }
            }
        }
        return sb.toString();
    }

    private static void printSummary(PrintWriter out, EvaluationSummary s) {
        out.println();
        out.println("+-----------+--------+--------+-----------+----------+-----------+------------------+");
        out.println("| passed    | failed | errors | pass rate | tokens   | wall time | calls / replayed |");
        out.println("+-----------+--------+--------+-----------+----------+-----------+------------------+");
        out.printf("| %-9s | %6d | %6d | %8.1f%% | %8d | %8.2fs | %7d / %-7d |%n", s.passed() + "/" + s.total(),
                s.failed(), s.errors(), 100 * s.passRate(), s.tokens().total(), s.wallTime().toMillis() / 1000.0,
                s.calls(), s.replays());
        out.println("+-----------+--------+--------+-----------+----------+-----------+------------------+");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
