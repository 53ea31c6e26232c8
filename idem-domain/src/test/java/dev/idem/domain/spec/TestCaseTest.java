package dev.idem.domain.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCaseTest {

    private static TestCase unnamed(String... namesAndValues) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return TestCase.of(3, variables);
    }

    @Test
    void should_label_a_named_row_by_its_name() {
        // given
        TestCase row = new TestCase(1, Map.of("topic", "retries"), Optional.empty(), List.of(), Optional.of("happy"));

        // when / then
        assertThat(row.label()).isEqualTo("happy");
    }

    @Test
    void should_label_an_unnamed_row_by_its_first_value_on_one_line() {
        // given a first value spanning lines, with runs of blanks
        TestCase row = unnamed("topic", "  idempotency keys\n\tfor   payments \n", "tone", "dry");

        // when / then
        assertThat(row.label()).isEqualTo("idempotency keys for payments");
    }

    @Test
    void should_cut_a_long_first_value_at_a_word_within_the_label_length() {
        // given
        TestCase row = unnamed("context", "A payments API behind a load balancer that retries every POST on a "
                + "timeout, with Kafka consumers downstream");

        // when
        String label = row.label();

        // then
        assertThat(label).isEqualTo("A payments API behind a load balancer…");
        assertThat(label.length()).isLessThanOrEqualTo(TestCase.LABEL_LENGTH);
    }

    @Test
    void should_cut_a_long_single_word_at_the_label_length() {
        // given
        TestCase row = unnamed("blob", "x".repeat(100));

        // when
        String label = row.label();

        // then
        assertThat(label).isEqualTo("x".repeat(TestCase.LABEL_LENGTH - 1) + "…");
    }

    @Test
    void should_label_a_row_without_a_value_to_show_by_its_number() {
        // when / then
        assertThat(unnamed("topic", " \n ").label()).isEqualTo("case 3");
        assertThat(unnamed().label()).isEqualTo("case 3");
    }

    @Test
    void should_tell_apart_unnamed_rows_of_a_spec_whose_first_values_are_the_same() {
        // given
        TestCase named = new TestCase(2, Map.of("topic", "retries"), Optional.empty(), List.of(), Optional.of("named"));

        // when
        PromptSpec spec = PromptSpec.builder("s").message(dev.idem.domain.template.Role.USER, "{{topic}}")
                .testCase(TestCase.of(1, Map.of("topic", "retries"))).testCase(named)
                .testCase(TestCase.of(3, Map.of("topic", "retries"))).testCase(TestCase.of(4, Map.of("topic", "keys")))
                .build();

        // then
        assertThat(spec.testData()).extracting(TestCase::label)
                .containsExactly("retries (case 1)", "named", "retries (case 3)", "keys");
    }
}
