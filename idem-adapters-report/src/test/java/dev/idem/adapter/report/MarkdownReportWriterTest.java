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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest extends ReportWriterContract {

    @Override
    ReportWriter writer() {
        return new MarkdownReportWriter();
    }

    @Override
    String expectedFormat() {
        return "md";
    }

    @Override
    String expectedDuration() {
        return "took 7.41 s";
    }

    @Override
    String fileName() {
        return "report.md";
    }

    private String written(EvaluationResult result) throws IOException {
        Path target = dir.resolve(fileName());
        writer().write(result, target);
        return Files.readString(target);
    }

    @Test
    void should_start_with_the_spec_and_a_header_table() throws IOException {
        // when
        String md = written(SampleEvaluation.flagship("builtin", "idem-architect",
                "rule-based reference design (no LLM)"));

        // then
        assertThat(md).startsWith("# Evaluation: Idempotency and API Retry Strategy Architect\n");
        assertThat(md).contains("| Spec | Idempotency and API Retry Strategy Architect "
                        + "(`specs/idempotency-architect.prompt.yml`) |")
                .contains("| Provider | builtin |")
                .contains("| Model | idem-architect |")
                .contains("| Answer kind | rule-based reference design (no LLM) |")
                .contains("| Cases | 6 |");
    }

    @Test
    void should_list_each_missed_rubric_item_under_the_rubric_verdict() throws IOException {
        // when
        String md = written(SampleEvaluation.rubricMisses());

        // then
        assertThat(md).contains("- FAIL Rubric \\[rubric\\] score 0.00: rubric score 0.00 (threshold 0.80); missing "
                        + "critical: KEY-1; missing: KEY-1, KEY-3\n"
                        + "  - KEY-1 (critical, weight 3): Client-generated high-entropy key per logical operation, "
                        + "reused unchanged on every retry; new key only for new intent\n"
                        + "  - KEY-3 (weight 1): Composite key scope (tenant, route, key); key required on POST/PATCH "
                        + "(400 if missing); format/length/entropy validated\n");
    }

    @Test
    void should_summarise_totals_tokens_time_and_calls() throws IOException {
        // when
        String md = written(sample());

        // then
        assertThat(md).contains("| Passed | Failed | Errors | Skipped | Pass rate | Tokens (in / out) | Wall time | Calls "
                        + "made | Replayed |")
                .contains("| 3 | 2 | 1 | 0 | 50% | 3,048 / 654 | 7.41 s | 9 | 1 |");
    }

    @Test
    void should_list_every_case_with_its_status_and_failed_evaluators() throws IOException {
        // when
        String md = written(sample());

        // then
        assertThat(md).contains("| 1 | Payments API with duplicate charges | PASS | 1.24 s | 1 |  |")
                .contains("| 2 | Order service across two regions | FAIL | 2.02 s | 2 | design-format, rubric |")
                .contains("| 3 | Inventory reservation under load | ERROR | n/a | 4 | error: openai: rate limited")
                .contains("| 4 | Webhook delivery | PASS | replayed | 0 |  |");
    }

    @Test
    void should_detail_only_cases_that_did_not_pass() throws IOException {
        // when
        String md = written(sample());

        // then
        String details = md.substring(md.indexOf("## Details"));
        assertThat(details).contains("### FAIL: Order service across two regions")
                .contains("- FAIL rubric \\[rubric\\] score 0.55: missing: fencing tokens, cross-region dedup window")
                .contains("### ERROR: Inventory reservation under load")
                .contains("**Error:** openai: rate limited")
                .doesNotContain("### PASS");
    }

    @Test
    void should_omit_the_details_section_when_everything_passed() throws IOException {
        // given
        EvaluationResult allPassed = single("fine", "ok", CaseStatus.PASSED, List.of());

        // when
        String md = written(allPassed);

        // then
        assertThat(md).doesNotContain("## Details");
    }

    @Test
    void should_fence_output_with_more_backticks_than_it_contains() throws IOException {
        // given
        String output = "before\n````\nnot a fence closer\n```\nafter";
        EvaluationResult result = single("fenced", output, CaseStatus.FAILED,
                List.of(new EvaluatorOutcome("format", "regex", Verdict.fail("no match"))));

        // when
        String md = written(result);

        // then
        assertThat(md).contains("`````text\n" + output + "\n`````\n");
    }

    @Test
    void should_escape_pipes_and_markup_in_table_cells() throws IOException {
        // given
        EvaluationResult result = single("a | b <script>*x*</script>\nsecond line", "out", CaseStatus.FAILED,
                List.of(new EvaluatorOutcome("has|pipe", "regex", Verdict.fail("no"))));

        // when
        String md = written(result);

        // then
        assertThat(md).contains("| 1 | a \\| b \\<script\\>\\*x\\*\\</script\\> second line | FAIL | 5 ms | 1 | has\\|pipe |");
    }

    @Test
    void should_keep_hostile_output_inside_its_fence() throws IOException {
        // when
        String md = written(sample());

        // then
        assertThat(md).contains("```text\n" + SampleEvaluation.SCRIPT_OUTPUT + "```\n");
    }

    private static EvaluationResult single(String label, String output, CaseStatus status,
                                           List<EvaluatorOutcome> outcomes) {
        TestCase row = new TestCase(1, Map.of("q", "v"), Optional.empty(), List.of(), Optional.of(label));
        CaseResult only = new CaseResult(row, 0, status, output, Optional.empty(), outcomes, Duration.ofMillis(5),
                TokenUsage.NONE, 1, false, List.of());
        int passed = status == CaseStatus.PASSED ? 1 : 0;
        return new EvaluationResult("spec", "", "", "builtin", "", "", List.of(only),
                new EvaluationSummary(1, passed, 1 - passed, 0, TokenUsage.NONE, 1, 0, Duration.ofMillis(5)));
    }
}
