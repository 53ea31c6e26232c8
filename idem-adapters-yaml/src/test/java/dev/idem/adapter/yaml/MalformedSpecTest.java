package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedSpecTest {

    private static final String MESSAGES = """
            messages:
              - role: user
                content: hi
            """;

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    @TempDir
    Path dir;

    static Stream<Arguments> malformedSpecs() {
        return Stream.of(
                Arguments.of("invalid regex", MESSAGES + """
                        evaluators:
                          - name: broken
                            type: regex
                            pattern: "(unclosed"
                        """, ":7:14: evaluators[0].pattern: evaluator 'broken': invalid regex: Unclosed group"),
                Arguments.of("invalid shorthand regex", MESSAGES + """
                        evaluators:
                          - name: shorthand
                            regex: "[a-"
                        """, ":6:12: evaluators[0].pattern: evaluator 'shorthand': invalid regex:"),
                Arguments.of("invalid regex in a row evaluator", MESSAGES + """
                        testData:
                          - inputs: {}
                            evaluators:
                              - name: row regex
                                regex: {pattern: "*oops"}
                        """, ":8:26: testData[0].evaluators[0].pattern: evaluator 'row regex': invalid regex:"),
                Arguments.of("evaluator without kind", MESSAGES + """
                        evaluators:
                          - name: lonely
                        """, ":5:5: evaluators[0]: evaluator 'lonely' has no kind (expected one of regex, string,"),
                Arguments.of("unknown evaluator type", MESSAGES + """
                        evaluators:
                          - name: odd
                            type: sentiment
                        """, ":6:11: evaluators[0].type: evaluator 'odd': unknown type 'sentiment'"),
                Arguments.of("unknown built-in", MESSAGES + """
                        evaluators:
                          - name: odd
                            uses: github/telepathy
                        """, ":6:11: evaluators[0].uses: evaluator 'odd': unknown built-in evaluator 'github/telepathy'"),
                Arguments.of("a built-in left empty", MESSAGES + """
                        evaluators:
                          - name: similar
                            uses: ~
                        """, ":6:11: evaluators[0].uses: evaluator 'similar': uses names no built-in evaluator "
                        + "(expected one of github/similarity, github/coherence,"),
                Arguments.of("unknown role", """
                        messages:
                          - role: robot
                            content: beep
                        """, ":2:11: messages[0].role: unknown role 'robot' (expected system, user or assistant)"),
                Arguments.of("temperature is text", """
                        modelParameters:
                          temperature: "hot"
                        """ + MESSAGES, ":2:16: modelParameters.temperature: expected a number, got \"hot\""),
                Arguments.of("max tokens is not whole", """
                        modelParameters:
                          max_tokens: 1.5
                        """ + MESSAGES, ":2:15: modelParameters.max_tokens: expected a whole number, got 1.5"),
                Arguments.of("messages is text", """
                        name: x
                        messages: "x"
                        """, ":2:11: messages: expected a list of messages"),
                Arguments.of("message content is a list", """
                        messages:
                          - role: user
                            content: [a, b]
                        """, ":3:14: messages[0].content: expected text, got a list"),
                Arguments.of("testData is a mapping", MESSAGES + """
                        testData:
                          a: b
                        """, ":5:3: testData: expected a list of test rows, got a mapping"),
                Arguments.of("unknown response format", "responseFormat: xml\n" + MESSAGES,
                        ":1:17: responseFormat: unknown response format 'xml'"),
                Arguments.of("jsonSchema is not JSON", "jsonSchema: '{nope'\n" + MESSAGES,
                        ":1:13: jsonSchema: not valid JSON"),
                Arguments.of("rubric threshold out of range", MESSAGES + """
                        evaluators:
                          - name: rubric
                            type: rubric
                            threshold: 7
                        """, ":7:16: evaluators[0].threshold: evaluator 'rubric': threshold must be within 0..1"),
                Arguments.of("duplicate key", """
                        name: one
                        description: d
                        name: two
                        """ + MESSAGES, ":3:1: duplicate key 'name' (first at line 1)"),
                Arguments.of("syntax error", """
                        name: [unclosed
                        messages: []
                        """, ":2:9: YAML syntax error: expected ',' or ']'"),
                Arguments.of("top level is a list", "- a\n- b\n",
                        ":1:1: expected a mapping (name, messages, ...) at the top level, got a list"),
                Arguments.of("top level is a scalar", "just text\n",
                        ":1:1: expected a mapping (name, messages, ...) at the top level, got \"just text\""),
                Arguments.of("a list as a key", "? [a, b]\n: c\n" + MESSAGES,
                        ":1:4: YAML syntax error: a key must be plain text, not a list or a mapping"),
                Arguments.of("a name that is a list", "name: [a]\n" + MESSAGES, ":1:7: name: expected text, got a list"),
                Arguments.of("an llm judge without choices", MESSAGES + """
                        evaluators:
                          - name: judge
                            llm:
                              prompt: "Good? {{completion}}"
                        """, ":7:7: evaluators[0].llm.choices: evaluator 'judge': an llm evaluator needs a list of choices"),
                Arguments.of("two documents", "name: a\n" + MESSAGES + "---\nname: b\n",
                        ":6:1: more than one YAML document"),
                Arguments.of("undeclared placeholder (a domain rule)", """
                        variables:
                          - name: a
                        messages:
                          - role: user
                            content: "{{a}} {{b}}"
                        """, ":5:14: messages[0].content: placeholder '{{b}}' is not a declared variable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSpecs")
    void should_refuse_a_malformed_spec_with_file_line_column_and_field(String kind, String yaml, String expected)
            throws IOException {
        // given
        Path file = dir.resolve("bad.prompt.yml");
        Files.writeString(file, yaml);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e).as(kind).isNotNull();
        SpecIssue first = e.issues().get(0);
        assertThat(first.isError()).isTrue();
        assertThat(first.toString()).startsWith(file + expected);
        assertThat(e.getMessage()).isEqualTo(first.toString());
    }

    @Test
    void should_refuse_a_spec_without_messages_naming_the_field() throws IOException {
        // given
        Path file = dir.resolve("no-messages.prompt.yml");
        Files.writeString(file, "name: nothing to say\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.issues().get(0).field()).isEqualTo("messages");
        assertThat(e.getMessage()).startsWith(file + ": messages: missing");
    }

    @Test
    void should_report_every_error_of_a_spec_not_only_the_first() throws IOException {
        // given
        Path file = dir.resolve("many.prompt.yml");
        Files.writeString(file, """
                modelParameters:
                  temperature: hot
                  topP: cold
                messages:
                  - role: robot
                    content: x
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.issues()).extracting(SpecIssue::field)
                .containsExactly("modelParameters.temperature", "modelParameters.topP", "messages[0].role");
    }

    @Test
    void should_tell_the_warnings_of_a_file_it_rejects_for_its_fields_after_the_errors() throws IOException {
        // given: a misspelt parameter is why the limit the author wanted is not there
        Path file = dir.resolve("rejected.prompt.yml");
        Files.writeString(file, """
                modelParameters:
                  temperature: hot
                  max_tokenz: 100
                messages:
                  - role: user
                    content: hi
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.issues()).extracting(SpecIssue::isError, SpecIssue::field).containsExactly(
                tuple(true, "modelParameters.temperature"), tuple(false, "modelParameters.max_tokenz"));
        assertThat(e.errors()).hasSize(1);
        assertThat(e.getMessage()).contains("modelParameters.temperature");
    }

    @Test
    void should_tell_the_warnings_of_a_file_it_rejects_for_the_domain_rules() throws IOException {
        // given
        Path file = dir.resolve("rejected.prompt.yml");
        Files.writeString(file, """
                variables:
                  - name: topic
                colour: blue
                messages:
                  - role: user
                    content: "{{topic}} {{tone}}"
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.issues()).extracting(SpecIssue::isError, SpecIssue::field).containsExactly(
                tuple(true, "messages[0].content"), tuple(false, "colour"));
    }

    @Test
    void should_load_a_spec_whose_row_lacks_a_value_with_that_row_error_and_its_number() throws IOException {
        // given
        Path file = dir.resolve("row.prompt.yml");
        Files.writeString(file, """
                messages:
                  - role: user
                    content: "{{topic}}"
                testData:
                  - topic: caching
                  - other: x
                  - topic: retries
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.spec().testData()).hasSize(3);
        assertThat(loaded.rowErrors()).singleElement().satisfies(i -> {
            assertThat(i.testCase()).contains(2);
            assertThat(i.toString()).isEqualTo(file + ":6:5: testData[1]: missing value for placeholder '{{topic}}'");
        });
        assertThat(loaded.rowErrors(2)).hasSize(1);
        assertThat(loaded.rowErrors(1)).isEmpty();
    }

    @Test
    void should_refuse_a_missing_file() {
        // given
        Path file = dir.resolve("absent.prompt.yml");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).isEqualTo(file + ": cannot read file: no such file");
    }

    @Test
    void should_refuse_a_directory() {
        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(dir));

        // then
        assertThat(e.getMessage()).isEqualTo(dir + ": cannot read file: it is a directory");
    }

    @Test
    void should_refuse_an_empty_file() throws IOException {
        // given
        Path file = dir.resolve("empty.prompt.yml");
        Files.writeString(file, "\n  \n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).isEqualTo(file + ": empty spec file");
    }

    @Test
    void should_refuse_a_file_of_only_a_document_marker() throws IOException {
        // given
        Path file = dir.resolve("marker.prompt.yml");
        Files.writeString(file, "---\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).isEqualTo(file + ": empty spec file (no YAML content)");
    }

    @Test
    void should_refuse_a_file_of_only_comments() throws IOException {
        // given
        Path file = dir.resolve("comments.prompt.yml");
        Files.writeString(file, "# nothing here\n");

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).startsWith(file + ": empty spec file");
    }
}
