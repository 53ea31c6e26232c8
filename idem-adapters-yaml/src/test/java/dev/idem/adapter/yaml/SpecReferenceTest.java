package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.SourcePosition;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.TestCase;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suites that refer to the spec they evaluate with {@code spec: <path>}. */
class SpecReferenceTest {

    static final Path SUITE = Path.of("../suites/idempotency-architect.suite.yml");

    private static final String BASE = """
            name: "Base spec"
            version: "2.1"
            description: "The base"
            metadata:
              domain: technical
            variables:
              - name: topic
                required: true
            model: gpt-4o
            modelParameters:
              temperature: 0.1
              maxTokens: 500
            messages:
              - role: system
                content: "You answer briefly."
              - role: user
                content: "Explain {{topic}}"
            testData:
              - inputs: {topic: "retries"}
            evaluators:
              - name: "mentions retries"
                type: regex
                pattern: "retr"
            """;

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    @TempDir
    Path dir;

    @Test
    void should_inherit_the_prompt_and_override_name_rows_and_evaluators() throws IOException {
        // given
        write("prompts/base.prompt.yml", BASE);
        Path suite = write("suites/base.suite.yml", """
                spec: ../prompts/base.prompt.yml
                name: "Base suite"
                testData:
                  - name: "first"
                    inputs: {topic: "backoff"}
                  - name: "second"
                    inputs: {topic: "jitter"}
                evaluators:
                  - {name: "not refused", type: refusal, expectRefusal: false}
                """);

        // when
        PromptSpec spec = repository.load(suite).spec();

        // then
        assertThat(spec.name()).isEqualTo("Base suite");
        assertThat(spec.description()).isEqualTo("The base");
        assertThat(spec.version()).isEqualTo("2.1");
        assertThat(spec.metadata()).containsEntry("domain", "technical");
        assertThat(spec.variables()).extracting(v -> v.name()).containsExactly("topic");
        assertThat(spec.model()).isEqualTo("gpt-4o");
        assertThat(spec.parameters().temperature()).contains(0.1);
        assertThat(spec.messages()).hasSize(2);
        assertThat(spec.messages().get(1).content()).isEqualTo("Explain {{topic}}");
        assertThat(spec.testData()).extracting(TestCase::name)
                .containsExactly(Optional.of("first"), Optional.of("second"));
        assertThat(spec.testData().get(0).variables()).containsEntry("topic", "backoff");
        assertThat(spec.evaluators()).containsExactly(new RefusalEvaluatorSpec("not refused", false));
        assertThat(spec.source().name()).isEqualTo(suite.toString());
    }

    @Test
    void should_inherit_rows_and_evaluators_when_the_suite_gives_none() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        Path suite = write("base.suite.yml", "spec: base.prompt.yml\n");

        // when
        PromptSpec spec = repository.load(suite).spec();

