package dev.idem.cli;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationStart;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.in.ReportTarget;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What {@code idem eval} shows while and after it runs: the header, then one row per case as it finishes (flushed,
 * so that a CI log shows progress line by line), with a live bar on stderr when stderr is a terminal, then the
 * summary, then a line for each report written. The evaluation tells it each step; the summary is out before the
 * first report is written.
 *
 * <p>A row is one short line; a case that did not pass adds a line per failing evaluator (or its error). The status
 * is coloured only when the rows go to a terminal and {@code NO_COLOR} is not set.
 */
final class EvalConsole implements EvaluateSpecUseCase.Progress, AutoCloseable {

    private static final int LABEL_WIDTH = 40;
    /** Detail lines are clipped so that, indented, they fit in 120 columns. */
    private static final int DETAIL_WIDTH = 110;
    /** An error is all a reader has of a case that got no verdict: it is wrapped, not clipped, up to this many lines. */
    private static final int ERROR_LINES = 4;
    private static final String INDENT = "         ";
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final boolean drawBar;
    private final PrintWriter terminalErr;
    private final PrintWriter out;
    private final PrintWriter rows;
    private final PrintWriter err;
    private final String shownSpec;
    private final boolean quiet;
    private final boolean colour;
    private final Set<CaseResult> shown = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The bar's frames and the rows share a terminal line: one at a time. */
    private final Object screen = new Object();
    private ProgressBar bar;

    /**
     * @param drawBar   whether stderr is a terminal, to draw the bar on
     * @param console   where everything goes: the bar and the lines about reports on stderr
     * @param onStderr  whether the header, rows and summary go to stderr (a report takes stdout)
     * @param colour    whether to colour the statuses (the rows go to a terminal that wants colour)
     * @param shownSpec the spec as the user named it
     * @param quiet     the summary without a row per case
     */
    EvalConsole(boolean drawBar, Console console, boolean onStderr, boolean colour, String shownSpec, boolean quiet) {
        this.drawBar = drawBar;
        this.terminalErr = console.terminalErr();
        this.err = console.notes();
        this.out = onStderr ? console.err() : console.out();
        // rows carry colour codes: written as they are, with what a spec or a server supplied escaped in them
        this.rows = onStderr ? console.terminalErr() : console.data();
        this.colour = colour;
        this.shownSpec = shownSpec;
        this.quiet = quiet;
    }

