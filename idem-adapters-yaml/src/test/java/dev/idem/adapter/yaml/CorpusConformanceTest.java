package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.SpecIssue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench/corpus.sh's measure: what it counts as accepted, how it groups, and what its render check finds. */
class CorpusConformanceTest {

    @TempDir
    Path corpus;

    private void write(String name, String yaml) throws IOException {
        Path file = corpus.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
    }

    @Test
    void should_count_accepted_files_group_rejections_and_find_placeholders_rendered_empty() throws IOException {
        // given
        write("a/good.prompt.yml", """
                messages:
                  - role: user
                    content: "{{topic}}"
                testData:
                  - topic: kafka
                  - topic: ""
                """);
        write("a/optional.prompt.yaml", """
                variables:
                  - name: tone
                messages:
                  - role: user
                    content: "{{tone}}"
                testData:
                  - other: x
                """);
        write("b/row.prompt.yml", """
                messages:
                  - role: user
                    content: "{{topic}}"
                testData:
                  - other: x
                """);
        write("b/hot.prompt.yml", """
                modelParameters: {temperature: hot}
                messages: [{role: user, content: hi}]
                """);
        write("b/cold.prompt.yml", """
                modelParameters: {temperature: cold, colour: blue}
                messages: [{role: user, content: hi}]
                """);
        write("b/notes.yml", "not: a spec\n");

        // when
        CorpusConformance.Report report = new CorpusConformance().measure(List.of(corpus));
        StringWriter printed = new StringWriter();
        report.print(new PrintWriter(printed));

        // then
        assertThat(report.figure()).isEqualTo("2/5 (40.0%)");
        assertThat(CorpusConformance.fileCounts(report.rejections)).containsOnly(
                java.util.Map.entry("modelParameters.temperature: expected a number, got \"…\"", 2),
                java.util.Map.entry("testData[N]: missing value for placeholder '…'", 1));
        assertThat(CorpusConformance.fileCounts(report.warnings)).containsEntry(
                "modelParameters.colour: unknown key 'colour' (kept, ignored)", 1);
        assertThat(report.rows).isEqualTo(3);
        assertThat(report.emptyValueWritten).singleElement().asString().endsWith("good.prompt.yml: case 2: {{topic}}");
        assertThat(report.optionalEmpty).singleElement().asString().endsWith("optional.prompt.yaml: case 1: {{tone}}");
        assertThat(report.emptyWithoutValue).isEmpty();
        assertThat(printed.toString().lines().reduce((a, b) -> b)).contains("2/5 (40.0%)");
    }

    @Test
    void should_group_issues_whatever_their_names_indexes_and_lists_of_names() {
        // given
        SpecIssue two = new SpecIssue(SpecIssue.Severity.ERROR, "a.prompt.yml", Optional.empty(), "testData[0].vars",
                "the row gives no value for 2 variables ('a', 'b')");
        SpecIssue three = new SpecIssue(SpecIssue.Severity.ERROR, "b.prompt.yml", Optional.empty(),
                "testData[12].vars", "the row gives no value for 3 variables ('x', 'y', 'z')");

        // when / then
        assertThat(CorpusConformance.Report.kind(two)).isEqualTo(CorpusConformance.Report.kind(three))
                .isEqualTo("testData[N].vars: the row gives no value for N variables ('…', …)");
    }
}
