package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.TestCase;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import dev.idem.port.out.ReportWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportWriterTest extends ReportWriterContract {

    @Override
    ReportWriter writer() {
        return new JunitReportWriter();
    }

    @Override
    String expectedFormat() {
        return "junit";
    }

    @Override
    String expectedDuration() {
        return "time=\"7.412\"";
    }

    @Override
    String fileName() {
        return "TEST-idem.xml";
    }

    private Document written(EvaluationResult result) throws Exception {
        Path target = dir.resolve(fileName());
        writer().write(result, target);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(target.toFile());
    }

    @Test
    void should_write_one_suite_with_the_totals_ci_reporters_read() throws Exception {
        // when
        Element root = written(sample()).getDocumentElement();

        // then
        assertThat(root.getTagName()).isEqualTo("testsuites");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element suite = (Element) suites.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("Idempotency and API Retry Strategy Architect");
        assertThat(suite.getAttribute("tests")).isEqualTo("6");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("7.412");
        // the strict Ant schema allows no attribute on testsuites, and wants a package and an id on a suite in it
        assertThat(root.getAttributes().getLength()).isZero();
        assertThat(suite.getAttribute("package")).isEqualTo("Idempotency and API Retry Strategy Architect");
        assertThat(suite.getAttribute("id")).isEqualTo("0");
    }

    @Test
    void should_name_the_start_in_utc_and_the_host_on_the_suite() throws Exception {
        // when
        Element suite = (Element) written(sample()).getElementsByTagName("testsuite").item(0);

        // then
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-30T17:29:08");
        assertThat(suite.getAttribute("hostname")).isEqualTo(JunitReportWriter.hostname()).isNotBlank();
    }

    @Test
    void should_write_a_testcase_per_case_with_classname_name_and_time() throws Exception {
        // when
        NodeList cases = written(sample()).getElementsByTagName("testcase");

        // then
        assertThat(cases.getLength()).isEqualTo(6);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("Idempotency and API Retry Strategy Architect");
        assertThat(first.getAttribute("name")).isEqualTo("Payments API with duplicate charges");
        assertThat(first.getAttribute("time")).isEqualTo("1.240");
        assertThat(first.getElementsByTagName("failure").getLength()).isZero();
        assertThat(first.getElementsByTagName("system-out").getLength()).isZero();
    }

    @Test
    void should_put_every_reply_in_the_suites_output_under_its_case() throws Exception {
        // when
        String output = suiteOutput(written(sample()));

        // then
        assertThat(output).contains("--- Payments API with duplicate charges (PASS) ---\n## Idempotency Keys")
                .contains("--- Inventory reservation under load (ERROR) ---\n(no reply)\n");
    }

    @Test
    void should_combine_failing_evaluators_into_one_failure() throws Exception {
        // when
        Element failedCase = (Element) written(sample()).getElementsByTagName("testcase").item(1);

        // then
        NodeList failures = failedCase.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("design-format: missing section: Retry Policy; "
                        + "rubric: missing: fencing tokens, cross-region dedup window");
        assertThat(failure.getAttribute("type")).isEqualTo("design-format,rubric");
        assertThat(failure.getTextContent())
                .contains("PASS has-idempotency-key [regex] score 1.00")
                .contains("FAIL design-format [design-format] score 0.00: missing section: Retry Policy")
                .contains("FAIL rubric [rubric] score 0.55")
                .contains("--- reply ---\n## Idempotency Keys\nEvery order carries");
    }

    @Test
    void should_report_provider_failures_as_errors() throws Exception {
        // when
        Element errorCase = (Element) written(sample()).getElementsByTagName("testcase").item(2);

        // then
        Element error = (Element) errorCase.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("provider");
        assertThat(error.getAttribute("message")).contains("rate limited (HTTP 429) after 4 attempts");
        assertThat(errorCase.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void should_mark_replayed_output() throws Exception {
        // when
        String output = suiteOutput(written(sample()));

        // then
        assertThat(output).contains("--- Webhook delivery (PASS) [replayed from the execution store] ---\n");
    }

    @Test
    void should_say_in_the_suites_error_output_why_the_run_stopped() throws Exception {
        // when
        Element suite = (Element) written(SampleEvaluation.erroring()).getElementsByTagName("testsuite").item(0);

        // then
        assertThat(suite.getElementsByTagName("system-err").item(0).getTextContent())
                .isEqualTo("stopped early: openai refused the credentials: 401 Incorrect API key (1 cases not run)\n");
    }

    @Test
    void should_record_run_metadata_as_suite_properties() throws Exception {
        // when
        NodeList properties = written(sample()).getElementsByTagName("property");

        // then
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            byName.put(property.getAttribute("name"), property.getAttribute("value"));
        }
        assertThat(byName).containsEntry("provider", "openai").containsEntry("model", "gpt-4o-mini")
                .containsEntry("answerKind", "LLM").containsEntry("replays", "1")
                .containsEntry("answeredBy", SampleEvaluation.ANSWERED_BY)
                .containsEntry("idemVersion", SampleEvaluation.VERSION)
                .containsEntry("startedAt", "2026-11-30T17:29:08Z");
    }

    @Test
    void should_escape_markup_and_drop_characters_xml_cannot_carry() throws Exception {
        // given
        String output = "<b>&amp;</b> ]]> \"quoted\" \u0000nul\u0007bell\u0008 ok";
        CaseResult failing = new CaseResult(TestCase.of(1, Map.of("q", "<x>")), 0, CaseStatus.FAILED, output,
                Optional.empty(), List.of(new EvaluatorOutcome("no-<tags>", "regex",
                        Verdict.fail("found \"<b>\" & more\u0001"))),
                Duration.ofMillis(5), TokenUsage.NONE, 1, false, List.of());
        EvaluationResult result = new EvaluationResult("spec <&> \"x\"", "", "", "builtin", "", "",
                List.of(failing), new EvaluationSummary(1, 0, 1, 0, TokenUsage.NONE, 1, 0, Duration.ofMillis(5)));

        // when
        Document document = written(result);

        // then
        Element testCase = (Element) document.getElementsByTagName("testcase").item(0);
        assertThat(testCase.getAttribute("classname")).isEqualTo("spec <&> \"x\"");
        assertThat(suiteOutput(document)).contains("<b>&amp;</b> ]]> \"quoted\" nulbell ok");
        Element failure = (Element) testCase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("no-<tags>: found \"<b>\" & more");
    }

    @Test
    void should_write_a_valid_document_for_an_empty_evaluation() throws Exception {
        // given
        EvaluationResult empty = new EvaluationResult("empty", "", "", "builtin", "", "", List.of(),
                new EvaluationSummary(0, 0, 0, 0, TokenUsage.NONE, 0, 0, Duration.ZERO));

        // when
        Element suite = (Element) written(empty).getElementsByTagName("testsuite").item(0);

        // then
        assertThat(suite.getAttribute("tests")).isEqualTo("0");
        assertThat(suite.getElementsByTagName("testcase").getLength()).isZero();
    }

    private static String suiteOutput(Document document) {
        Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
        NodeList outputs = suite.getElementsByTagName("system-out");
        assertThat(outputs.getLength()).isEqualTo(1);
        return outputs.item(0).getTextContent();
    }
}