    @Override
    public void started(EvaluationStart start) {
        out.println("spec      " + start.specName() + " (" + shownSpec + ")");
        out.println("provider  " + start.provider() + (start.model().isEmpty() ? "" : ", model " + start.model())
                + " (" + start.answerKind() + ")");
        out.println("cases     " + start.cases());
        out.println();
        out.flush();
        if (drawBar) {
            bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(start.cases())
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(
                            new PrintStream(new TextOutputStream(terminalErr), true, StandardCharsets.UTF_8)) {
                        @Override
                        public void accept(String frame) {
                            synchronized (screen) {
                                super.accept(frame);
                            }
                        }
                    })
                    .setUpdateIntervalMillis(200).continuousUpdate().showSpeed().build();
        }
    }

    @Override
    public void caseFinished(CaseResult result) {
        if (!quiet) {
            synchronized (screen) {
                if (bar != null) {
                    terminalErr.print(CLEAR_LINE);
                    terminalErr.flush();
                }
                rows.println(row(result));
                rows.flush();
                shown.add(result);
            }
        }
        if (bar != null) {
            bar.step();
            bar.refresh();
        }
    }

    @Override
    public void finished(EvaluationResult result) {
        close();
        if (!quiet) {
            List<CaseResult> notShown = result.cases().stream().filter(c -> !shown.contains(c)).toList();
            if (!notShown.isEmpty()) {
                rows.println(notRun(notShown.size(), result));
            }
        }
        printSummary(result);
        out.flush();
        rows.flush();
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

    private String row(CaseResult r) {
        StringBuilder sb = new StringBuilder(status(r.status())).append("  ");
        String label = TerminalText.escape(clip(r.label(), LABEL_WIDTH));
        sb.append(label).append(" ".repeat(Math.max(0, LABEL_WIDTH - label.length())));
        if (r.replayed()) {
            sb.append("   replayed");
        } else if (r.status() == CaseStatus.ERROR) {
            sb.append(r.attempts() == 0 ? "   not sent" : String.format("  %2d attempt%s", r.attempts(),
                    r.attempts() == 1 ? "" : "s"));
        } else {
            sb.append(String.format(" %6d ms", r.latency().toMillis()));
        }
        if (r.status() == CaseStatus.ERROR) {
            wrapped(sb, r.error().orElse("no reply"));
        }
        for (EvaluatorOutcome o : r.evaluations()) {
            if (o.verdict().skipped()) {
                detail(sb, "– " + o.name() + ": " + o.verdict().details());
            } else if (!o.verdict().passed()) {
                detail(sb, "✗ " + o.name() + ": " + o.verdict().details());
            }
        }
        return sb.toString();
    }

    /** A line under the row: the first line of the text, clipped, with what could steer the terminal escaped. */
    private static void detail(StringBuilder sb, String text) {
        String first = text.lines().findFirst().orElse("").strip();
        sb.append(System.lineSeparator()).append(INDENT).append(TerminalText.escape(clip(first, DETAIL_WIDTH)));
    }

    /** Lines under the row: the whole text as one paragraph, escaped, wrapped at spaces to fit, the last one clipped. */
    private static void wrapped(StringBuilder sb, String text) {
        String rest = TerminalText.escape(Cli.oneLine(text));
        for (int line = 1; !rest.isEmpty(); line++) {
            int cut = rest.length() <= DETAIL_WIDTH || line == ERROR_LINES ? rest.length()
                    : rest.lastIndexOf(' ', DETAIL_WIDTH);
            cut = cut <= 0 ? DETAIL_WIDTH : cut;
            sb.append(System.lineSeparator()).append(INDENT).append(clip(rest.substring(0, cut), DETAIL_WIDTH));
            rest = rest.substring(cut).strip();
        }
    }

    /** The cases that never got a row (the evaluation stopped before them): one line for all of them. */
    private String notRun(int count, EvaluationResult result) {
        String why = result.stopped().map(EvaluationResult.Stop::message).orElse("not run");
        return status(CaseStatus.ERROR) + "  " + count + (count == 1 ? " case" : " cases") + " not run: "
                + TerminalText.escape(clip(Cli.oneLine(why), DETAIL_WIDTH));
    }

    /**
     * The status, five columns wide, coloured when asked: green for a pass, red for a failure or an error, yellow for
     * a case not fully judged.
     */
    private String status(CaseStatus status) {
        String word = switch (status) {
            case PASSED -> "PASS ";
            case FAILED -> "FAIL ";
            case ERROR -> "ERROR";
            case SKIPPED -> "SKIP ";
        };
        if (!colour) {
            return word;
        }
        String sgr = switch (status) {
            case PASSED -> "32";
            case FAILED -> "31";
            case ERROR -> "1;31";
            case SKIPPED -> "33";
        };
        return "\u001b[" + sgr + "m" + word + "\u001b[0m";
    }

    private void printSummary(EvaluationResult result) {
        EvaluationSummary s = result.summary();
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
        out.println("answered  " + result.provider() + (result.answeringModel().isEmpty() ? " (no case got a reply)"
                : ", " + result.answeringModel()));
        out.printf("run       idem %s, started %s, took %.2f s%n",
                result.idemVersion().isEmpty() ? "(version unknown)" : result.idemVersion(),
                result.startedAt().truncatedTo(ChronoUnit.SECONDS), s.wallTime().toMillis() / 1000.0);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
