package dev.idem.adapter.report;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.out.ReportWriter;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The machine-readable report: the shape {@code gh models eval --json} prints ({@code name}, {@code description},
 * {@code model}, {@code testResults}, {@code summary}) so existing tooling keeps working, plus idem's own fields
 * (provider, statuses, errors, replays, tokens, timings) that gh-models has no notion of.
 */
public final class JsonReportWriter implements ReportWriter {

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final ObjectWriter writer;

    public JsonReportWriter() {
        // Explicit "\n" and two-space indents keep the bytes identical on every OS, so reports diff cleanly.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        this.writer = JsonMapper.builder()
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build()
                .writer(printer);
    }

    @Override
    public String format() {
        return "json";
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
        ObjectNode report = report(result);
        return out -> {
            writer.writeValue(out, report);
            out.write('\n');
        };
    }

    private ObjectNode report(EvaluationResult result) {
        EvaluationSummary summary = result.summary();
        ObjectNode report = nodes.objectNode();
        report.put("name", result.specName());
        report.put("description", result.description());
        report.put("model", result.model());
        ArrayNode testResults = report.putArray("testResults");
        result.cases().forEach(c -> testResults.add(testResult(c)));
        ObjectNode totals = report.putObject("summary");
        totals.put("totalTests", summary.total());
        totals.put("passedTests", summary.passed());
        // gh-models counts every case that did not pass as failed; idem's errors are broken out under "idem".
        totals.put("failedTests", summary.total() - summary.passed());
        totals.put("passRate", percentage(summary));
        report.put("provider", result.provider());
        // the model that really answered (the built-in architect, a dated version), or null when nothing answered
        report.put("answeredBy", result.answeringModel().isEmpty() ? null : result.answeringModel());
        report.put("answerKind", result.answerKind());
        report.put("specSource", result.specSource());
        ObjectNode idem = report.putObject("idem");
        idem.put("version", result.idemVersion());
        idem.put("startedAt", ReportText.instant(result.startedAt()));
        idem.put("passed", summary.passed());
        idem.put("failed", summary.failed());
        idem.put("errors", summary.errors());
        // cases not fully judged (evaluators skipped on request): counted above as not passed
        idem.put("skipped", summary.skipped());
        idem.put("calls", summary.calls());
        idem.put("replays", summary.replays());
        idem.set("tokens", tokens(summary.tokens()));
        idem.put("wallTimeMs", summary.wallTime().toMillis());
        // A run cut short (a signal, a store gone for good) must not read like a complete one to CI tooling.
        result.stopped().ifPresent(stop -> idem.putObject("stopped")
                .put("cause", stop.cause().name().toLowerCase(Locale.ROOT))
                .put("message", stop.message())
                .put("notRun", stop.notRun()));
        return report;
    }

    private ObjectNode testResult(CaseResult result) {
        ObjectNode node = nodes.objectNode();
        ObjectNode testCase = node.putObject("testCase");
        result.testCase().variables().forEach(testCase::put);
        result.testCase().expected().ifPresent(expected -> testCase.put("expected", expected));
        node.put("modelResponse", result.output());
        ArrayNode evaluations = node.putArray("evaluationResults");
        result.evaluations().forEach(outcome -> evaluations.add(evaluation(outcome)));
        // gh-models' rule is that a test passes when all its results pass: a case that did not pass (an error has
        // no verdict at all) must carry a failed result, or tools applying that rule count it as a pass.
        if (result.status() != CaseStatus.PASSED
                && result.evaluations().stream().allMatch(outcome -> outcome.verdict().passed())) {
            evaluations.add(notPassed(result));
        }
        node.put("label", result.label());
        node.put("row", result.testCase().number());
        node.put("sample", result.sample());
        node.put("status", result.status().name().toLowerCase(Locale.ROOT));
        node.put("error", result.error().orElse(null));
        node.put("latencyMs", result.latency().toMillis());
        node.put("attempts", result.attempts());
        node.put("replayed", result.replayed());
        node.put("finishReason", result.finishReason());
        node.set("tokens", tokens(result.usage()));
        ArrayNode messages = node.putArray("messages");
        for (Map.Entry<String, String> message : result.renderedMessages()) {
            messages.addObject().put("role", message.getKey()).put("content", message.getValue());
        }
        return node;
    }

    private ObjectNode evaluation(EvaluatorOutcome outcome) {
        ObjectNode node = nodes.objectNode();
        node.put("evaluatorName", outcome.name());
        node.put("score", outcome.verdict().score());
        node.put("passed", outcome.verdict().passed());
        if (outcome.verdict().skipped()) {
            node.put("skipped", true);
        }
        node.put("details", outcome.verdict().details());
        node.put("kind", outcome.kind());
        return node;
    }

    /** The failed result of a case that no evaluator failed: its error, with the error's text as details. */
    private ObjectNode notPassed(CaseResult result) {
        String status = result.status().name().toLowerCase(Locale.ROOT);
        ObjectNode node = nodes.objectNode();
        node.put("evaluatorName", status);
        node.put("score", 0.0);
        node.put("passed", false);
        node.put("details", result.error().orElse("the case did not pass (" + status + ")"));
        node.put("kind", status);
        return node;
    }

    private ObjectNode tokens(TokenUsage usage) {
        ObjectNode node = nodes.objectNode();
        node.put("input", usage.inputTokens());
        node.put("output", usage.outputTokens());
        return node;
    }

    /** gh-models reports the pass rate as a percentage; rounded so that 2 of 3 reads 66.67, not 66.666...67. */
    private static double percentage(EvaluationSummary summary) {
        return Math.round(summary.passRate() * 10_000) / 100.0;
    }
}
