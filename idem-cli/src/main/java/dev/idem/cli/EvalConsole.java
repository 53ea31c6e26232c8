package dev.idem.cli;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.in.ReportTarget;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What {@code idem eval} shows while and after it runs: a live bar on stderr when it is a terminal (nothing when
 * piped), then the header, one row per case and the summary, then a line for each report written. The evaluation
 * tells it each step; the summary is out before the first report is written.
 */
final class EvalConsole implements EvaluateSpecUseCase.Progress, AutoCloseable {

    private final boolean interactive;
    private final PrintWriter terminalErr;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String shownSpec;
    private final boolean quiet;
    private ProgressBar bar;

    /**
     * @param interactive whether stderr is a terminal, to draw the bar on
     * @param console     where the bar goes ({@link Console#terminalErr()}), and the lines about reports
     * @param out         where the header, rows and summary go (stderr when a report takes stdout)
     * @param shownSpec   the spec as the user named it
     * @param quiet       the summary without a row per case
     */
    EvalConsole(boolean interactive, Console console, PrintWriter out, String shownSpec, boolean quiet) {
        this.interactive = interactive;
        this.terminalErr = console.terminalErr();
        this.err = console.err();
        this.out = out;
        this.shownSpec = shownSpec;
        this.quiet = quiet;
    }

    @Override
    public void started(int cases) {
        if (interactive && cases > 0) {
            bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(cases)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(
                            new PrintStream(new TextOutputStream(terminalErr), true, StandardCharsets.UTF_8)))
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
    public void finished(EvaluationResult result) {
        close();
        printHeader(result);
        if (!quiet) {
            for (CaseResult r : result.cases()) {
                out.println(row(r));
            }
        }
        printSummary(result.summary());
        out.flush();
    }

    @Override
    public void reportWritten(ReportTarget target) {
        err.println("idem: wrote " + target.format() + " report "
                + target.file().map(Object::toString).orElse("to stdout"));
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private void printHeader(EvaluationResult r) {
        out.println("spec      " + r.specName() + " (" + shownSpec + ")");
        out.println("provider  " + r.provider() + (r.model().isEmpty() ? "" : ", model " + r.model())
                + (r.answeredBy().isEmpty() ? "" : ", answered by " + r.answeredBy()) + " (" + r.answerKind() + ")");
        out.println("cases     " + r.cases().size());
        out.println();
    }

    private static String row(CaseResult r) {
        String status = switch (r.status()) {
            case PASSED -> "PASS ";
            case FAILED -> "FAIL ";
            case ERROR -> "ERROR";
            case SKIPPED -> "SKIP ";
        };
        StringBuilder sb = new StringBuilder(String.format("%s  %-28s", status, clip(r.label(), 28)));
        sb.append(r.replayed() ? "   replayed" : String.format(" %6d ms", r.latency().toMillis()));
        if (r.status() == CaseStatus.ERROR) {
            sb.append("  ").append(clip(Cli.oneLine(r.error().orElse("")), 140));
        } else {
            for (EvaluatorOutcome o : r.evaluations()) {
                sb.append(o.verdict().passed() ? "  ✓ " : o.verdict().skipped() ? "  – " : "  ✗ ").append(o.name());
                if (!o.verdict().passed() && !o.verdict().skipped()) {
                    sb.append(" (").append(clip(Cli.oneLine(o.verdict().details()), 90)).append(')');
                }
            }
        }
        return sb.toString();
    }

    private void printSummary(EvaluationSummary s) {
        out.println();
        out.println("+-----------+--------+--------+---------+-----------+----------+-----------+------------------+");
        out.println("| passed    | failed | errors | skipped | pass rate | tokens   | wall time | calls / replayed |");
        out.println("+-----------+--------+--------+---------+-----------+----------+-----------+------------------+");
        out.printf("| %-9s | %6d | %6d | %7d | %8.1f%% | %8d | %8.2fs | %7d / %-7d |%n", s.passed() + "/" + s.total(),
                s.failed(), s.errors(), s.skipped(), 100 * s.passRate(), s.tokens().total(),
                s.wallTime().toMillis() / 1000.0, s.calls(), s.replays());
        out.println("+-----------+--------+--------+---------+-----------+----------+-----------+------------------+");
        if (s.skipped() > 0) {
            out.println("skipped   " + s.skipped() + (s.skipped() == 1 ? " case was" : " cases were") + " not fully "
                    + "judged (--skip-unavailable-evaluators): not passed, so they lower the pass rate");
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
