package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The published JSON Schema accepts every dialect idem loads and rejects what idem refuses. */
class PromptSpecSchemaTest {

    static final Path SCHEMA = Path.of("../schema/prompt-spec.schema.json");
    static final Path PROMPTS = Path.of("../prompts");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Stream<Path> validSpecs() throws IOException {
        List<Path> specs = new ArrayList<>();
        try (Stream<Path> prompts = Files.list(PROMPTS)) {
            prompts.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().forEach(specs::add);
        }
        try (Stream<Path> corpus = Files.list(TestFiles.resource("corpus/gh-models"))) {
            corpus.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().forEach(specs::add);
        }
        try (Stream<Path> dialects = Files.list(TestFiles.resource("dialects"))) {
            dialects.sorted().forEach(specs::add);
        }
        return specs.stream();
    }

    @Test
    void should_find_the_flagship_and_the_whole_corpus() throws IOException {
        assertThat(validSpecs()).contains(FlagshipSpecTest.FLAGSHIP.getParent().resolve("idempotency-architect.prompt.yml"))
                .hasSizeGreaterThanOrEqualTo(1 + 9 + 3);
    }

    @ParameterizedTest
    @MethodSource("validSpecs")
    void should_accept_every_spec_idem_loads(Path spec) throws IOException {
        // when
        Set<ValidationMessage> problems = schema.validate(YAML.readTree(spec.toFile()));

        // then
        assertThat(problems).as(spec.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"temperature-hot.prompt.yml", "messages-text.prompt.yml", "role-unknown.prompt.yml",
            "no-messages.prompt.yml", "evaluator-without-kind.prompt.yml", "max-tokens-text.prompt.yml",
            "json-schema-without-schema.prompt.yml", "empty-user-message.prompt.yml",
            "evaluator-unknown-key.prompt.yml"})
    void should_reject_specs_idem_refuses(String file) throws IOException {
        // given
        JsonNode spec = YAML.readTree(TestFiles.resource("invalid/" + file).toFile());

        // when
        Set<ValidationMessage> problems = schema.validate(spec);

        // then
        assertThat(problems).as(file).isNotEmpty();
    }

    @Test
    void should_accept_a_suite_that_refers_to_its_spec_instead_of_holding_messages() throws IOException {
        // given: SnakeYAML expands the suite's aliases, which Jackson's tree reader leaves as their names
        Object plain = new org.yaml.snakeyaml.Yaml().load(Files.readString(SpecReferenceTest.SUITE));
        JsonNode suite = new ObjectMapper().valueToTree(plain);

        // when
        Set<ValidationMessage> problems = schema.validate(suite);

        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void should_reject_a_spec_reference_that_is_not_a_path() throws IOException {
        // given
        JsonNode suite = YAML.readTree("spec: [a, b]\n");

        // when
        Set<ValidationMessage> problems = schema.validate(suite);

        // then
        assertThat(problems).extracting(m -> m.getInstanceLocation().toString()).contains("$.spec");
    }

    @Test
    void should_point_at_temperature_when_it_is_text() throws IOException {
        // given
        JsonNode spec = YAML.readTree(TestFiles.resource("invalid/temperature-hot.prompt.yml").toFile());

        // when
        Set<ValidationMessage> problems = schema.validate(spec);

        // then
        assertThat(problems).extracting(m -> m.getInstanceLocation().toString())
                .contains("$.modelParameters.temperature");
    }
}
