package dev.idem.adapter.report;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.out.ReportWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A GitHub-flavoured Markdown report, fit for a pull-request comment or a CI job summary: header, totals, one
 * table row per case, and the output of every case that did not pass.
 */
public final class MarkdownReportWriter implements ReportWriter {

    private static final Pattern BACKTICK_RUNS = Pattern.compile("`+");
    private static final Pattern MARKDOWN_SPECIALS = Pattern.compile("[\\\\`*_\\[\\]<>|#~]");

    public MarkdownReportWriter() {
    }

    @Override
    public String format() {
        return "md";
    }

    @Override
    public void write(EvaluationResult result, Path target) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(target, "target");
        ReportFile.write(target, content(result));
    }

    @Override
    public void write(EvaluationResult result, OutputStream out) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(out, "out");
        ReportFile.write(out, content(result));
    }

    private ReportFile.Content content(EvaluationResult result) {
        byte[] report = render(result).getBytes(StandardCharsets.UTF_8);
        return out -> out.write(report);
    }

    private String render(EvaluationResult result) {
        EvaluationSummary summary = result.summary();
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation: ").append(inline(result.specName())).append("\n\n");
        if (!result.description().isBlank()) {
            md.append(inline(result.description())).append("\n\n");
        }
        md.append("| | |\n|---|---|\n");
        row(md, "Spec", result.specSource().isEmpty() ? inline(result.specName())
                : inline(result.specName()) + " (" + code(result.specSource()) + ")");
        row(md, "Provider", inline(result.provider()));
        row(md, "Model", inline(result.model()));
        row(md, "Answered by", inline(ReportText.answeredBy(result)));
        row(md, "Answer kind", inline(result.answerKind()));
        row(md, "Cases", Integer.toString(summary.total()));
        row(md, "Run", inline(ReportText.run(result)));

        md.append("\n## Summary\n\n")
                .append("| Passed | Failed | Errors | Skipped | Pass rate | Tokens (in / out) | Wall time | Calls made "
                        + "| Replayed |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                .append("| ").append(summary.passed())
                .append(" | ").append(summary.failed())
                .append(" | ").append(summary.errors())
                .append(" | ").append(summary.skipped())
                .append(" | ").append(ReportText.percent(summary.passRate()))
                .append(" | ").append(ReportText.count(summary.tokens().inputTokens())).append(" / ")
                .append(ReportText.count(summary.tokens().outputTokens()))
                .append(" | ").append(ReportText.duration(summary.wallTime()))
                .append(" | ").append(summary.calls())
                .append(" | ").append(summary.replays())
                .append(" |\n");

        md.append("\n## Results\n\n")
                .append("| # | Case | Status | Latency | Attempts | Failed evaluators |\n")
                .append("|---:|---|---|---:|---:|---|\n");
        int index = 1;
        for (CaseResult c : result.cases()) {
            md.append("| ").append(index++)
                    .append(" | ").append(inline(c.label()))
                    .append(" | ").append(ReportText.status(c.status()))
                    .append(" | ").append(latency(c))
                    .append(" | ").append(c.attempts())
                    .append(" | ").append(problem(c))
                    .append(" |\n");
        }

        List<CaseResult> notPassed = result.cases().stream().filter(c -> c.status() != CaseStatus.PASSED).toList();
        if (!notPassed.isEmpty()) {
            md.append("\n## Details\n");
            notPassed.forEach(c -> details(md, c));
        }
        return md.toString();
    }

    private static String latency(CaseResult c) {
        if (c.replayed()) {
            return "replayed";
        }
        // An errored case never had a successful attempt to time.
        return c.status() == CaseStatus.ERROR ? "n/a" : ReportText.duration(c.latency());
    }

    private static String problem(CaseResult c) {
        if (c.status() == CaseStatus.ERROR) {
            return "error: " + inline(c.error().orElse("no reply"));
        }
        if (c.status() == CaseStatus.SKIPPED) {
            return "skipped: " + inline(ReportText.skipped(c).stream().map(EvaluatorOutcome::name)
                    .collect(Collectors.joining(", ")));
        }
        return inline(ReportText.failing(c).stream().map(EvaluatorOutcome::name).collect(Collectors.joining(", ")));
    }

    private static void details(StringBuilder md, CaseResult c) {
        md.append("\n### ").append(ReportText.status(c.status())).append(": ").append(inline(c.label())).append("\n\n");
        c.error().ifPresent(error -> md.append("**Error:** ").append(inline(error)).append("\n\n"));
        for (EvaluatorOutcome outcome : c.evaluations()) {
            // details may go on under their first line (a rubric's items missed): nested under the verdict
            List<String> lines = ReportText.verdictLine(outcome).lines().toList();
            md.append("- ").append(inline(lines.get(0))).append('\n');
            for (String more : lines.subList(1, lines.size())) {
                md.append("  - ").append(inline(more.startsWith("- ") ? more.substring(2) : more)).append('\n');
            }
        }
        if (!c.evaluations().isEmpty()) {
            md.append('\n');
        }
        if (c.output().isEmpty()) {
            md.append("_No output._\n");
            return;
        }
        String fence = fenceFor(c.output());
        md.append(fence).append("text\n").append(c.output());
        if (!c.output().endsWith("\n")) {
            md.append('\n');
        }
        md.append(fence).append('\n');
    }

    /** A fence one backtick longer than any run in the text, so the text cannot close it. */
    static String fenceFor(String text) {
        return "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** Text on one line with Markdown and HTML syntax neutralised: it must read literally. */
    static String inline(String text) {
        return MARKDOWN_SPECIALS.matcher(text.replaceAll("\\s*\\R\\s*", " ").strip()).replaceAll("\\\\$0");
    }

    private static String code(String text) {
        String fence = "`".repeat(longestBacktickRun(text) + 1);
        String padded = text.startsWith("`") || text.endsWith("`") ? " " + text + " " : text;
        return fence + padded.replace("|", "\\|") + fence;
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher runs = BACKTICK_RUNS.matcher(text);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        return longest;
    }
}