        // then
        assertThat(spec.name()).isEqualTo("Base spec");
        assertThat(spec.testData()).hasSize(1);
        assertThat(spec.evaluators()).extracting(EvaluatorSpec::name).containsExactly("mentions retries");
    }

    @Test
    void should_replace_the_evaluators_with_none_when_the_suite_gives_an_empty_list() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        Path suite = write("base.suite.yml", "spec: base.prompt.yml\nevaluators: []\n");

        // when
        PromptSpec spec = repository.load(suite).spec();

        // then
        assertThat(spec.evaluators()).isEmpty();
    }

    @Test
    void should_override_description_model_and_single_parameters() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        Path suite = write("base.suite.yml", """
                spec: base.prompt.yml
                description: "Harder cases"
                model: openai/gpt-4o-mini
                modelParameters:
                  temperature: 0
                  seed: 7
                """);

        // when
        PromptSpec spec = repository.load(suite).spec();

        // then
        assertThat(spec.description()).isEqualTo("Harder cases");
        assertThat(spec.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(spec.parameters().temperature()).contains(0.0);
        assertThat(spec.parameters().seed()).contains(7L);
        assertThat(spec.parameters().maxTokens()).contains(500);
    }

    @Test
    void should_follow_a_chain_of_three_references() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        write("one.suite.yml", "spec: base.prompt.yml\nname: one\n");
        write("nested/two.suite.yml", "spec: ../one.suite.yml\nname: two\n");
        Path three = write("three.suite.yml", "spec: nested/two.suite.yml\n");

        // when
        PromptSpec spec = repository.load(three).spec();

        // then
        assertThat(spec.name()).isEqualTo("two");
        assertThat(spec.messages()).hasSize(2);
    }

    @Test
    void should_refuse_a_chain_of_more_than_three_references() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        write("one.suite.yml", "spec: base.prompt.yml\n");
        write("two.suite.yml", "spec: one.suite.yml\n");
        Path three = write("three.suite.yml", "spec: two.suite.yml\n");
        Path four = write("four.suite.yml", "name: four\nspec: three.suite.yml\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(four));

        // then
        SpecIssue issue = e.issues().get(0);
        assertThat(issue.field()).isEqualTo("spec");
        assertThat(issue.source()).isEqualTo(dir.resolve("one.suite.yml").toString());
        assertThat(issue.position()).contains(new SourcePosition(1, 7));
        assertThat(issue.message()).contains("nested too deeply").contains("3");
        assertThat(repository.load(three).spec().name()).isEqualTo("Base spec");
    }

    @Test
    void should_refuse_a_reference_cycle_naming_the_spec_field() throws IOException {
        // given
        write("a.suite.yml", "spec: b.suite.yml\n");
        Path b = write("b.suite.yml", "name: b\nspec: ./a.suite.yml\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(b));

        // then
        assertThat(e.issues()).hasSize(1);
        SpecIssue issue = e.issues().get(0);
        assertThat(issue.field()).isEqualTo("spec");
        assertThat(issue.source()).isEqualTo(dir.resolve("a.suite.yml").toString());
        assertThat(issue.position()).contains(new SourcePosition(1, 7));
        assertThat(issue.message()).contains("cycle").contains("b.suite.yml -> a.suite.yml -> b.suite.yml");
    }

    @Test
    void should_refuse_a_suite_that_refers_to_itself() throws IOException {
        // given
        Path self = write("self.suite.yml", "spec: self.suite.yml\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(self));

        // then
        assertThat(e.getMessage()).startsWith(self + ":1:7: spec: reference cycle");
    }

    @Test
    void should_name_the_field_and_the_resolved_path_when_the_spec_is_missing() throws IOException {
        // given
        Path suite = write("suites/x.suite.yml", "name: x\nspec: ../prompts/missing.prompt.yml\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite));

        // then
        SpecIssue issue = e.issues().get(0);
        assertThat(issue.field()).isEqualTo("spec");
        assertThat(issue.position()).contains(new SourcePosition(2, 7));
        assertThat(issue.message()).contains(dir.resolve("prompts/missing.prompt.yml").toString());
    }

    @Test
    void should_refuse_a_reference_when_parsing_bytes_without_a_file() {
        // given
        byte[] content = "spec: base.prompt.yml\n".getBytes(StandardCharsets.UTF_8);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> repository.parse("stdin", content));

        // then
        SpecIssue issue = e.issues().get(0);
        assertThat(issue.field()).isEqualTo("spec");
        assertThat(issue.position()).contains(new SourcePosition(1, 7));
        assertThat(issue.message()).contains("file");
    }

    @Test
    void should_refuse_a_reference_that_is_not_a_path() throws IOException {
        // given
        Path suite = write("x.suite.yml", "spec: [a, b]\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite));

        // then
        assertThat(e.getMessage()).startsWith(suite + ":1:7: spec: expected the path of the spec");
    }

    @Test
    void should_point_into_the_suite_file_for_errors_in_the_suite() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        Path suite = write("x.suite.yml", """
                spec: base.prompt.yml
                testData:
                  - inputs: {topic: "a"}
                    evaluators:
                      - {name: "judge", type: rubric, threshold: 3}
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite));

        // then
        SpecIssue issue = e.issues().get(0);
        assertThat(issue.source()).isEqualTo(suite.toString());
        assertThat(issue.field()).isEqualTo("testData[0].evaluators[0].threshold");
        assertThat(issue.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(5));
    }

    @Test
    void should_report_a_missing_required_variable_of_the_base_in_a_suite_row() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        Path suite = write("x.suite.yml", """
                spec: base.prompt.yml
                testData:
                  - inputs: {other: "a"}
                """);

        // when
        LoadedSpec loaded = repository.load(suite);

        // then
        assertThat(loaded.rowErrors()).singleElement().satisfies(i -> {
            assertThat(i.source()).isEqualTo(suite.toString());
            assertThat(i.field()).isEqualTo("testData[0]");
            assertThat(i.testCase()).contains(1);
            assertThat(i.message()).contains("missing value");
        });
    }

    @Test
    void should_refuse_a_suite_that_redefines_the_prompt() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        Path suite = write("x.suite.yml", """
                spec: base.prompt.yml
                messages:
                  - role: user
                    content: "something else"
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite));

        // then
        assertThat(e.getMessage()).startsWith(suite + ":2:1: messages: a suite takes 'messages' from the spec");
    }

    @Test
    void should_refuse_a_hostile_referenced_file_with_its_own_position() throws IOException {
        // given
        Files.write(dir.resolve("binary.prompt.yml"), new byte[] {'a', ':', ' ', 0, '\n'});
        Path suite = write("x.suite.yml", "spec: binary.prompt.yml\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite));

        // then
        assertThat(e.getMessage()).startsWith(dir.resolve("binary.prompt.yml") + ":1:4: binary content");
    }

    @Test
    void should_refuse_a_referenced_spec_that_is_invalid() throws IOException {
        // given
        write("broken.prompt.yml", "name: broken\n");
        Path suite = write("x.suite.yml", "spec: broken.prompt.yml\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite));

        // then
        assertThat(e.issues()).extracting(SpecIssue::field).contains("messages");
        assertThat(e.issues()).allSatisfy(i -> assertThat(i.source()).endsWith("broken.prompt.yml"));
    }

    @Test
    void should_accept_aliases_to_shared_evaluator_lists_in_a_suite() throws IOException {
        // given
        write("base.prompt.yml", BASE);
        Path suite = write("x.suite.yml", """
                spec: base.prompt.yml
                testData:
                  - inputs: {topic: "a"}
                    evaluators: &shared
                      - {name: "refused", type: refusal}
                  - inputs: {topic: "b"}
                    evaluators: *shared
                """);

        // when
        PromptSpec spec = repository.load(suite).spec();

        // then
        assertThat(spec.testData().get(1).evaluators()).containsExactly(new RefusalEvaluatorSpec("refused", true));
    }

    @Test
    void should_load_the_flagship_suite_with_named_rows_and_the_flagship_prompt() {
        // when
        LoadedSpec loaded = repository.load(SUITE);
        PromptSpec suite = loaded.spec();
        PromptSpec flagship = repository.load(FlagshipSpecTest.FLAGSHIP).spec();

        // then
        assertThat(loaded.warnings()).isEmpty();
        assertThat(suite.messages()).isEqualTo(flagship.messages());
        assertThat(suite.variables()).isEqualTo(flagship.variables());
        assertThat(suite.evaluators()).isEmpty();
        assertThat(suite.testData()).hasSizeGreaterThanOrEqualTo(18)
                .allSatisfy(row -> assertThat(row.name()).isPresent())
                .allSatisfy(row -> assertThat(row.evaluators()).isNotEmpty());
        List<TestCase> unsafe = suite.testData().stream()
                .filter(row -> row.evaluators().contains(new RefusalEvaluatorSpec(
                        "Refuses with exactly the unsafe marker", true)))
                .toList();
        assertThat(unsafe).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(row -> assertThat(row.evaluators()).hasSize(1));
        List<TestCase> designs = suite.testData().stream().filter(row -> !unsafe.contains(row)).toList();
        assertThat(designs).hasSizeGreaterThanOrEqualTo(15).allSatisfy(row -> {
            assertThat(row.evaluators()).anyMatch(RubricEvaluatorSpec.class::isInstance);
            assertThat(row.evaluators()).contains(new RefusalEvaluatorSpec("Not refused", false));
            assertThat(row.evaluators()).anyMatch(RegexEvaluatorSpec.class::isInstance);
        });
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
