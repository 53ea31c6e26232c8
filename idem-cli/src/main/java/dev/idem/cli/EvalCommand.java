package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluatorPolicy;
import dev.idem.port.in.EvaluateSpecUseCase.Shard;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.ReportTarget;
import dev.idem.port.in.SpecInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem eval SPEC}: every test row through its evaluators; exit 0 all passed, 1 otherwise. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS, abbreviateSynopsis = true,
        description = "Evaluate a spec's testData with its evaluators; write reports.",
        footerHeading = HelpText.EXAMPLES, footer = {
                "  idem eval prompts/idempotency-architect.prompt.yml",
                "  idem eval suites/idempotency-architect.suite.yml -j 8 --min-pass-rate 0.9 \\",
                "            --report-junit junit.xml --report-html report.html \\",
                "            --provider ollama --model llama3.1"})
final class EvalCommand implements Callable<Integer> {

    static final int MAX_JOBS = EvaluateSpecCommand.MAX_CONCURRENCY;
    static final int MAX_REPEAT = EvaluateSpecCommand.MAX_REPEAT;

    /** Names of standard output: written as data, like {@code -}, so that the console output can step aside. */
    private static final Set<String> STDOUT = Set.of("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");

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

    @Option(names = "--allow-code",
            description = "Run the spec's python evaluators in the system's python3 (no shell, 10 s each, an empty "
                    + "environment; the reply and the row's values are passed as data).")
    boolean allowCode;

    @Option(names = "--skip-unavailable-evaluators",
            description = "Report evaluators that cannot run (a judge without --judge-provider, python without "
                    + "--allow-code) as SKIPPED instead of stopping; a case with a skipped evaluator is not passed.")
    boolean skipUnavailable;

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

    @ArgGroup(validate = false, heading = HelpText.PROVIDER, order = 1)
    ProviderOptions provider = new ProviderOptions();

    @ArgGroup(validate = false, heading = HelpText.CACHE, order = 2)
    CacheOptions cache = new CacheOptions();

    @ArgGroup(validate = false, heading = HelpText.STORE, order = 3)
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
        CliEnvironment environment = factory.environment();
        Console console = factory.console();
        List<ReportTarget> reports = reportTargets(console);
        // A report on stdout is data a program reads: the console output moves to stderr so as not to corrupt it.
        boolean onStderr = reports.stream().anyMatch(t -> t.stream().isPresent());
        PrintWriter out = onStderr ? console.err() : console.out();
        PrintWriter err = console.err();
        boolean colour = environment.wantsColour(onStderr ? environment.stderrTerminal()
                : environment.stdoutTerminal());
        try (Idem idem = factory.open(provider, cache, store)) {
            Optional<ModelChoice> judge = judgeProvider == null && judgeModel == null ? Optional.empty()
                    : Optional.of(new ModelChoice(judgeProvider == null ? idem.choice().provider() : judgeProvider,
                    Optional.ofNullable(judgeModel)));
            Path specPath = factory.environment().resolve(specFile);
            EvaluationResult result;
            Interrupts interrupts = factory.interrupts();
            try (EvalConsole shown = new EvalConsole(environment.stderrTerminal() && !console.quiet(), console,
                    onStderr, colour, specFile, console.quiet())) {
                EvaluateSpecCommand command = new EvaluateSpecCommand(SpecInput.file(specPath), idem.choice(), judge,
                        jobs, repeat, filterPattern, shardPart, idem.options(), shown, interrupts.cancellation(),
                        reports, new EvaluatorPolicy(allowCode, skipUnavailable));
                result = interrupts.cooperatively(() -> idem.evaluator().evaluate(command));
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
            // a provider's refusal is told as 'idem run' tells it, with where its key is set
            String why = stop.failure().map(f -> ErrorLine.of(f, provider -> Cli.keyHint(factory, provider)))
                    .orElse(stop.message());
            err.println("idem: error: " + Cli.oneLine(EndpointUrl.redactIn(why)) + "; stopped with " + stop.notRun()
                    + " of " + s.total() + " cases not run (the summary and reports show the cases that finished)");
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

    /**
     * Where each report goes, checked before any call: a directory (refused by the target itself), or two reports on
     * stdout, is a usage error.
     */
    private List<ReportTarget> reportTargets(Console console) {
        TextOutputStream stdout = new TextOutputStream(console.data());
        List<ReportTarget> targets = new ArrayList<>();
        add(targets, "json", "--report-json", reportJson, stdout);
        add(targets, "junit", "--report-junit", reportJunit, stdout);
        add(targets, "md", "--report-md", reportMd, stdout);
        add(targets, "html", "--report-html", reportHtml, stdout);
        if (targets.stream().filter(t -> t.stream().isPresent()).count() > 1) {
            throw new UsageException("only one report can go to stdout ('-'); name a file for the others");
        }
        return targets;
    }

    private void add(List<ReportTarget> targets, String format, String option, String file, TextOutputStream stdout) {
        if (file != null) {
            boolean toStdout = STDOUT.contains(file);
            targets.add(new ReportTarget(format, option,
                    toStdout ? Optional.empty() : Optional.of(factory.environment().resolve(file)),
                    toStdout ? Optional.of(stdout) : Optional.empty()));
        }
    }
}
