package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.TestCase;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways real specs write a test row's values, each read as its author meant, and said so when it is a guess. */
class RowDialectsTest {

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    @TempDir
    Path dir;

    private LoadedSpec load(String resource) {
        return repository.load(TestFiles.resource("dialects/" + resource));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("x.prompt.yml"), yaml);
    }

    @Test
    void should_read_the_expected_output_under_its_other_spellings_and_a_list_as_values_each_expected() {
        // when (before, expectedOutput and expectedOutputs were unknown keys, and a list under expected was one
        // JSON text the reply had to contain)
        LoadedSpec loaded = load("rows-expected-spellings.prompt.yml");

        // then
        assertThat(loaded.spec().testData()).extracting(TestCase::expected).containsExactly(Optional.of("fsync"),
                Optional.of("majority"), Optional.empty(), Optional.of("replica"), Optional.empty());
        assertThat(loaded.spec().testCase(3).evaluators()).containsExactly(new ContainsAllEvaluatorSpec("expected",
                List.of("clock drift", "lease expiry", "fencing")));
        assertThat(loaded.spec().testCase(5).evaluators()).containsExactly(new ContainsAllEvaluatorSpec("expected",
                List.of("digest", "stale")));
        assertThat(loaded.spec().testData()).extracting(TestCase::variables).allMatch(v -> v.keySet().equals(
                java.util.Set.of("topic")));
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.rowErrors()).isEmpty();
    }

    @Test
    void should_refuse_only_the_row_whose_several_expected_values_an_evaluator_compares_with_as_one()
            throws IOException {
        // given
        Path file = write("""
                name: compared
                messages:
                  - role: user
                    content: "Name a {{kind}}."
                testData:
                  - kind: fruit
                    expectedOutputs: [apple, pear]
                  - kind: colour
                    expectedOutput: red
                evaluators:
                  - name: starts with it
                    string:
                      startsWith: "{{expected}}"
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.rowErrors()).singleElement().satisfies(e -> {
            assertThat(e.testCase()).contains(1);
            assertThat(e.toString()).isEqualTo(file + ":7:22: testData[0].expectedOutputs: several expected values, "
                    + "and evaluator 'starts with it' compares with one ({{expected}}); give that one under expected, "
                    + "and the others to a contains_all evaluator");
        });
        assertThat(loaded.spec().testCase(2).expected()).contains("red");
    }

    @Test
    void should_refuse_a_row_that_gives_its_expected_output_twice_and_read_a_placeholder_of_that_name_as_a_value()
            throws IOException {
        // given
        Path file = write("""
                name: twice
                messages:
                  - role: user
                    content: "Grade this answer: {{expectedOutput}}"
                testData:
                  - expectedOutput: forty-two
                    expected: "42"
                  - expected: "1"
                    expected_output: one
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.spec().testCase(1).variables()).containsExactly(Map.entry("expectedOutput", "forty-two"));
        assertThat(loaded.spec().testCase(1).expected()).contains("42");
        assertThat(loaded.rowErrors()).extracting(SpecIssue::message).contains("the expected output is given twice, "
                + "as expected and expected_output; keep one");
    }

    @Test
    void should_read_vars_text_as_the_one_value_the_row_lacks_merging_the_values_beside_it() {
        // when
        LoadedSpec loaded = load("rows-vars-text.prompt.yml");

        // then
        assertThat(loaded.spec().testData()).extracting(TestCase::variables).containsExactly(
                Map.of("service", "billing", "input", "Why does the nightly export time out?"),
                Map.of("service", "payments", "input", "The retry loop never gives up.\nIs that safe?\n"),
                Map.of("service", "search", "input", ""));
        assertThat(loaded.rowErrors()).isEmpty();
        assertThat(loaded.warnings()).extracting(SpecIssue::field)
                .containsExactly("testData[0].vars", "testData[1].vars", "testData[2].vars");
        assertThat(loaded.warnings().get(0).toString()).endsWith("rows-vars-text.prompt.yml:10:11: testData[0].vars: "
                + "text, not a mapping of values: read as the value of 'input', the one variable the row gives no "
                + "value for");
        assertThat(PromptRenderer.render(loaded.spec(), loaded.spec().testCase(1).variables()).messages().get(1)
                .content()).isEqualTo("Why does the nightly export time out?");
    }

    @Test
    void should_read_vars_text_as_the_one_variable_the_row_lacks_whatever_its_name_or_else_one_with_a_default() {
        // when
        LoadedSpec loaded = load("rows-vars-text-single.prompt.yml");

        // then
        assertThat(loaded.spec().testData()).extracting(TestCase::variables).containsExactly(
                Map.of("incident", "The cache cluster lost quorum for nine minutes."),
                Map.of("incident", "A bad deploy", "audience", "executives"));
        assertThat(loaded.warnings()).extracting(SpecIssue::message).containsExactly(
                "text, not a mapping of values: read as the value of 'incident', the one variable the row gives no "
                        + "value for",
                "text, not a mapping of values: read as the value of 'audience', the one variable the row gives no "
                        + "value for (instead of its default)");
    }

    @Test
    void should_read_vars_text_holding_a_yaml_mapping_of_the_declared_variables_rather_than_their_defaults() {
        // when (before, the defaults were rendered and the text dropped without a word)
        LoadedSpec loaded = load("rows-vars-yaml-text.prompt.yml");

        // then
        assertThat(loaded.spec().testData()).extracting(TestCase::variables).containsExactly(
                Map.of("region", "us-east-2", "budget", "2500", "notes", "Two teams on call.\nWeekend only."),
                Map.of("region", "ap-south-1", "budget", "[1000,2000]"));
        assertThat(loaded.warnings()).extracting(SpecIssue::message).containsExactly(
                "text holding a YAML mapping, read as the values it gives ('region', 'budget', 'notes'); write it "
                        + "as a mapping, without the quotes or |",
                "text holding a YAML mapping, read as the values it gives ('region', 'budget'); write it as a "
                        + "mapping, without the quotes or |");
        assertThat(PromptRenderer.render(loaded.spec(), loaded.spec().testCase(1).variables()).messages().get(0)
                .content()).startsWith("Plan a failover drill in us-east-2 with a budget of 2500.");
    }

    @Test
    void should_read_a_rows_variables_written_as_a_list_of_name_and_value_instead_of_rendering_them_empty() {
        // when (before, the row had one value called "variables" and both optional placeholders rendered empty)
        LoadedSpec loaded = load("rows-variables-list.prompt.yml");

        // then
        assertThat(loaded.spec().testData()).extracting(TestCase::variables).containsExactly(
                Map.of("equation", "u'' = f", "domain", "the unit interval"),
                Map.of("equation", "x^2 = 2"));
        assertThat(loaded.warnings()).isEmpty();
        assertThat(PromptRenderer.render(loaded.spec(), loaded.spec().testCase(1).variables()).messages().get(0)
                .content()).isEqualTo("Solve u'' = f on the unit interval.");
    }

    @Test
    void should_merge_the_values_written_beside_a_vars_mapping_and_keep_other_keys_unknown() {
        // when (before, 'left' beside vars was dropped and the row lacked it)
        LoadedSpec loaded = load("rows-flat-beside-block.prompt.yml");

        // then
        assertThat(loaded.spec().testCase(1).variables()).isEqualTo(Map.of("right", "Pulsar", "left", "Kafka"));
        assertThat(loaded.warnings()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("testData[0].owner", "unknown key 'owner' (kept, ignored)"));
    }

    @Test
    void should_refuse_only_the_row_whose_vars_text_could_be_for_several_variables_naming_them_with_a_hint()
            throws IOException {
        // given
        Path file = write("""
                variables:
                  - name: system_architecture
                    required: true
                  - name: error_budget
                    required: true
                messages:
                  - role: user
                    content: "{{system_architecture}} {{error_budget}}"
                testData:
                  - system_architecture: three regions
                    error_budget: 0.1%
                  - vars: |
                      <system_architecture>two regions</system_architecture>
                      Error budget: 1%
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.rowErrors()).singleElement().satisfies(e -> {
            assertThat(e.testCase()).contains(2);
            assertThat(e.toString()).isEqualTo(file + ":12:11: testData[1].vars: text, not a mapping of values, and "
                    + "the row gives no value for 2 variables ('system_architecture', 'error_budget'): it cannot tell "
                    + "which one the text is for (the text mentions <system_architecture>, 'Error budget:'); write "
                    + "each value under its name, e.g. system_architecture: ...");
        });
        assertThat(loaded.spec().testCase(1).variables()).containsEntry("error_budget", "0.1%");
    }

    @Test
    void should_refuse_a_row_whose_empty_vars_leaves_several_variables_without_a_value() throws IOException {
        // given
        Path file = write("""
                messages:
                  - role: user
                    content: "{{a}} {{b}}"
                testData:
                  - vars: ''
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.rowErrors()).extracting(SpecIssue::message).containsExactly(
                "empty, and the row gives no value for 2 variables ('a', 'b'); write each value under its name, "
                        + "e.g. a: ...");
    }

    @Test
    void should_bind_vars_text_to_input_when_the_row_lacks_it_among_others_and_still_require_the_others()
            throws IOException {
        // given
        Path file = write("""
                messages:
                  - role: user
                    content: "{{company}}: {{input}}"
                testData:
                  - vars: Summarise the quarter.
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.spec().testCase(1).variables()).isEqualTo(Map.of("input", "Summarise the quarter."));
        assertThat(loaded.warnings()).extracting(SpecIssue::message).containsExactly("text, not a mapping of values: "
                + "read as the value of 'input', the variable a text stands for; the row gives no value for "
                + "'company' either");
        assertThat(loaded.rowErrors()).extracting(SpecIssue::message)
                .containsExactly("missing value for placeholder '{{company}}'");
    }

    @Test
    void should_read_vars_as_unused_text_when_no_message_uses_it_and_as_a_value_when_one_uses_that_name()
            throws IOException {
        // given
        Path unused = write("""
                messages:
                  - role: user
                    content: Draft a plan.
                testData:
                  - vars: N/A
                """);
        Path named = Files.writeString(dir.resolve("named.prompt.yml"), """
                messages:
                  - role: user
                    content: "Explain {{vars}}."
                testData:
                  - vars: shell variables
                """);

        // when
        LoadedSpec loadedUnused = repository.load(unused);
        LoadedSpec loadedNamed = repository.load(named);

        // then
        assertThat(loadedUnused.spec().testCase(1).variables()).isEmpty();
        assertThat(loadedUnused.warnings()).extracting(SpecIssue::message).containsExactly("text, not a mapping of "
                + "values, and the messages have no placeholder: the text is not used");
        assertThat(loadedNamed.spec().testCase(1).variables()).isEqualTo(Map.of("vars", "shell variables"));
        assertThat(loadedNamed.warnings()).isEmpty();
    }

    @Test
    void should_refuse_a_row_that_gives_a_value_twice_with_different_values() throws IOException {
        // given
        Path file = write("""
                messages:
                  - role: user
                    content: "{{topic}}"
                testData:
                  - topic: kafka
                    vars: {topic: pulsar}
                  - topic: redis
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.rowErrors()).singleElement().satisfies(e -> {
            assertThat(e.testCase()).contains(1);
            assertThat(e.field()).isEqualTo("testData[0].topic");
            assertThat(e.message()).isEqualTo("'topic' is given twice, in vars and beside it, with different values");
        });
    }

    @Test
    void should_refuse_a_block_of_values_that_is_a_list_of_anything_but_name_and_value() throws IOException {
        // given
        Path file = write("""
                messages:
                  - role: user
                    content: "{{topic}}"
                testData:
                  - vars: [kafka, pulsar]
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.errors()).extracting(SpecIssue::toString).containsExactly(file + ":5:11: testData[0].vars: "
                + "expected a mapping of variable values, a list of {name, value} or a text, got a list");
    }
}
