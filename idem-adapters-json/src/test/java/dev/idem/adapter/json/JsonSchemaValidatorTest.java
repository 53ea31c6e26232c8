package dev.idem.adapter.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.evaluation.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonSchemaValidatorTest {

    private final JsonSchemaValidator json = new JsonSchemaValidator();

    private static final String ANIMAL = """
            {"name": "animal_description", "strict": true, "schema": {
              "type": "object",
              "properties": {"name": {"type": "string"}, "diet": {"enum": ["carnivore", "herbivore", "omnivore"]}},
              "required": ["name", "diet"], "additionalProperties": false}}
            """;

    @Test
    void should_pass_one_json_value() {
        assertThat(json.check("{\"a\": [1, 2]}", Optional.empty()).passed()).isTrue();
        assertThat(json.check("```json\n{\"a\": 1}\n```", Optional.empty()).passed()).isTrue();
    }

    @Test
    void should_fail_text_that_is_not_json_or_has_trailing_content() {
        Verdict prose = json.check("Sure! {\"a\": 1}", Optional.empty());
        assertThat(prose.passed()).isFalse();
        assertThat(prose.details()).startsWith("not valid JSON");
        assertThat(json.check("{\"a\": 1} {\"b\": 2}", Optional.empty()).passed()).isFalse();
        assertThat(json.check("", Optional.empty()).passed()).isFalse();
    }

    @Test
    void should_check_the_schema_inside_an_openai_json_schema_wrapper() {
        assertThat(json.check("{\"name\": \"dog\", \"diet\": \"omnivore\"}", Optional.of(ANIMAL)).passed()).isTrue();
        Verdict wrong = json.check("{\"name\": \"dog\", \"diet\": \"rocks\"}", Optional.of(ANIMAL));
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.details()).contains("does not conform").contains("diet");
    }

    @Test
    void should_fail_with_a_clear_reason_when_the_schema_itself_is_broken() {
        Verdict v = json.check("{}", Optional.of("{not json"));
        assertThat(v.passed()).isFalse();
        assertThat(v.details()).contains("schema is invalid");
    }
}
