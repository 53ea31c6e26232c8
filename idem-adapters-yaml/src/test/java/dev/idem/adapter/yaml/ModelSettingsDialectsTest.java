package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages, model and model parameters as real specs write them: each read as meant, none silently ignored. */
class ModelSettingsDialectsTest {

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("x.prompt.yml"), yaml);
    }

    @Test
    void should_read_a_playground_export_applying_its_token_limit_and_not_sending_its_empty_system_prompt() {
        // when (before, max_completion_tokens was an unknown key and no limit was applied)
        LoadedSpec loaded = repository.load(TestFiles.resource("dialects/playground-export.prompt.yml"));

        // then
        assertThat(loaded.spec().parameters().maxTokens()).contains(800);
        assertThat(loaded.spec().parameters().topP()).contains(1.0);
        assertThat(loaded.warnings()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(
                tuple("messages[0].content", "empty system message: it is not sent"));
        assertThat(PromptRenderer.render(loaded.spec(), Map.of("kind", "graph")).messages())
                .containsExactly(new Message(Role.USER, "Name three graph databases."));
    }

    @Test
    void should_read_openai_names_for_the_token_limit_and_the_response_format() {
        // when (before, both were unknown keys: no limit, and a reply in any format)
        LoadedSpec loaded = repository.load(TestFiles.resource("dialects/parameters-openai-names.prompt.yml"));

        // then
        assertThat(loaded.spec().parameters().maxTokens()).contains(400);
        assertThat(loaded.spec().responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
        assertThat(loaded.warnings()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(
                tuple("modelParameters.response_format", "OpenAI's spelling, read as responseFormat: json_object; "
                        + "write it as responseFormat"));
    }

    @Test
    void should_read_an_openai_json_schema_response_format_with_its_schema() throws IOException {
        // given
        Path file = write("""
                messages:
                  - role: user
                    content: Describe a cat.
                modelParameters:
                  response_format:
                    type: json_schema
                    json_schema:
                      name: cat
                      schema: {type: object, required: [colour]}
                """);

        // when
        LoadedSpec loaded = repository.load(file);

        // then
        assertThat(loaded.spec().responseFormat()).isEqualTo(ResponseFormat.JSON_SCHEMA);
        assertThat(loaded.spec().jsonSchema()).hasValueSatisfying(s -> assertThat(s).contains("\"colour\""));
        assertThat(loaded.warnings()).extracting(SpecIssue::message).containsExactly("OpenAI's spelling, read as "
                + "responseFormat: json_schema; write it as responseFormat and jsonSchema");
    }

    @Test
    void should_refuse_a_response_format_given_both_ways_and_one_a_suite_sets_in_its_parameters()
            throws IOException {
        // given
        Path twice = write("""
                messages: [{role: user, content: hi}]
                responseFormat: text
                modelParameters:
                  response_format: {type: json_object}
                """);
        Files.writeString(dir.resolve("base.prompt.yml"), "messages: [{role: user, content: hi}]\n");
        Path suite = Files.writeString(dir.resolve("s.suite.yml"), """
                spec: base.prompt.yml
                modelParameters:
                  response_format: json_object
                """);

        // when
        InvalidSpecException both = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(twice));
        InvalidSpecException inSuite = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite));

        // then
        assertThat(both.errors()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(tuple(
                "modelParameters.response_format", "gives the response format again (as responseFormat does); "
                        + "write it once, as responseFormat"));
        assertThat(inSuite.errors()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(tuple(
                "modelParameters.response_format", "a suite takes the response format from the spec it evaluates "
                        + "(see 'spec'); it may not set one"));
    }

    @Test
    void should_read_a_token_limit_written_at_the_top_level_and_warn_about_an_empty_model() {
        // when (before, both keys were ignored: no limit, and no word about the empty model)
        LoadedSpec loaded = repository.load(TestFiles.resource("dialects/parameters-misplaced.prompt.yml"));

        // then
        assertThat(loaded.spec().parameters().maxTokens()).contains(120);
        assertThat(loaded.warnings()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(
                tuple("model", "empty, so the requests name no model: name one here, or pass --model"),
                tuple("max-tokens", "'max-tokens' belongs under modelParameters; read as modelParameters.maxTokens"));
        assertThat(loaded.warnings().get(1).position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(6));
    }

    @Test
    void should_refuse_a_parameter_written_both_at_the_top_level_and_in_model_parameters() throws IOException {
        // given
        Path file = write("""
                messages: [{role: user, content: hi}]
                max_tokens: 100
                modelParameters:
                  maxTokens: 50
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.errors()).extracting(SpecIssue::toString).containsExactly(file + ":2:1: max_tokens: "
                + "'max_tokens' is a model parameter given again in modelParameters; write it there only");
    }

    @Test
    void should_refuse_a_parameter_given_twice_under_two_of_its_names() throws IOException {
        // given
        Path file = write("""
                messages: [{role: user, content: hi}]
                modelParameters:
                  maxTokens: 50
                  max_completion_tokens: 100
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.errors()).extracting(SpecIssue::toString).containsExactly(file + ":4:26: "
                + "modelParameters.max_completion_tokens: 'max_completion_tokens' gives maxTokens again (as "
                + "'maxTokens' does); write it once");
    }

    @Test
    void should_refuse_a_json_schema_response_format_without_a_schema() {
        // given
        Path file = TestFiles.resource("invalid/json-schema-without-schema.prompt.yml");

        // when (before, it loaded and the requests asked for a schema that was not there)
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.errors()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(tuple(
                "responseFormat", "json_schema needs a jsonSchema: the schema the reply must follow (gh models "
                        + "refuses the file without one too)"));
    }

    @Test
    void should_refuse_an_empty_user_message() {
        // given
        Path file = TestFiles.resource("invalid/empty-user-message.prompt.yml");

        // when (before, it loaded and sent an empty question)
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.errors()).extracting(SpecIssue::field, SpecIssue::message).containsExactly(
                tuple("messages[1].content", "empty user message: a message needs content"));
        assertThat(e.errors().get(0).position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(5));
    }

    @Test
    void should_refuse_a_spec_whose_every_message_is_empty() throws IOException {
        // given
        Path file = write("""
                messages:
                  - role: system
                    content: ''
                """);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.errors()).extracting(SpecIssue::message)
                .containsExactly("every message is empty: there is nothing to send");
        assertThat(e.issues()).extracting(SpecIssue::message).contains("empty system message: it is not sent");
        assertThat(List.of(e.getMessage())).allMatch(m -> m.contains("messages: every message is empty"));
    }
}
