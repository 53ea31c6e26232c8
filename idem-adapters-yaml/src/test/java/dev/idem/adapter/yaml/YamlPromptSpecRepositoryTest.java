package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.DesignFormatEvaluatorSpec;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.SourcePosition;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.template.Role;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class YamlPromptSpecRepositoryTest {

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    @TempDir
    Path dir;

    static Stream<String> corpusFiles() {
        return Stream.of("advanced_template_prompt.yml", "failing_test_prompt.yml", "json_response_prompt.yml",
                "json_schema_prompt.yml", "sample_prompt.yml", "template_variables_prompt.yml", "test_builtins.yml",
                "test_generate.yml", "test_single_evaluator.yml");
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void should_load_every_github_models_corpus_file(String file) {
        // when
        LoadedSpec loaded = repository.load(TestFiles.resource("corpus/gh-models/" + file));

        // then
        assertThat(loaded.spec().messages()).isNotEmpty();
        assertThat(loaded.spec().name()).isNotBlank();
        assertThat(loaded.warnings()).noneMatch(SpecIssue::isError);
    }

    @Test
    void should_read_flat_github_models_rows_where_every_key_but_expected_is_a_variable() {
        // when
        PromptSpec spec = repository.load(TestFiles.resource("corpus/gh-models/sample_prompt.yml")).spec();

        // then
        assertThat(spec.name()).isEqualTo("Sample Evaluation");
        assertThat(spec.model()).isEqualTo("openai/gpt-4o");
        assertThat(spec.parameters().temperature()).contains(0.5);
        assertThat(spec.parameters().maxTokens()).contains(50);
        assertThat(spec.testData()).hasSize(2);
        TestCase first = spec.testData().get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.variables()).containsExactly(Map.entry("input", "hello world"), Map.entry("string", "hello"));
        assertThat(first.expected()).contains("greeting response");
        assertThat(spec.evaluators()).containsExactly(
                new StringEvaluatorSpec("string evaluator", Operation.CONTAINS, "{{string}}"),
                new BuiltinJudgeSpec("similarity check", "github/similarity"));
        assertThat(spec.unknownKeys()).isEmpty();
    }

    @Test
    void should_read_string_operations_of_github_models() {
        // when
        PromptSpec spec = repository.load(TestFiles.resource("corpus/gh-models/failing_test_prompt.yml")).spec();

        // then
        assertThat(spec.evaluators()).containsExactly(
                new StringEvaluatorSpec("contains-impossible", Operation.CONTAINS,
                        "this-text-will-never-appear-in-any-response"),
                new StringEvaluatorSpec("starts-with-wrong", Operation.STARTS_WITH, "ZZZZZ"));
        assertThat(spec.testData()).extracting(TestCase::expected)
                .containsExactly(Optional.of("Paris"), Optional.of("4"));
    }

    @Test
    void should_read_json_schema_response_format_as_json_text() {
        // when
        PromptSpec spec = repository.load(TestFiles.resource("corpus/gh-models/json_schema_prompt.yml")).spec();

        // then
        assertThat(spec.responseFormat()).isEqualTo(ResponseFormat.JSON_SCHEMA);
        assertThat(spec.jsonSchema()).hasValueSatisfying(s -> assertThat(s).contains("\"animal_description\""));
        assertThat(spec.testData()).extracting(t -> t.variables().get("animal"))
                .containsExactly("dog", "cat", "elephant");
    }

    @Test
    void should_read_all_five_builtin_judges() {
        // when
        PromptSpec spec = repository.load(TestFiles.resource("corpus/gh-models/test_builtins.yml")).spec();

        // then
        assertThat(spec.evaluators()).extracting(e -> ((BuiltinJudgeSpec) e).uses())
                .containsExactlyElementsOf(BuiltinJudgeSpec.KNOWN);
    }

    @Test
    void should_read_rows_under_vars_with_regex_mapping_contains_and_snake_case_parameters() {
        // when
        LoadedSpec loaded = repository.load(TestFiles.resource("dialects/vars-rows.prompt.yml"));
        PromptSpec spec = loaded.spec();

        // then
        assertThat(spec.version()).isEqualTo("2");
        assertThat(spec.authors()).containsExactly("Ada", "Grace");
        assertThat(spec.variablesDeclared()).isTrue();
        assertThat(spec.variables()).containsExactly(
                new Variable("topic", "What to write about", true, "", Optional.empty()),
                new Variable("tone", "friendly", false, "", Optional.empty()));
        assertThat(spec.parameters().temperature()).contains(0.0);
        assertThat(spec.parameters().maxTokens()).contains(256);
        assertThat(spec.parameters().topP()).contains(0.9);
        assertThat(spec.parameters().presencePenalty()).contains(0.5);
        assertThat(spec.parameters().frequencyPenalty()).contains(-0.5);
        assertThat(spec.parameters().seed()).contains(42L);
        assertThat(spec.parameters().stop()).containsExactly("END", "###");
        assertThat(spec.responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
        assertThat(spec.jsonSchema()).contains("{\"name\":\"summary\",\"schema\":{\"type\":\"object\",\"required\":[\"title\"]}}");
        assertThat(spec.messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
        TestCase first = spec.testData().get(0);
        assertThat(first.variables()).containsExactly(Map.entry("topic", "caching"), Map.entry("tone", "dry"));
        assertThat(first.expected()).contains("cache");
        assertThat(first.name()).contains("first row");
        assertThat(first.evaluators()).containsExactly(
                new StringEvaluatorSpec("row mentions cache", Operation.CONTAINS, "cache"));
        TestCase second = spec.testData().get(1);
        assertThat(second.variables()).containsExactly(Map.entry("topic", "42"), Map.entry("tone", "true"));
        assertThat(second.label()).isEqualTo("42");
        assertThat(spec.evaluators()).containsExactly(
                RegexEvaluatorSpec.of("has title", "(?i)title"),
                new StringEvaluatorSpec("mentions expected", Operation.CONTAINS, "{{expected}}"));
        assertThat(spec.unknownKeys()).isEmpty();
    }

    @Test
    void should_read_rows_under_variables_and_inputs_variables_with_every_string_type() {
        // when
        PromptSpec spec = repository.load(TestFiles.resource("dialects/variables-rows.prompt.yml")).spec();

        // then
        assertThat(spec.variables()).containsExactly(
                new Variable("question", "", true, "string", Optional.of("why?")));
        assertThat(spec.parameters().maxTokens()).contains(100);
        assertThat(spec.parameters().topP()).contains(0.5);
        assertThat(spec.parameters().presencePenalty()).contains(1.0);
        assertThat(spec.parameters().frequencyPenalty()).contains(1.5);
        assertThat(spec.parameters().stop()).containsExactly("STOP");
        assertThat(spec.testData()).extracting(t -> t.variables().get("question"))
                .containsExactly("What is a lease?", "What is a fencing token?", "What is jitter?");
        assertThat(spec.testData().get(0).name()).contains("labelled row");
        assertThat(spec.testData().get(1).expected()).contains("token");
        assertThat(spec.evaluators()).containsExactly(
                RegexEvaluatorSpec.of("shorthand regex", "lease|token|jitter"),
                RegexEvaluatorSpec.of("regex match", "\\w+"),
                new StringEvaluatorSpec("exact", Operation.EQUALS, "{{expected}}"),
                new StringEvaluatorSpec("starts", Operation.STARTS_WITH, "A"),
                new StringEvaluatorSpec("ends", Operation.ENDS_WITH, "."));
    }

    @Test
    void should_read_idem_evaluator_kinds_and_llm_judges() {
        // when
        PromptSpec spec = repository.load(TestFiles.resource("dialects/idem-kinds.prompt.yml")).spec();

        // then
        assertThat(spec.evaluators()).containsExactly(
                new JsonEvaluatorSpec("valid json", Optional.of("{\"type\":\"object\"}")),
                new JsonEvaluatorSpec("plain json", Optional.empty()),
                new RubricEvaluatorSpec("rubric default", 0.75),
                new RubricEvaluatorSpec("rubric strict", 0.9),
                new DesignFormatEvaluatorSpec("format"),
                new LlmJudgeSpec("judge", Optional.of("openai/gpt-4o-mini"), "Is this a design? {{completion}}",
                        Map.of("yes", 1.0, "no", 0.0), Optional.of("You are a strict judge.")),
                new BuiltinJudgeSpec("coherent", "github/coherence"));
        LlmJudgeSpec judge = (LlmJudgeSpec) spec.evaluators().get(5);
        assertThat(judge.choices().keySet()).containsExactly("yes", "no");
        assertThat(spec.testData().get(0).evaluators()).containsExactly(new RefusalEvaluatorSpec("not refused", false));
        assertThat(spec.testData().get(1).evaluators()).containsExactly(new RefusalEvaluatorSpec("refused", true));
    }

    @Test
    void should_map_field_paths_to_one_based_lines_and_columns() {
        // when
        PromptSpec spec = repository.load(TestFiles.resource("dialects/vars-rows.prompt.yml")).spec();

        // then
        assertThat(spec.source().positionOf("modelParameters.temperature")).contains(new SourcePosition(15, 16));
        assertThat(spec.source().positionOf("modelParameters.maxTokens")).contains(new SourcePosition(16, 15));
        assertThat(spec.source().positionOf("messages[1].content")).contains(new SourcePosition(34, 14));
        assertThat(spec.source().positionOf("testData[0].inputs.topic")).contains(new SourcePosition(38, 14));
        assertThat(spec.source().positionOf("testData[0].vars.topic")).contains(new SourcePosition(38, 14));
        assertThat(spec.source().positionOf("evaluators[0].pattern")).contains(new SourcePosition(51, 16));
        assertThat(spec.source().name()).endsWith("vars-rows.prompt.yml");
    }

    @Test
    void should_keep_unknown_keys_and_report_them_as_warnings_with_their_paths() throws IOException {
        // given
        Path file = write("unknown.prompt.yml", """
                name: Unknown keys
                flavour: vanilla
                modelParameters:
                  temperature: 0.2
                  foo: 1
                messages:
                  - role: user
                    content: hi
                    mood: happy
                evaluators:
                  - name: r
                    regex: hi
                    description: only a label
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then (an evaluator's unknown keys are errors, see EvaluatorDialectsTest; its description is a label)
        assertThat(loaded.spec().unknownKeys()).containsExactly("flavour", "modelParameters.foo",
                "messages[0].mood");
        assertThat(loaded.warnings()).extracting(SpecIssue::field)
                .containsExactly("flavour", "modelParameters.foo", "messages[0].mood");
        assertThat(loaded.warnings()).noneMatch(SpecIssue::isError);
        assertThat(loaded.warnings().get(1).toString()).isEqualTo(file + ":5:3: modelParameters.foo: unknown key 'foo' (kept, ignored)");
    }

    @Test
    void should_name_a_spec_after_its_file_when_it_has_no_name() throws IOException {
        // given
        Path file = write("no-name.prompt.yml", """
                messages:
                  - role: user
                    content: hi
                """);

        // when
        PromptSpec spec = repository.load(file).spec();

        // then
        assertThat(spec.name()).isEqualTo("no-name");
    }

    @Test
    void should_keep_metadata_as_plain_java_values() {
        // given
        String yaml = """
                name: m
                metadata:
                  domain: technical
                  level: 3
                  ratio: 0.5
                  tags: [a, b]
                  requires_context: false
                  nested: {k: v}
                messages:
                  - role: user
                    content: hi
                """;

        // when
        PromptSpec spec = repository.parse("m.prompt.yml", yaml.getBytes(StandardCharsets.UTF_8)).spec();

        // then
        assertThat(spec.metadata()).containsEntry("domain", "technical").containsEntry("level", 3)
                .containsEntry("ratio", 0.5).containsEntry("tags", List.of("a", "b"))
                .containsEntry("requires_context", false).containsEntry("nested", Map.of("k", "v"));
    }

    @Test
    void should_expand_anchors_aliases_and_merge_keys() {
        // given
        String yaml = """
                name: anchors
                x-common: &common
                  temperature: 0.3
                modelParameters:
                  <<: *common
                  maxTokens: 10
                messages:
                  - role: user
                    content: &text "hello {{who}}"
                testData:
                  - who: *text
                """;

        // when
        LoadedSpec loaded = repository.parse("anchors.prompt.yml", yaml.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(loaded.spec().parameters().temperature()).contains(0.3);
        assertThat(loaded.spec().parameters().maxTokens()).contains(10);
        assertThat(loaded.spec().testData().get(0).variables()).containsEntry("who", "hello {{who}}");
        assertThat(loaded.spec().unknownKeys()).containsExactly("x-common");
    }

    @Test
    void should_treat_name_as_a_variable_in_flat_rows_only_when_a_message_uses_it() {
        // given
        String usesName = """
                messages:
                  - role: user
                    content: "Hello {{name}}"
                testData:
                  - name: Ada
                    description: greets Ada
                """;
        String labelOnly = """
                messages:
                  - role: user
                    content: "Hello {{who}}"
                testData:
                  - name: greets Ada
                    who: Ada
                """;

        // when
        PromptSpec variable = repository.parse("a.prompt.yml", usesName.getBytes(StandardCharsets.UTF_8)).spec();
        PromptSpec label = repository.parse("b.prompt.yml", labelOnly.getBytes(StandardCharsets.UTF_8)).spec();

        // then
        assertThat(variable.testData().get(0).variables()).containsExactly(Map.entry("name", "Ada"));
        assertThat(variable.testData().get(0).name()).contains("greets Ada");
        assertThat(label.testData().get(0).variables()).containsExactly(Map.entry("who", "Ada"));
        assertThat(label.testData().get(0).name()).contains("greets Ada");
    }

    @Test
    void should_keep_a_structured_value_of_a_flat_row_as_json_text() {
        // given
        String yaml = """
                messages:
                  - role: user
                    content: "{{order}}"
                testData:
                  - order: {id: 7, items: [a, b]}
                    name: {first: Ada}
                """;

        // when
        TestCase row = repository.parse("flat.prompt.yml", yaml.getBytes(StandardCharsets.UTF_8)).spec().testData().get(0);

        // then
        assertThat(row.variables()).containsExactly(Map.entry("order", "{\"id\":7,\"items\":[\"a\",\"b\"]}"),
                Map.entry("name", "{\"first\":\"Ada\"}"));
        assertThat(row.name()).isEmpty();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
