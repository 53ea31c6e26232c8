package dev.idem.adapter.report;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluatorOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The wording and number formats every human-readable report shares, so they never disagree. */
final class ReportText {

    private ReportText() {
    }

    /** {@code 0.6667} as {@code 66.7%}, {@code 1.0} as {@code 100%}. */
    static String percent(double rate) {
        String formatted = String.format(Locale.ROOT, "%.1f", rate * 100);
        return (formatted.endsWith(".0") ? formatted.substring(0, formatted.length() - 2) : formatted) + "%";
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 850 ms}, {@code 1.25 s}, {@code 2 min 05 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** Seconds with millisecond precision, as JUnit XML's {@code time} attributes expect. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }

    /** An instant in ISO 8601, UTC, to the second: {@code 2026-11-30T17:29:08Z}. */
    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Which idem ran an evaluation, when it started and how long it took, in one line. */
    static String run(EvaluationResult result) {
        return "idem " + (result.idemVersion().isEmpty() ? "(version unknown)" : result.idemVersion())
                + ", started " + instant(result.startedAt()) + ", took " + duration(result.summary().wallTime());
    }

    /** Who answered: the provider and the model that really answered, or that no case got a reply. */
    static String answeredBy(EvaluationResult result) {
        return result.answeringModel().isEmpty() ? result.provider() + " (no case got a reply)"
                : result.provider() + ", " + result.answeringModel();
    }

    static String score(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    static String status(CaseStatus status) {
        return switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case ERROR -> "ERROR";
            case SKIPPED -> "SKIPPED";
        };
    }

    /** The first line of a text: a verdict's details may add lines (a rubric lists each item missed under it). */
    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** The evaluators that judged the reply and failed it. */
    static List<EvaluatorOutcome> failing(CaseResult result) {
        return result.evaluations().stream()
                .filter(outcome -> !outcome.verdict().passed() && !outcome.verdict().skipped()).toList();
    }

    /** The evaluators that did not judge the reply. */
    static List<EvaluatorOutcome> skipped(CaseResult result) {
        return result.evaluations().stream().filter(outcome -> outcome.verdict().skipped()).toList();
    }

    /** How a verdict reads: {@code PASS}, {@code FAIL} or {@code SKIPPED}. */
    static String verdictWord(EvaluatorOutcome outcome) {
        return outcome.verdict().skipped() ? "SKIPPED" : outcome.verdict().passed() ? "PASS" : "FAIL";
    }

    /** One line per verdict, e.g. {@code FAIL rubric [rubric] score 0.55: missing fencing tokens}. */
    static String verdictLine(EvaluatorOutcome outcome) {
        return verdictWord(outcome) + " " + outcome.name() + " [" + outcome.kind() + "] score "
                + score(outcome.verdict().score()) + (outcome.verdict().details().isEmpty() ? ""
                : ": " + outcome.verdict().details());
    }
}
