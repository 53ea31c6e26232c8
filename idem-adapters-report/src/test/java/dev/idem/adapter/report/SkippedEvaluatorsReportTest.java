package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.TestCase;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.out.ReportWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A case whose evaluators were skipped on request reads as skipped in every report, and never as passed. */
class SkippedEvaluatorsReportTest {

    private static final String WHY = "skipped: python evaluator not run (--allow-code was not given, or it cannot "
            + "run here)";

    /** A run with a passed case and a case whose python evaluator was skipped. */
    static EvaluationResult result() {
        CaseResult passed = new CaseResult(TestCase.of(1, Map.of("topic", "ledger")), 0, CaseStatus.PASSED,
                "a design.", Optional.empty(), List.of(new EvaluatorOutcome("ends", "string", Verdict.pass("ok"))),
                Duration.ofMillis(5), TokenUsage.NONE, 1, false, List.of());
        CaseResult skipped = new CaseResult(TestCase.of(2, Map.of("topic", "queue")), 0, CaseStatus.SKIPPED,
                "another design.", Optional.empty(), List.of(
                        new EvaluatorOutcome("ends", "string", Verdict.pass("ok")),
                        new EvaluatorOutcome("no pii", "python", Verdict.skipped(WHY))),
                Duration.ofMillis(5), TokenUsage.NONE, 1, false, List.of());
        EvaluationSummary summary = new EvaluationSummary(2, 1, 0, 0, 1, TokenUsage.NONE, 2, 0, Duration.ofMillis(9));
        return new EvaluationResult("Skips", "", "skips.prompt.yml", "builtin", "m", "LLM",
                List.of(passed, skipped), summary);
    }

    private static String written(ReportWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(result(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_count_and_mark_skipped_cases_and_evaluators_in_the_json_report() throws Exception {
        // when
        JsonNode json = new ObjectMapper().readTree(written(new JsonReportWriter()));

        // then
        assertThat(json.at("/idem/skipped").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/passedTests").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/failedTests").asInt()).isEqualTo(1);
        assertThat(json.at("/testResults/1/status").asText()).isEqualTo("skipped");
        assertThat(json.at("/testResults/1/evaluationResults/1/skipped").asBoolean()).isTrue();
        assertThat(json.at("/testResults/1/evaluationResults/1/passed").asBoolean()).isFalse();
        assertThat(json.at("/testResults/1/evaluationResults/0").has("skipped")).isFalse();
    }

    @Test
    void should_write_a_skipped_element_and_count_it_in_the_junit_report() throws Exception {
        // when
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(written(new JunitReportWriter()).getBytes(StandardCharsets.UTF_8)));

        // then
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        Element second = (Element) xml.getElementsByTagName("testcase").item(1);
        Element skip = (Element) second.getElementsByTagName("skipped").item(0);
        assertThat(skip.getAttribute("message")).startsWith("not fully judged: no pii: skipped: python evaluator");
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void should_show_skipped_cases_and_verdicts_in_the_markdown_report() {
        // when
        String md = written(new MarkdownReportWriter());

        // then
        assertThat(md).contains("| 1 | 0 | 0 | 1 | 50% |")
                .contains("| 2 | queue | SKIPPED |")
                .contains("skipped: no pii")
                .contains("### SKIPPED: queue")
                .contains("- SKIPPED no pii \\[python\\] score 0.00: skipped: python evaluator not run");
    }

    @Test
    void should_badge_filter_and_count_skipped_cases_in_the_html_report() {
        // when
        String html = written(new HtmlReportWriter());

        // then
        assertThat(html).contains("<span class=\"badge skipped\">SKIPPED</span>")
                .contains("data-filter=\"skipped\"")
                .contains("<span class=\"n s\">1</span><span class=\"sub\">skipped</span>")
                .contains("1 of 2 evaluators skipped")
                .contains("title=\"skipped\">\u2013");
    }
}
