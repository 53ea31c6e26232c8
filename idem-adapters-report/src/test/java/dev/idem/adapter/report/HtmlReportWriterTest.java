package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.port.in.EvaluationResult;
import dev.idem.port.out.ReportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest extends ReportWriterContract {

    /** Set {@code -Didem.report.sample=/some/report.html} to keep a copy of the sample page for a look. */
    private static final String SAMPLE_COPY_PROPERTY = "idem.report.sample";

    @Override
    ReportWriter writer() {
        return new HtmlReportWriter();
    }

    @Override
    String expectedFormat() {
        return "html";
    }

    @Override
    String expectedDuration() {
        return "<dt>Duration</dt><dd>7.41 s</dd>";
    }

    @Override
    String fileName() {
        return "report.html";
    }

    private String written(EvaluationResult result) throws IOException {
        Path target = dir.resolve(fileName());
        writer().write(result, target);
        return Files.readString(target);
    }

    @Test
    void should_render_one_self_contained_page() throws IOException {
        // when
        String html = written(sample());
        String copy = System.getProperty(SAMPLE_COPY_PROPERTY, "");
        if (!copy.isBlank()) {
            writer().write(sample(), Path.of(copy));
        }

        // then
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("<script>")
                .doesNotContainPattern("(?i)<link\\b")
                .doesNotContainPattern("(?i)\\b(src|href)\\s*=")
                .doesNotContainPattern("(?i)url\\(")
                .doesNotContainPattern("(?i)@import");
    }

    @Test
    void should_inline_the_style_and_script_resources_whole_in_the_page() throws IOException {
        // given: the assets a designer edits, beside the writer
        String css = new String(HtmlReportWriter.class.getResourceAsStream("report.css").readAllBytes(),
                StandardCharsets.UTF_8);
        String js = new String(HtmlReportWriter.class.getResourceAsStream("report.js").readAllBytes(),
                StandardCharsets.UTF_8);
        // when
        String html = written(sample());
        // then
        assertThat(css).contains("details.case").contains("prefers-color-scheme:dark");
        assertThat(js).contains("button[data-filter]");
        assertThat(html).contains("<style>\n" + css + "</style>").contains("<script>\n" + js + "</script>");
    }

    @Test
    void should_show_the_header_with_provider_model_and_answer_kind() throws IOException {
        // when
        String html = written(SampleEvaluation.flagship("builtin", "idem-architect",
                "rule-based reference design (no LLM)"));

        // then
        assertThat(html).contains("<h1>Idempotency and API Retry Strategy Architect</h1>")
                .contains("<dt>Provider</dt><dd><code>builtin</code></dd>")
                .contains("<dt>Model</dt><dd><code>idem-architect</code></dd>")
                .contains("<span class=\"pill\">rule-based reference design (no LLM)</span>")
                .contains("<code>specs/idempotency-architect.prompt.yml</code>");
    }

    @Test
    void should_show_summary_cards() throws IOException {
        // when
        String html = written(sample());

        // then
        assertThat(html).contains("<div class=\"v big\">50%</div>")
                .contains("<span class=\"p\" style=\"width:50.00%\"></span>")
                .contains("<span class=\"f\" style=\"width:33.33%\"></span>")
                .contains("<span class=\"e\" style=\"width:16.67%\"></span>")
                .contains("<span class=\"n p\">3</span>").contains("<span class=\"n f\">2</span>")
                .contains("<span class=\"n e\">1</span>")
                .contains("3,702").contains("3,048 in").contains("654 out")
                .contains("7.41 s")
                .contains("1 replayed from store");
    }

    @Test
    void should_offer_status_filters_and_a_search_box() throws IOException {
        // when
        String html = written(sample());

        // then
        assertThat(html).contains("data-filter=\"all\" aria-pressed=\"true\">All<span class=\"c\">6</span>")
                .contains("data-filter=\"failed\" aria-pressed=\"false\">Failed<span class=\"c\">2</span>")
                .contains("data-filter=\"error\" aria-pressed=\"false\">Errors<span class=\"c\">1</span>")
                .contains("data-filter=\"passed\" aria-pressed=\"false\">Passed<span class=\"c\">3</span>")
                .contains("<input id=\"search\" type=\"search\"");
    }

    @Test
    void should_open_failed_and_error_cases_and_collapse_passed_ones() throws IOException {
        // when
        String html = written(sample());

        // then
        assertThat(count(html, "<details class=\"case passed\" data-status=\"passed\">")).isEqualTo(3);
        assertThat(count(html, "<details class=\"case failed\" data-status=\"failed\" open>")).isEqualTo(2);
        assertThat(count(html, "<details class=\"case error\" data-status=\"error\" open>")).isEqualTo(1);
    }

    @Test
    void should_show_each_case_with_badge_latency_attempts_and_replay_tag() throws IOException {
        // when
        String html = written(sample());

        // then
        assertThat(html).contains("<span class=\"badge failed\">FAIL</span><span class=\"num\">#2</span>")
                .contains("<span class=\"bad\">2 of 3 evaluators failed</span>")
                .contains("<span>2.02 s</span><span class=\"opt\">2 attempts</span>")
                .contains("<span class=\"tag\" title=\"served from the execution store, not paid for again\">replayed</span>")
                .contains("Inventory reservation under load</span><span class=\"facts\"><span class=\"opt\">4 attempts</span>")
                .contains("<div class=\"errbox\">openai: rate limited (HTTP 429) after 4 attempts")
                .contains("<td class=\"mono\">system_context</td>");
    }

    @Test
    void should_list_every_verdict_with_mark_name_kind_score_and_details() throws IOException {
        // when
        String html = written(sample());

        // then
        assertThat(html).contains("<tr class=\"ko\"><td class=\"icon ko\" title=\"failed\">\u2717</td>"
                + "<td class=\"name\">rubric</td><td class=\"kind\"><code>rubric</code></td>"
                + "<td class=\"score\">0.55</td><td class=\"details\">missing: fencing tokens, cross-region dedup window</td></tr>")
                .contains("<tr class=\"ok\"><td class=\"icon ok\" title=\"passed\">\u2713</td>"
                        + "<td class=\"name\">has-idempotency-key</td>");
    }

    @Test
    void should_show_each_missed_rubric_item_with_its_weight_and_what_it_asks() throws IOException {
        // when
        String html = written(SampleEvaluation.rubricMisses());

        // then (before: the ids alone, "missing critical: KEY-1", which a reader cannot act on)
        assertThat(html).contains("<td class=\"details\">rubric score 0.00 (threshold 0.80); missing critical: KEY-1; "
                        + "missing: KEY-1, KEY-3<ul class=\"items\">")
                .contains("<li><span class=\"term\">KEY-1 (critical, weight 3)</span> Client-generated high-entropy "
                        + "key per logical operation, reused unchanged on every retry; new key only for new intent</li>")
                .contains("<li><span class=\"term\">KEY-3 (weight 1)</span> Composite key scope (tenant, route, key); "
                        + "key required on POST/PATCH (400 if missing); format/length/entropy validated</li></ul></td>");
    }

    @Test
    void should_escape_model_output_and_variables() throws IOException {
        // when
        String html = written(sample());

        // then
        assertThat(html).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Use a **client-generated idempotency key** per logical operation.")
                .contains("{&quot;error&quot;: &quot;unsafe&quot;}")
                .contains("&lt;system_context&gt;");
        assertThat(count(html, "<script>")).isEqualTo(1);
    }

    @Test
    void should_escape_every_html_special_character() {
        // when
        String escaped = HtmlReportWriter.escape("<a href=\"x\" title='y'>&amp;</a>");

        // then
        assertThat(escaped).isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
